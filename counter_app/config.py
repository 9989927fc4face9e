"""The counter's configuration: a TOML file in the data dir, every key declared and validated here.

A feature adds its keys to KEYS below; `counter-app config show|set` and the settings window use them.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from counter_app.domain.office_hours import parse_office_hours
from counter_app.errors import ValidationError

# A raw value as typed (str), or as read from the TOML file (str, int, float, bool).
Parser = Callable[[Any], Any]


def _text(max_len: int = 300) -> Parser:
    def parse(raw: str) -> str:
        value = raw.strip()
        if len(value) > max_len:
            raise ValueError(f"dài quá {max_len} ký tự")
        return value

    return parse


def _int(lo: int, hi: int) -> Parser:
    def parse(raw: str) -> int:
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValueError("phải là một số nguyên") from None
        if not lo <= value <= hi:
            raise ValueError(f"phải từ {lo} đến {hi}")
        return value

    return parse


def _choice(*options: str) -> Parser:
    def parse(raw: str) -> str:
        value = str(raw).strip()
        if value not in options:
            raise ValueError("chỉ nhận " + ", ".join(options))
        return value

    return parse


def _bool(raw: str | bool) -> bool:
    if isinstance(raw, bool):
        return raw
    value = str(raw).strip().lower()
    if value in {"1", "true", "yes", "on", "có"}:
        return True
    if value in {"0", "false", "no", "off", "không"}:
        return False
    raise ValueError("chỉ nhận true hoặc false")


def _regex(pattern: str, explain: str) -> Parser:
    rx = re.compile(pattern)

    def parse(raw: str) -> str:
        value = str(raw).strip()
        if not rx.fullmatch(value):
            raise ValueError(explain)
        return value

    return parse


def _required(inner: Parser) -> Parser:
    """Every form's letterhead and the receipt carry it: blank is refused."""

    def parse(raw: str) -> Any:
        if str(raw).strip() == "":
            raise ValueError("không được để trống")
        return inner(raw)

    return parse


def _optional(inner: Parser) -> Parser:
    def parse(raw: str) -> Any:
        return "" if str(raw).strip() == "" else inner(raw)

    return parse


def _hours(raw: str) -> str:
    parse_office_hours(raw)  # raises ValueError with a Vietnamese message
    return str(raw).strip()


def _url(raw: str) -> str:
    value = str(raw).strip().rstrip("/")
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise ValueError("phải là địa chỉ http:// hoặc https://")
    return value


def _printer_uri(raw: str) -> str:
    value = str(raw).strip()
    if not re.fullmatch(r"(tcp|usb|serial|file|cups|win32)://\S+", value):
        raise ValueError(
            "phải có dạng tcp://HOST:PORT, usb://VID:PID, serial://…, file://…, cups://TÊN hoặc win32://TÊN"
        )
    return value


@dataclass(frozen=True)
class ConfigKey:
    name: str
    label: str  # Vietnamese, shown in messages and the settings window
    default: Any
    parse: Parser
    secret: bool = False


AGENCY_CODE_RE = r"[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}"

KEYS: dict[str, ConfigKey] = {
    k.name: k
    for k in [
        ConfigKey("agency.name", "Tên cơ quan", "UBND Phường Bến Nghé", _required(_text(200))),
        ConfigKey("agency.parent", "Cơ quan cấp trên", "UBND Thành phố Hồ Chí Minh", _text(200)),
        ConfigKey(
            "agency.code",
            "Mã định danh cơ quan",
            "000.00.06.H56",
            _regex(
                AGENCY_CODE_RE,
                "phải gồm các nhóm chữ số và chữ in hoa cách nhau bởi dấu chấm, ví dụ 000.00.06.H56",
            ),
        ),
        ConfigKey("agency.address", "Địa chỉ cơ quan", "29 Lê Duẩn, Phường Bến Nghé, Quận 1", _text(300)),
        ConfigKey("agency.province", "Tỉnh/Thành phố", "Thành phố Hồ Chí Minh", _text(100)),
        ConfigKey("agency.place", "Địa danh ghi trên văn bản", "Bến Nghé", _text(100)),
        ConfigKey("agency.head_title", "Chức danh người ký", "CHỦ TỊCH", _text(100)),
        ConfigKey("agency.head_name", "Họ tên người ký", "", _text(100)),
        ConfigKey("counter.number", "Số quầy", 1, _int(1, 99)),
        ConfigKey("office.hours", "Giờ làm việc", "07:30-11:30,13:30-17:00", _hours),
        ConfigKey(
            "bank.bin", "Mã BIN ngân hàng", "", _optional(_regex(r"[0-9]{6}", "phải gồm đúng 6 chữ số"))
        ),
        ConfigKey(
            "bank.account",
            "Số tài khoản",
            "",
            _optional(_regex(r"[0-9A-Za-z]{4,19}", "chỉ gồm chữ số và chữ cái, từ 4 đến 19 ký tự")),
        ),
        ConfigKey("bank.account_name", "Tên tài khoản", "", _text(100)),
        ConfigKey("bank.name", "Tên ngân hàng", "", _text(100)),
        ConfigKey(
            "city.server_url", "Máy chủ thành phố", "https://dichvucong.example.gov.vn", _optional(_url)
        ),
        ConfigKey("city.counter_id", "Mã quầy trên máy chủ", "", _text(64)),
        ConfigKey("city.secret", "Khóa bí mật của quầy", "", _text(200), secret=True),
        ConfigKey("printer.receipt", "Máy in biên nhận", "", _optional(_printer_uri)),
        ConfigKey("printer.ticket", "Máy in số thứ tự", "", _optional(_printer_uri)),
        ConfigKey(
            "printer.ticket_width", "Khổ giấy in số (mm)", 58, lambda raw: int(_choice("58", "80")(str(raw)))
        ),
        ConfigKey("printer.ticket_mode", "Chế độ in số", "raster", _choice("raster", "text")),
        # Every print job gives up after this long (a hung printer must not hang the kiosk); at most 5 s.
        ConfigKey("printer.timeout_ms", "Thời gian chờ máy in (ms)", 5000, _int(200, 5000)),
        ConfigKey(
            "forms.tracking_url", "Mẫu địa chỉ tra cứu hồ sơ", "{city_server}/tra-cuu?ma={code}", _text(300)
        ),
        ConfigKey(
            "forms.auto_print", "Tự in biên nhận, phiếu bổ sung, từ chối, xin lỗi khi lập", True, _bool
        ),
        # Form titles, numbers and the legal basis are text: the 2025 regime (NĐ 118/2025) renames forms.
        ConfigKey(
            "forms.legal_basis",
            "Căn cứ ban hành biểu mẫu",
            "Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ",
            _text(300),
        ),
        *[
            ConfigKey(f"forms.title.{form}", f"Tên biểu mẫu: {label}", default, _text(200))
            for form, label, default in (
                ("receipt", "giấy tiếp nhận", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
                ("supplement", "yêu cầu bổ sung", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
                ("rejection", "từ chối", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
                ("apology", "xin lỗi", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
                ("control", "kiểm soát", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
                ("register", "sổ theo dõi", "SỔ THEO DÕI HỒ SƠ"),
            )
        ],
        *[
            ConfigKey(f"forms.number.{form}", f"Số hiệu biểu mẫu: {label}", f"Mẫu số {n:02d}", _text(60))
            for n, (form, label) in enumerate(
                (
                    ("receipt", "giấy tiếp nhận"),
                    ("supplement", "yêu cầu bổ sung"),
                    ("rejection", "từ chối"),
                    ("apology", "xin lỗi"),
                    ("control", "kiểm soát"),
                    ("register", "sổ theo dõi"),
                ),
                1,
            )
        ],
        ConfigKey("forms.receipt_paper", "Khổ giấy biên nhận", "A4", _choice("A4", "A5")),
        ConfigKey("forms.receipt_copies", "Số liên biên nhận", 2, _int(1, 2)),
        ConfigKey("forms.contact_phone", "Số điện thoại hướng dẫn hồ sơ", "", _text(40)),
        ConfigKey(
            "forms.handling_office", "Cơ quan chủ trì giải quyết (để trống: tên cơ quan)", "", _text(200)
        ),
        ConfigKey(
            "queue.ticket_url",
            "Mẫu địa chỉ tra cứu số thứ tự",
            "{city_server}/so-thu-tu?so={number}&cq={agency}",
            _text(300),
        ),
        ConfigKey("queue.ticket_footer", "Dòng cuối phiếu số", "Xin cảm ơn quý khách!", _text(120)),
        ConfigKey("queue.kiosk_idle_s", "Máy lấy số: giây hiển thị số trước khi trở lại", 8, _int(2, 60)),
        ConfigKey(
            "queue.display_counters", "Bảng hiển thị: các quầy (để trống: mọi quầy có gọi số)", "", _text(100)
        ),
        ConfigKey("queue.voice", "Bảng hiển thị: đọc số", "auto", _choice("auto", "espeak", "clips", "off")),
        ConfigKey("rating.levels", "Số mức đánh giá", 3, lambda raw: int(_choice("3", "4")(str(raw)))),
        ConfigKey("rating.timeout_s", "Thời gian chờ đánh giá (giây)", 30, _int(5, 600)),
        ConfigKey("rating.open_with_clerk", "Mở màn hình đánh giá cùng cửa sổ cán bộ", True, _bool),
        # "auto": the first screen, left to right, other than the clerk window's (the primary one); else a
        # screen's name (as Windows shows it, e.g. DISPLAY2) or its place counted from the left (1, 2…).
        ConfigKey(
            "rating.screen", "Màn hình đánh giá (auto, tên hoặc thứ tự từ trái sang)", "auto", _text(100)
        ),
        # An offer older than this when the screen first sees it was made while no screen ran: not shown.
        ConfigKey("rating.offer_max_age_s", "Bỏ qua lời mời đánh giá cũ hơn (giây)", 600, _int(30, 28800)),
        ConfigKey("feedback.answer_days", "Hạn trả lời phản ánh (ngày làm việc)", 10, _int(1, 60)),
        ConfigKey(
            "sync.time",
            "Giờ đồng bộ hằng đêm",
            "21:00",
            _regex(r"([01]\d|2[0-3]):[0-5]\d", "phải có dạng HH:MM"),
        ),
        ConfigKey("sync.batch_size", "Số sự kiện mỗi lô", 500, _int(1, 5000)),
        ConfigKey("ui.language", "Ngôn ngữ", "vi", _choice("vi", "en")),
        # Monthly report: SIPAS targets (% satisfied) per group; defaults are Hà Nội 2021 (DESIGN §9).
        ConfigKey("report.target.access", "Chỉ tiêu hài lòng: Tiếp cận dịch vụ (%)", 86, _int(0, 100)),
        ConfigKey("report.target.procedure", "Chỉ tiêu hài lòng: Thủ tục hành chính (%)", 92, _int(0, 100)),
        ConfigKey("report.target.staff", "Chỉ tiêu hài lòng: Công chức (%)", 87, _int(0, 100)),
        ConfigKey("report.target.result", "Chỉ tiêu hài lòng: Kết quả giải quyết (%)", 90, _int(0, 100)),
        ConfigKey(
            "report.target.feedback", "Chỉ tiêu hài lòng: Tiếp nhận, xử lý phản ánh (%)", 85, _int(0, 100)
        ),
    ]
}


def _dig(tree: dict[str, Any], dotted: str) -> Any:
    node: Any = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(dotted)
        node = node[part]
    return node


class Config:
    """Effective configuration: declared defaults overlaid by the file. Writes go straight to disk."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._tree: dict[str, Any] = {}
        if self.path.exists():
            try:
                with self.path.open("rb") as fh:
                    self._tree = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise ValidationError(
                    f"tệp {self.path} không đúng định dạng TOML ({exc}); sửa hoặc xóa tệp rồi chạy lại",
                    field="config",
                    label="Tệp cấu hình",
                ) from None

    def get(self, key: str) -> Any:
        spec = self._spec(key)
        try:
            return _dig(self._tree, key)
        except KeyError:
            return spec.default

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def as_dict(self, *, reveal_secrets: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, spec in KEYS.items():
            value = self.get(name)
            out[name] = "********" if spec.secret and value and not reveal_secrets else value
        return out

    def set(self, key: str, raw: Any) -> Any:
        """Validate and store one key; a bad value is refused with a Vietnamese message naming it."""
        spec = self._spec(key)
        try:
            value = spec.parse(raw)
        except ValueError as exc:
            raise ValidationError(str(exc), field=key, label=spec.label) from None
        self.update({key: value}, validated=True)
        return value

    def update(self, values: dict[str, Any], *, validated: bool = False) -> None:
        """Set several keys at once: all are checked before any is written."""
        parsed: dict[str, Any] = {}
        for key, raw in values.items():
            spec = self._spec(key)
            if validated:
                parsed[key] = raw
                continue
            try:
                parsed[key] = spec.parse(raw)
            except ValueError as exc:
                raise ValidationError(str(exc), field=key, label=spec.label) from None
        for key, value in parsed.items():
            section, _, leaf = key.rpartition(".")
            node = self._tree
            for part in section.split("."):
                node = node.setdefault(part, {})
            node[leaf] = value
        self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".toml.tmp")
        # The file can hold the counter's sync secret: readable by the app's user only.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            tomli_w.dump(self._tree, fh)
        os.replace(tmp, self.path)
        try:
            os.chmod(self.path, 0o600)
        except OSError:  # pragma: no cover - Windows ACLs differ; the user profile dir is private there
            pass

    @staticmethod
    def _spec(key: str) -> ConfigKey:
        try:
            return KEYS[key]
        except KeyError:
            raise ValidationError(
                "khóa cấu hình không tồn tại; xem `counter-app config show`", field=key, label=key
            ) from None
