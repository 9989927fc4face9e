"""Every configuration key, declared once in its area's section (`number = Setting("counter.number", …)`).

A declaration gives both the entry of KEYS (`counter-app config show|set`, the settings window) and the
typed way to read it: `ctx.config.counter.number` is an int (the sections are attributes of
counter_app/config.py's Config). Only this module spells the dotted names. Each key has a scope, OFFICE
or PC (see counter_app/config.py for where each kind is stored).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, Generic, Protocol, TypeVar, overload

from contract.index766_targets import TARGET_PCT as _TARGET
from counter_app import config_rules as rule
from counter_app.config_rules import AGENCY_CODE_RE, Rule


class KeyReader(Protocol):
    """What a section reads its keys from: counter_app/config.py's Config."""

    def get(self, key: str) -> Any: ...

    def text(self, key: str) -> str: ...


T = TypeVar("T")

OFFICE = "office"  # shared by every PC of the office: in the office database when there is one
PC = "pc"  # this PC's own: always in config.toml
SCOPE_LABELS = {OFFICE: "văn phòng", PC: "máy này"}


@dataclass(frozen=True)
class ConfigKey(Generic[T]):
    name: str
    label: str  # Vietnamese, shown in messages and the settings window
    default: T
    parse: Rule[T]
    secret: bool = False
    scope: str = PC


# Every declared key in declaration order (the settings window lists them in this order).
KEYS: dict[str, ConfigKey[Any]] = {}


class Setting(Generic[T]):
    """One declared key, read as a typed attribute of its section: `config.counter.number`."""

    def __init__(
        self,
        name: str,
        label: str,
        default: T,
        parse: Rule[T],
        *,
        secret: bool = False,
        scope: str | None = None,  # None: the section's
    ) -> None:
        if name in KEYS:
            raise RuntimeError(f"config key {name} declared twice")
        self.scope = scope
        self.key = ConfigKey(name, label, default, parse, secret)
        KEYS[name] = self.key

    def __set_name__(self, owner: type[Section], attr: str) -> None:
        # The attribute is the key's name after its section's, dots as underscores: no second naming.
        head, leaf = f"{owner.prefix}.", self.key.name.removeprefix(f"{owner.prefix}.")
        if not self.key.name.startswith(head) or leaf.replace(".", "_") != attr:
            raise RuntimeError(f"{owner.__name__}.{attr} would read {self.key.name}")
        scope = self.scope or owner.scope
        if scope not in (OFFICE, PC):
            raise RuntimeError(f"{owner.__name__}.{attr}: scope must be OFFICE or PC")
        self.key = replace(self.key, scope=scope)
        KEYS[self.key.name] = self.key

    @overload
    def __get__(self, section: None, owner: type[Section]) -> Setting[T]: ...

    @overload
    def __get__(self, section: Section, owner: type[Section]) -> T: ...

    def __get__(self, section: Section | None, owner: type[Section]) -> Setting[T] | T:
        if section is None:
            return self
        value: T = section.config.get(self.key.name)
        return value


class Section:
    prefix: ClassVar[str]
    # Its keys' scope unless a key says otherwise. A section that does not say is this PC's: its keys stay
    # in config.toml, as every key did before office databases.
    scope: ClassVar[str] = PC

    def __init__(self, config: KeyReader) -> None:
        self.config = config


# --- the keys, by area -----------------------------------------------------------------------------


class AgencySettings(Section):
    prefix = "agency"
    scope = OFFICE
    name = Setting("agency.name", "Tên cơ quan", "UBND Phường Bến Nghé", rule.required(rule.text(200)))
    parent = Setting("agency.parent", "Cơ quan cấp trên", "UBND Thành phố Hồ Chí Minh", rule.text(200))
    code = Setting(
        "agency.code",
        "Mã định danh cơ quan",
        "000.00.06.H56",
        rule.regex(
            AGENCY_CODE_RE,
            "phải gồm các nhóm chữ số và chữ in hoa cách nhau bởi dấu chấm, ví dụ 000.00.06.H56",
        ),
    )
    address = Setting(
        "agency.address", "Địa chỉ cơ quan", "29 Lê Duẩn, Phường Bến Nghé, Quận 1", rule.text(300)
    )
    province = Setting("agency.province", "Tỉnh/Thành phố", "Thành phố Hồ Chí Minh", rule.text(100))
    place = Setting("agency.place", "Địa danh ghi trên văn bản", "Bến Nghé", rule.text(100))
    head_title = Setting("agency.head_title", "Chức danh người ký", "CHỦ TỊCH", rule.text(100))
    head_name = Setting("agency.head_name", "Họ tên người ký", "", rule.text(100))


class DatabaseSettings(Section):
    prefix = "database"
    scope = PC
    # Empty: the SQLite file in the data dir (one PC). A multi-PC office points every PC at one PostgreSQL
    # (db/office_engine.py, docs/office-setup.md). Secret: the URL carries the role's password.
    url = Setting("database.url", "Cơ sở dữ liệu văn phòng", "", rule.database_url, secret=True)


class CounterSettings(Section):
    prefix = "counter"
    scope = PC
    number = Setting("counter.number", "Số quầy", 1, rule.integer(1, 99))
    # Whose numbers this database hands out (counter_app/services/numbering.py, docs/domain.md, Dossier code).
    number_block = Setting(
        "counter.number_block",
        "Khối số của quầy (mã hồ sơ, sổ, số thứ tự)",
        "auto",
        rule.choice("auto", "office", *(str(b) for b in range(10))),
    )


class OfficeSettings(Section):
    prefix = "office"
    scope = OFFICE
    hours = Setting("office.hours", "Giờ làm việc", "07:30-11:30,13:30-17:00", rule.office_hours)


class BankSettings(Section):
    prefix = "bank"
    scope = OFFICE
    bin = Setting(
        "bank.bin", "Mã BIN ngân hàng", "", rule.optional(rule.regex(r"[0-9]{6}", "phải gồm đúng 6 chữ số"))
    )
    account = Setting(
        "bank.account",
        "Số tài khoản",
        "",
        rule.optional(rule.regex(r"[0-9A-Za-z]{4,19}", "chỉ gồm chữ số và chữ cái, từ 4 đến 19 ký tự")),
    )
    account_name = Setting("bank.account_name", "Tên tài khoản", "", rule.text(100))
    name = Setting("bank.name", "Tên ngân hàng", "", rule.text(100))


class CitySettings(Section):
    prefix = "city"
    scope = OFFICE
    server_url = Setting(
        "city.server_url", "Máy chủ thành phố", "https://dichvucong.example.gov.vn", rule.optional(rule.url)
    )
    counter_id = Setting("city.counter_id", "Mã quầy trên máy chủ", "", rule.text(64))
    secret = Setting("city.secret", "Khóa bí mật của quầy", "", rule.text(200), secret=True)
    # Plain http:// to a remote host would carry citizens' data in clear text (services/sync.py).
    allow_http = Setting(
        "city.allow_http", "Cho phép gửi không mã hóa (http://) tới máy chủ", False, rule.boolean
    )


class PrinterSettings(Section):
    prefix = "printer"
    scope = PC
    receipt = Setting("printer.receipt", "Máy in biên nhận", "", rule.optional(rule.printer_uri))
    ticket = Setting("printer.ticket", "Máy in số thứ tự", "", rule.optional(rule.printer_uri))
    ticket_width = Setting("printer.ticket_width", "Khổ giấy in số (mm)", 58, rule.int_choice(58, 80))
    ticket_mode = Setting("printer.ticket_mode", "Chế độ in số", "raster", rule.choice("raster", "text"))
    # Every print job gives up after this long (a hung printer must not hang the kiosk); at most 5 s.
    timeout_ms = Setting("printer.timeout_ms", "Thời gian chờ máy in (ms)", 5000, rule.integer(200, 5000))


def _form_title(form: str, label: str) -> Setting[str]:
    return Setting(f"forms.title.{form}", f"Tên biểu mẫu: {label}", "", rule.text(200))


def _form_number(form: str, label: str) -> Setting[str]:
    return Setting(f"forms.number.{form}", f"Số hiệu biểu mẫu: {label}", "", rule.text(60))


class FormsSettings(Section):
    prefix = "forms"
    scope = OFFICE
    tracking_url = Setting(
        "forms.tracking_url",
        "Mẫu địa chỉ tra cứu hồ sơ",
        "{city_server}/tra-cuu?ma={code}&k={key}",
        rule.text(300),
    )
    # The counter's own habit with its own printer.
    auto_print = Setting(
        "forms.auto_print",
        "Tự in biên nhận, phiếu bổ sung, từ chối, xin lỗi khi lập",
        True,
        rule.boolean,
        scope=PC,
    )
    # The set of official forms: 2025 = Thông tư 03/2025/TT-VPCP, 2018 = Thông tư 01/2018/TT-VPCP
    # (counter_app/domain/form_sets.py). The wordings below, left empty, take the chosen set's.
    set = Setting("forms.set", "Bộ biểu mẫu", "2025", rule.choice("2025", "2018"))
    legal_basis = Setting("forms.legal_basis", "Căn cứ ban hành biểu mẫu", "", rule.text(300))
    unit_name = Setting("forms.unit_name", "Tên đơn vị tiếp nhận in trên biểu mẫu", "", rule.text(200))
    contact_name = Setting("forms.contact_name", "Người liên hệ hướng dẫn hồ sơ", "", rule.text(100))
    title_receipt = _form_title("receipt", "giấy tiếp nhận")
    title_supplement = _form_title("supplement", "yêu cầu bổ sung")
    title_rejection = _form_title("rejection", "từ chối")
    title_apology = _form_title("apology", "xin lỗi")
    title_stop = _form_title("stop", "dừng giải quyết")
    title_control = _form_title("control", "kiểm soát")
    title_register = _form_title("register", "sổ theo dõi")
    number_receipt = _form_number("receipt", "giấy tiếp nhận")
    number_supplement = _form_number("supplement", "yêu cầu bổ sung")
    number_rejection = _form_number("rejection", "từ chối")
    number_apology = _form_number("apology", "xin lỗi")
    number_stop = _form_number("stop", "dừng giải quyết")
    number_control = _form_number("control", "kiểm soát")
    number_register = _form_number("register", "sổ theo dõi")
    # The paper in this counter's printer.
    receipt_paper = Setting(
        "forms.receipt_paper", "Khổ giấy biên nhận", "A4", rule.choice("A4", "A5"), scope=PC
    )
    receipt_copies = Setting("forms.receipt_copies", "Số liên biên nhận", 2, rule.integer(1, 2))
    contact_phone = Setting("forms.contact_phone", "Số điện thoại hướng dẫn hồ sơ", "", rule.text(40))
    handling_office = Setting(
        "forms.handling_office", "Cơ quan chủ trì giải quyết (để trống: tên cơ quan)", "", rule.text(200)
    )

    def title(self, form: str) -> str:
        """The configured title of a form ("receipt", "supplement", …); empty: the set's."""
        return self.config.text(f"forms.title.{form}")

    def number(self, form: str) -> str:
        """The configured number of a form ("Mẫu số 01"…); empty: the set's."""
        return self.config.text(f"forms.number.{form}")


class QueueSettings(Section):
    prefix = "queue"
    scope = OFFICE
    ticket_url = Setting(
        "queue.ticket_url",
        "Mẫu địa chỉ tra cứu số thứ tự",
        "{city_server}/so-thu-tu?so={number}&cq={agency}",
        rule.text(300),
    )
    ticket_footer = Setting(
        "queue.ticket_footer", "Dòng cuối phiếu số", "Xin cảm ơn quý khách!", rule.text(120)
    )
    # The kiosk's and the board's screens and speakers are each PC's own.
    kiosk_idle_s = Setting(
        "queue.kiosk_idle_s",
        "Máy lấy số: giây hiển thị số trước khi trở lại",
        8,
        rule.integer(2, 60),
        scope=PC,
    )
    display_counters = Setting(
        "queue.display_counters",
        "Bảng hiển thị: các quầy (để trống: mọi quầy có gọi số)",
        "",
        rule.text(100),
        scope=PC,
    )
    voice = Setting(
        "queue.voice",
        "Bảng hiển thị: đọc số",
        "auto",
        rule.choice("auto", "espeak", "clips", "off"),
        scope=PC,
    )


class RatingSettings(Section):
    prefix = "rating"
    scope = OFFICE
    levels = Setting("rating.levels", "Số mức đánh giá", 3, rule.int_choice(3, 4))
    timeout_s = Setting("rating.timeout_s", "Thời gian chờ đánh giá (giây)", 30, rule.integer(5, 600))
    # "auto": only when the citizen has a screen of their own (a second monitor); "always" also on a
    # one-monitor counter, where it comes to the front for each question (ui/rating/placement.py); "never".
    open_with_clerk = Setting(
        "rating.open_with_clerk",
        "Mở màn hình đánh giá cùng cửa sổ cán bộ",
        "auto",
        rule.open_with_clerk,
        scope=PC,
    )
    # "auto": the first screen, left to right, other than the clerk window's (the primary one); else a
    # screen's name (as Windows shows it, e.g. DISPLAY2) or its place counted from the left (1, 2…).
    screen = Setting(
        "rating.screen",
        "Màn hình đánh giá (auto, tên hoặc thứ tự từ trái sang)",
        "auto",
        rule.text(100),
        scope=PC,
    )
    # An offer older than this when the screen first sees it was made while no screen ran: not shown.
    offer_max_age_s = Setting(
        "rating.offer_max_age_s", "Bỏ qua lời mời đánh giá cũ hơn (giây)", 600, rule.integer(30, 28800)
    )


class FeedbackSettings(Section):
    prefix = "feedback"
    scope = OFFICE
    answer_days = Setting(
        "feedback.answer_days", "Hạn trả lời phản ánh (ngày làm việc)", 10, rule.integer(1, 60)
    )


class SyncSettings(Section):
    prefix = "sync"
    scope = OFFICE
    time = Setting(
        "sync.time",
        "Giờ đồng bộ hằng đêm",
        "21:00",
        rule.regex(r"([01]\d|2[0-3]):[0-5]\d", "phải có dạng HH:MM"),
    )
    batch_size = Setting("sync.batch_size", "Số sự kiện mỗi lô", 500, rule.integer(1, 5000))
    # In office hours the queue and dossiers also go up every this many seconds (0: nightly only), so the
    # ticket page (/so-thu-tu) is live (counter_app/services/live_sync.py).
    live_seconds = Setting(
        "sync.live_seconds", "Đồng bộ trong giờ làm việc mỗi (giây; 0: tắt)", 30, rule.integer(0, 3600)
    )
    # Sent events keep no personal data beyond this many days once the city acknowledged them.
    keep_days = Setting(
        "sync.keep_days", "Giữ dữ liệu cá nhân của sự kiện đã gửi (ngày)", 30, rule.integer(1, 3650)
    )


class UiSettings(Section):
    prefix = "ui"
    scope = PC
    language = Setting("ui.language", "Ngôn ngữ", "vi", rule.choice("vi", "en"))


class ScannerSettings(Section):
    prefix = "scanner"
    # Digitised papers (counter_app/digitise): a grey page at `dpi`, JPEG within `page_kb`.
    device = Setting("scanner.device", "Máy quét (trống: máy đầu tiên tìm thấy)", "", rule.text(200))
    source = Setting("scanner.source", "Khay giấy máy quét (ví dụ ADF; trống: mặc định)", "", rule.text(60))
    folder = Setting("scanner.folder", "Thư mục máy quét lưu tệp (quét vào thư mục)", "", rule.text(300))
    dpi = Setting("scanner.dpi", "Độ phân giải lưu trang (dpi)", 150, rule.integer(100, 300))
    page_kb = Setting("scanner.page_kb", "Dung lượng tối đa mỗi trang (KB)", 150, rule.integer(50, 2000))
    timeout_s = Setting("scanner.timeout_s", "Thời gian chờ máy quét (giây)", 120, rule.integer(10, 900))


def _index_target(indicator: str, label: str) -> Setting[int]:
    """An office's target (%) for a QĐ 766 indicator, its default from contract/index766_targets.py."""
    return Setting(
        f"report.index_target.{indicator}",
        f"Chỉ tiêu 766: {label} (%)",
        _TARGET[indicator],
        rule.integer(0, 100),
    )


class ReportSettings(Section):
    prefix = "report"
    scope = OFFICE
    # SIPAS targets (% satisfied) per group; the defaults are Hà Nội's 2021 targets (document
    # 2542/UBND-SNV, Phụ lục 1; see docs/domain.md, "Satisfaction").
    target_access = Setting(
        "report.target.access", "Chỉ tiêu hài lòng: Tiếp cận dịch vụ (%)", 86, rule.integer(0, 100)
    )
    target_procedure = Setting(
        "report.target.procedure", "Chỉ tiêu hài lòng: Thủ tục hành chính (%)", 92, rule.integer(0, 100)
    )
    target_staff = Setting(
        "report.target.staff", "Chỉ tiêu hài lòng: Công chức (%)", 87, rule.integer(0, 100)
    )
    target_result = Setting(
        "report.target.result", "Chỉ tiêu hài lòng: Kết quả giải quyết (%)", 90, rule.integer(0, 100)
    )
    target_feedback = Setting(
        "report.target.feedback", "Chỉ tiêu hài lòng: Tiếp nhận, xử lý phản ánh (%)", 85, rule.integer(0, 100)
    )

    # The QĐ 766 index (contract/index766.py, docs/index-766.md): a target per indicator (an office
    # setting, defaults in contract/index766_targets.py: the decision scores, it sets no monthly target)
    # and, where no official formula was found, which of the offered formulas to count with.
    index_target_on_time = _index_target("on_time", "Giải quyết trước hạn, đúng hạn")
    index_target_digitised_intake = _index_target("digitised_intake", "Số hóa hồ sơ khi tiếp nhận")
    index_target_digitised_result = _index_target("digitised_result", "Số hóa kết quả")
    index_target_reuse = _index_target("reuse", "Sử dụng lại giấy tờ đã số hóa")
    index_target_online_intake = _index_target("online_intake", "Hồ sơ tiếp nhận trực tuyến")
    index_target_cashless = _index_target("cashless", "Thanh toán không dùng tiền mặt")
    index_target_satisfaction = _index_target("satisfaction", "Hài lòng")
    index_formula_digitised_intake = Setting(
        "report.index_formula.digitised_intake",
        "Công thức 766: Số hóa hồ sơ khi tiếp nhận",
        "all_papers",
        rule.choice("all_papers", "any_paper"),
    )
    index_formula_reuse = Setting(
        "report.index_formula.reuse",
        "Công thức 766: Sử dụng lại",
        "dossiers",
        rule.choice("dossiers", "papers"),
    )
    index_formula_cashless = Setting(
        "report.index_formula.cashless",
        "Công thức 766: Thanh toán không dùng tiền mặt",
        "payments",
        rule.choice("payments", "dossiers"),
    )
    index_formula_satisfaction = Setting(
        "report.index_formula.satisfaction", "Công thức 766: Hài lòng", "rated", rule.choice("rated", "qd766")
    )

    def target(self, group: str) -> int:
        """The target (% satisfied) of a SIPAS group by its key ("access", "staff", …)."""
        value = self.config.get(f"report.target.{group}")
        assert isinstance(value, int)
        return value

    def index_target(self, indicator: str) -> int | None:
        """The office's target (%) for a QĐ 766 indicator by its key (contract/index766.py); None: none."""
        key = f"report.index_target.{indicator}"
        value = self.config.get(key) if key in KEYS else None
        return value if isinstance(value, int) else None

    def index_formula(self, indicator: str) -> str | None:
        """The chosen formula of a QĐ 766 indicator where the office may choose one (else None)."""
        key = f"report.index_formula.{indicator}"
        value = self.config.get(key) if key in KEYS else None
        return value if isinstance(value, str) else None
