"""A form over declared config keys (counter_app.config.KEYS): one row per key with its live message.

Used by the first-run wizard and the settings view. Values are checked with each key's own parser
(pure, no disk), so the message next to a field is exactly what saving would say.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.config import KEYS
from ui.clerk.common import ErrorLabel, core_message, field_label, translate
from ui.i18n import QT_TRANSLATE_NOOP

# Keys shown as a choice list: key → [(stored value, label to translate)].
CHOICES: dict[str, list[tuple[Any, str]]] = {
    "printer.ticket_width": [
        (58, QT_TRANSLATE_NOOP("ConfigForm", "58 mm")),
        (80, QT_TRANSLATE_NOOP("ConfigForm", "80 mm")),
    ],
    "printer.ticket_mode": [
        ("raster", QT_TRANSLATE_NOOP("ConfigForm", "Ảnh (raster, đúng dấu tiếng Việt)")),
        ("text", QT_TRANSLATE_NOOP("ConfigForm", "Chữ (bảng mã máy in)")),
    ],
    # Each language by its own name, untranslated: whoever cannot read the current one still finds theirs.
    "ui.language": [("vi", "Tiếng Việt"), ("en", "English")],
    "rating.levels": [
        (3, QT_TRANSLATE_NOOP("ConfigForm", "3 mức")),
        (4, QT_TRANSLATE_NOOP("ConfigForm", "4 mức")),
    ],
    "rating.open_with_clerk": [
        ("auto", QT_TRANSLATE_NOOP("ConfigForm", "Khi có màn hình thứ hai")),
        ("always", QT_TRANSLATE_NOOP("ConfigForm", "Luôn mở (một màn hình: hiện lên khi mời đánh giá)")),
        ("never", QT_TRANSLATE_NOOP("ConfigForm", "Không mở")),
    ],
    "forms.receipt_paper": [
        ("A4", QT_TRANSLATE_NOOP("ConfigForm", "A4")),
        ("A5", QT_TRANSLATE_NOOP("ConfigForm", "A5")),
    ],
    "queue.voice": [
        ("auto", QT_TRANSLATE_NOOP("ConfigForm", "Tự động (eSpeak NG nếu có, nếu không thì tiếng ghi sẵn)")),
        ("espeak", QT_TRANSLATE_NOOP("ConfigForm", "Giọng đọc eSpeak NG")),
        ("clips", QT_TRANSLATE_NOOP("ConfigForm", "Tiếng ghi sẵn")),
        ("off", QT_TRANSLATE_NOOP("ConfigForm", "Tắt")),
    ],
}
# The QĐ 766 formulas an office may choose (contract/index766.py, docs/index-766.md).
CHOICES.update(
    {
        "report.index_formula.digitised_intake": [
            ("all_papers", QT_TRANSLATE_NOOP("ConfigForm", "Mọi thành phần đã số hóa")),
            ("any_paper", QT_TRANSLATE_NOOP("ConfigForm", "Ít nhất một thành phần đã số hóa")),
        ],
        "report.index_formula.reuse": [
            ("dossiers", QT_TRANSLATE_NOOP("ConfigForm", "Theo hồ sơ")),
            ("papers", QT_TRANSLATE_NOOP("ConfigForm", "Theo thành phần hồ sơ")),
        ],
        "report.index_formula.cashless": [
            ("payments", QT_TRANSLATE_NOOP("ConfigForm", "Theo lần nộp (như báo cáo tháng)")),
            ("dossiers", QT_TRANSLATE_NOOP("ConfigForm", "Theo hồ sơ")),
        ],
        "report.index_formula.satisfaction": [
            ("rated", QT_TRANSLATE_NOOP("ConfigForm", "Trên số lượt đánh giá (như báo cáo tháng)")),
            ("qd766", QT_TRANSLATE_NOOP("ConfigForm", "Dạng công thức của QĐ 766")),
        ],
    }
)
UNTRANSLATED_CHOICES = frozenset({"ui.language"})

# Labels of the declared keys, so lupdate extracts them (the config module itself stays Qt-free).
_LABELS = [
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên cơ quan"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Cơ quan cấp trên"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Mã định danh cơ quan"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Địa chỉ cơ quan"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tỉnh/Thành phố"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Địa danh ghi trên văn bản"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chức danh người ký"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Họ tên người ký"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số quầy"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Cơ sở dữ liệu văn phòng"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Khối số của quầy (mã hồ sơ, sổ, số thứ tự)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Giờ làm việc"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Mã BIN ngân hàng"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số tài khoản"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên tài khoản"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên ngân hàng"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Máy chủ thành phố"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Mã quầy trên máy chủ"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Khóa bí mật của quầy"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Máy in biên nhận"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Máy in số thứ tự"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Khổ giấy in số (mm)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chế độ in số"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Thời gian chờ máy in (ms)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Mẫu địa chỉ tra cứu hồ sơ"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tự in biên nhận, phiếu bổ sung, từ chối, xin lỗi khi lập"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Bộ biểu mẫu"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Căn cứ ban hành biểu mẫu"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên đơn vị tiếp nhận in trên biểu mẫu"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Người liên hệ hướng dẫn hồ sơ"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên biểu mẫu: giấy tiếp nhận"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên biểu mẫu: yêu cầu bổ sung"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên biểu mẫu: từ chối"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên biểu mẫu: xin lỗi"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên biểu mẫu: dừng giải quyết"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên biểu mẫu: kiểm soát"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Tên biểu mẫu: sổ theo dõi"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số hiệu biểu mẫu: giấy tiếp nhận"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số hiệu biểu mẫu: yêu cầu bổ sung"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số hiệu biểu mẫu: từ chối"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số hiệu biểu mẫu: xin lỗi"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số hiệu biểu mẫu: dừng giải quyết"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số hiệu biểu mẫu: kiểm soát"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số hiệu biểu mẫu: sổ theo dõi"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Khổ giấy biên nhận"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số liên biên nhận"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số điện thoại hướng dẫn hồ sơ"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Cơ quan chủ trì giải quyết (để trống: tên cơ quan)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Mẫu địa chỉ tra cứu số thứ tự"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Dòng cuối phiếu số"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Máy lấy số: giây hiển thị số trước khi trở lại"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Bảng hiển thị: các quầy (để trống: mọi quầy có gọi số)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Bảng hiển thị: đọc số"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số mức đánh giá"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Thời gian chờ đánh giá (giây)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Mở màn hình đánh giá cùng cửa sổ cán bộ"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Màn hình đánh giá (auto, tên hoặc thứ tự từ trái sang)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Bỏ qua lời mời đánh giá cũ hơn (giây)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Hạn trả lời phản ánh (ngày làm việc)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Giờ đồng bộ hằng đêm"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Số sự kiện mỗi lô"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Đồng bộ trong giờ làm việc mỗi (giây; 0: tắt)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Giữ dữ liệu cá nhân của sự kiện đã gửi (ngày)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Cho phép gửi không mã hóa (http://) tới máy chủ"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Ngôn ngữ"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Máy quét (trống: máy đầu tiên tìm thấy)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Khay giấy máy quét (ví dụ ADF; trống: mặc định)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Thư mục máy quét lưu tệp (quét vào thư mục)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Độ phân giải lưu trang (dpi)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Dung lượng tối đa mỗi trang (KB)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Thời gian chờ máy quét (giây)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu hài lòng: Tiếp cận dịch vụ (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu hài lòng: Thủ tục hành chính (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu hài lòng: Công chức (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu hài lòng: Kết quả giải quyết (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu hài lòng: Tiếp nhận, xử lý phản ánh (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu 766: Giải quyết trước hạn, đúng hạn (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu 766: Số hóa hồ sơ khi tiếp nhận (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu 766: Số hóa kết quả (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu 766: Sử dụng lại giấy tờ đã số hóa (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu 766: Hồ sơ tiếp nhận trực tuyến (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu 766: Thanh toán không dùng tiền mặt (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Chỉ tiêu 766: Hài lòng (%)"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Công thức 766: Số hóa hồ sơ khi tiếp nhận"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Công thức 766: Sử dụng lại"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Công thức 766: Thanh toán không dùng tiền mặt"),
    QT_TRANSLATE_NOOP("ConfigLabels", "Công thức 766: Hài lòng"),
]

_HINTS = {
    "office.hours": QT_TRANSLATE_NOOP("ConfigForm", "Ví dụ 07:30-11:30,13:30-17:00"),
    "agency.code": QT_TRANSLATE_NOOP("ConfigForm", "Ví dụ 000.00.06.H56"),
    "printer.receipt": QT_TRANSLATE_NOOP(
        "ConfigForm", "tcp://192.168.1.50:9100, usb://04b8:0202, win32://TÊN MÁY IN…"
    ),
    "printer.ticket": QT_TRANSLATE_NOOP("ConfigForm", "tcp://192.168.1.51:9100, usb://0416:5011…"),
    "city.secret": QT_TRANSLATE_NOOP("ConfigForm", "Để trống: giữ khóa đang dùng"),
}


def is_bool_key(key: str) -> bool:
    return isinstance(KEYS[key].default, bool)


# Put before the label of a key the whole office shares (office mode): the settings window explains it.
SHARED_MARK = "◆ "


class ConfigForm(QWidget):
    """Rows for `keys`; `values()` gives what changed against `load()`, `errors()` the live messages.
    The keys in `shared` (the office's, on an office database) are marked as such."""

    def __init__(
        self, keys: Iterable[str], parent: QWidget | None = None, *, shared: Iterable[str] = ()
    ) -> None:
        super().__init__(parent)
        self.keys = [k for k in keys if k in KEYS]
        self.shared = {k for k in shared if k in self.keys}
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, ErrorLabel] = {}
        self._loaded: dict[str, Any] = {}
        self.setMaximumWidth(980)  # long lines of input are hard to read on a wide screen
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setVerticalSpacing(2)
        for key in self.keys:
            spec = KEYS[key]
            field: QWidget
            if is_bool_key(key):
                field = QCheckBox()
                field.toggled.connect(lambda _v, k=key: self._check(k))
            elif key in CHOICES:
                field = QComboBox()
                for value, _label in CHOICES[key]:
                    field.addItem("", value)
                field.currentIndexChanged.connect(lambda _i, k=key: self._check(k))
            else:
                field = QLineEdit()
                if spec.secret:
                    field.setEchoMode(QLineEdit.EchoMode.Password)
                field.textChanged.connect(lambda _t, k=key: self._check(k))
            field.setObjectName(f"cfg:{key}")
            label = field_label()
            if isinstance(field, QCheckBox):
                label.setContentsMargins(0, 1, 0, 0)  # a check box is shorter than a line edit: keep level
            label.setBuddy(field)
            message = ErrorLabel()
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(field)
            box.addWidget(message)
            layout.addRow(label, cell)
            self.widgets[key], self.labels[key], self.messages[key] = field, label, message
        self.retranslate()

    def retranslate(self) -> None:
        for key in self.keys:
            text = translate("ConfigLabels", KEYS[key].label) + ":"
            if key in self.shared:
                self.labels[key].setToolTip(self.tr("Dùng chung cho cả văn phòng: mọi máy thấy giá trị này"))
                text = SHARED_MARK + text
            self.labels[key].setText(text)
            field = self.widgets[key]
            if isinstance(field, QComboBox):
                for i, (_value, label) in enumerate(CHOICES[key]):
                    field.setItemText(
                        i, label if key in UNTRANSLATED_CHOICES else translate("ConfigForm", label)
                    )
            elif isinstance(field, QLineEdit) and key in _HINTS:
                field.setPlaceholderText(translate("ConfigForm", _HINTS[key]))
        for key in self.keys:
            self._check(key)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, values: dict[str, Any]) -> None:
        self._loaded = {k: values.get(k) for k in self.keys}
        for key in self.keys:
            value, field = values.get(key), self.widgets[key]
            if isinstance(field, QCheckBox):
                field.setChecked(bool(value))
            elif isinstance(field, QComboBox):
                index = field.findData(value)
                field.setCurrentIndex(max(index, 0))
            elif isinstance(field, QLineEdit):
                field.setText("" if KEYS[key].secret or value is None else str(value))
            self.messages[key].show_message(None)

    def raw(self, key: str) -> Any:
        field = self.widgets[key]
        if isinstance(field, QCheckBox):
            return field.isChecked()
        if isinstance(field, QComboBox):
            return field.currentData()
        assert isinstance(field, QLineEdit)
        return field.text()

    def values(self, *, only_changed: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in self.keys:
            raw = self.raw(key)
            if KEYS[key].secret and raw == "":
                continue  # blank secret: keep the one in use
            if only_changed and key in self._loaded and _same(raw, self._loaded[key]):
                continue
            out[key] = raw if isinstance(raw, (bool, int)) else str(raw)
        return out

    def _check(self, key: str) -> str | None:
        raw = self.raw(key)
        message: str | None = None
        if not (KEYS[key].secret and raw == ""):
            try:
                KEYS[key].parse(raw if isinstance(raw, bool) else str(raw))
            except ValueError as exc:
                message = core_message(str(exc))
        self.messages[key].show_message(message)
        return message

    def errors(self) -> dict[str, str]:
        return {k: m for k in self.keys if (m := self._check(k))}

    def show_error(self, key: str, message: str) -> None:
        if key in self.messages:
            self.messages[key].show_message(message)
            self.widgets[key].setFocus()


def _same(raw: Any, loaded: Any) -> bool:
    if isinstance(raw, bool) or isinstance(loaded, bool):
        return bool(raw) == bool(loaded)
    return str(raw).strip() == str(loaded if loaded is not None else "").strip()
