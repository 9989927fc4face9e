"""Small pieces every clerk view uses: jobs tied to a widget's life, labels in the current language,
field error labels, and formatting of dates and money.

Translatable labels live in context "Labels" (see `status_label`, `kind_label` …); messages coming from
the core (Vietnamese) go through context "CoreMessages", translated when the .ts knows them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QLabel, QLayout, QLineEdit, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from counter_app.domain import wording
from counter_app.errors import AppError
from counter_app.timeutil import local
from ui.i18n import QT_TRANSLATE_NOOP
from ui.jobs import jobs_in_flight as jobs_in_flight  # re-exported: tests wait on it
from ui.jobs import start_job as start_job
from ui.jobs import unexpected_text

if TYPE_CHECKING:  # the login imports this module before the database layer is loaded (ui/clerk/app.py)
    from counter_app.services.payments import PaymentStatus


def replace_dialog(old: QWidget | None, new: QWidget) -> None:
    """Free the dialog a new one replaces (dialogs are parented to the window, so each one opened
    would otherwise live until logout: hundreds a day at a busy counter, each with its pixmaps)."""
    if old is not None and old is not new and shiboken6.isValid(old) and not old.isVisible():
        old.deleteLater()


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


# --- labels ---------------------------------------------------------------------------------------

_STATUS = {
    "received": QT_TRANSLATE_NOOP("Labels", "Đã tiếp nhận"),
    "processing": QT_TRANSLATE_NOOP("Labels", "Đang xử lý"),
    "supplement": QT_TRANSLATE_NOOP("Labels", "Chờ bổ sung hồ sơ"),
    "ready": QT_TRANSLATE_NOOP("Labels", "Đã có kết quả"),
    "returned": QT_TRANSLATE_NOOP("Labels", "Đã trả kết quả"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Từ chối"),
    "stopped": QT_TRANSLATE_NOOP("Labels", "Dừng giải quyết"),
}
_KINDS = {
    "original": QT_TRANSLATE_NOOP("Labels", "Bản chính"),
    "copy": QT_TRANSLATE_NOOP("Labels", "Bản sao"),
    "certified_copy": QT_TRANSLATE_NOOP("Labels", "Bản sao chứng thực"),
}
_ROLES = {
    "clerk": QT_TRANSLATE_NOOP("Labels", "Cán bộ tiếp nhận"),
    "supervisor": QT_TRANSLATE_NOOP("Labels", "Lãnh đạo bộ phận"),
    "admin": QT_TRANSLATE_NOOP("Labels", "Quản trị"),
}
_DELIVERY = {
    "counter": QT_TRANSLATE_NOOP("Labels", "Tại quầy"),
    "post": QT_TRANSLATE_NOOP("Labels", "Qua bưu chính công ích"),
}
_HISTORY_ACTIONS = {
    "receive": QT_TRANSLATE_NOOP("Labels", "Tiếp nhận"),
    "status": QT_TRANSLATE_NOOP("Labels", "Chuyển trạng thái"),
    "apology": QT_TRANSLATE_NOOP("Labels", "Xin lỗi, hẹn lại"),
}
_PAYMENT = {
    "free": QT_TRANSLATE_NOOP("Labels", "Miễn phí"),
    "unpaid": QT_TRANSLATE_NOOP("Labels", "Chưa nộp"),
    "partial": QT_TRANSLATE_NOOP("Labels", "Nộp thiếu"),
    "paid": QT_TRANSLATE_NOOP("Labels", "Đã nộp"),
    "not_collected": QT_TRANSLATE_NOOP("Labels", "Không thu"),
}
_METHODS = {
    "cash": QT_TRANSLATE_NOOP("Labels", "Tiền mặt"),
    "transfer": QT_TRANSLATE_NOOP("Labels", "Chuyển khoản"),
    "vietqr": QT_TRANSLATE_NOOP("Labels", "Chuyển khoản VietQR"),
}
# Messages of the core that a clerk meets often; the rest stay Vietnamese in other languages.
_CORE_MESSAGES = [
    QT_TRANSLATE_NOOP("CoreMessages", "không được để trống"),
    QT_TRANSLATE_NOOP("CoreMessages", "phải gồm đúng 12 chữ số"),
    QT_TRANSLATE_NOOP("CoreMessages", "phải gồm 10 chữ số bắt đầu bằng 0 (hoặc +84)"),
    QT_TRANSLATE_NOOP("CoreMessages", "không đúng định dạng (ví dụ ten@example.vn)"),
    QT_TRANSLATE_NOOP("CoreMessages", "chỉ được gồm chữ cái tiếng Việt và dấu cách"),
    QT_TRANSLATE_NOOP("CoreMessages", "không được dài quá 100 ký tự"),
    QT_TRANSLATE_NOOP("CoreMessages", "không được dài quá 300 ký tự"),
    QT_TRANSLATE_NOOP("CoreMessages", "phải có dạng ngày/tháng/năm, ví dụ 05/09/1990"),
    QT_TRANSLATE_NOOP("CoreMessages", "ngày không tồn tại"),
    QT_TRANSLATE_NOOP("CoreMessages", "không hợp lệ"),
    QT_TRANSLATE_NOOP("CoreMessages", "cần ghi rõ lý do"),
    QT_TRANSLATE_NOOP("CoreMessages", "chưa chọn thủ tục"),
    QT_TRANSLATE_NOOP("CoreMessages", "phải có ít nhất 8 ký tự"),
    QT_TRANSLATE_NOOP("CoreMessages", "Chỉ lập phiếu xin lỗi khi hồ sơ đã quá hạn"),
]


def status_label(status: str) -> str:
    return translate("Labels", _STATUS.get(status, status))


def kind_label(kind: str) -> str:
    return translate("Labels", _KINDS.get(kind, kind))


def role_label(role: str) -> str:
    return translate("Labels", _ROLES.get(role, role))


def delivery_label(delivery: str) -> str:
    return translate("Labels", _DELIVERY.get(delivery, delivery))


def history_action_label(action: str) -> str:
    return translate("Labels", _HISTORY_ACTIONS.get(action, action))


def payment_label(pay: PaymentStatus, dossier_status: str = "") -> str:
    """Miễn phí / Chưa nộp / Nộp thiếu / Đã nộp; a rejected dossier with nothing paid is not charged."""
    key = "not_collected" if dossier_status == "rejected" and pay.status == "unpaid" else pay.status
    return translate("Labels", _PAYMENT[key])


def payment_tooltip(pay: PaymentStatus) -> str:
    if pay.fee_vnd == 0:
        return translate("Labels", "Thủ tục không thu phí, lệ phí")
    return translate("Labels", "Phí, lệ phí {fee}; đã nộp {paid}; còn phải nộp {due}").format(
        fee=format_vnd(pay.fee_vnd), paid=format_amount(pay.paid_vnd), due=format_amount(pay.due_vnd)
    )


def method_label(method: str) -> str:
    return translate("Labels", _METHODS.get(method, method))


def core_message(message: str) -> str:
    return translate("CoreMessages", message)


# Shown by ui/jobs.py (every window's unexpected errors); listed here so that lupdate, which reads
# ui/clerk only (ui/i18n/__init__.py), keeps them in the translation.
_UNEXPECTED_TEXTS = (
    QT_TRANSLATE_NOOP("Labels", "Lỗi"),
    QT_TRANSLATE_NOOP("Labels", "Đã xảy ra lỗi không mong đợi ({error}). Chi tiết đã ghi vào nhật ký."),
)


def error_text(exc: BaseException) -> str:
    """An error for the clerk: the field's name and the message; unexpected errors say so plainly."""
    if isinstance(exc, AppError):
        return f"{exc.label}: {core_message(exc.message)}" if exc.label else core_message(exc.message)
    # The traceback is in the log (ui/jobs.py records every failed job); the clerk gets one sentence.
    return unexpected_text(exc)


def window_language() -> str:
    """ "en" when the clerk window runs in English (its translator turns the unit "đồng" into "VND"),
    else "vi": weekday names and amounts then come from counter_app.domain.wording in that language."""
    return "vi" if translate("Labels", "đồng") == "đồng" else "en"


def format_due(dt: datetime) -> str:
    """'15:00 thứ Năm, 26/11/2026' ('15:00 Thursday, 26/11/2026' in English)."""
    return wording.format_due(dt, window_language())


def format_time(dt: datetime | None) -> str:
    return "" if dt is None else f"{local(dt):%H:%M %d/%m/%Y}"


def format_vnd(amount: int) -> str:
    """A fee: 0 is "Miễn phí"."""
    if amount == 0:
        return translate("Labels", "Miễn phí")
    return format_amount(amount)


def format_amount(amount: int) -> str:
    """An amount of money, 0 included: '10.000 đồng' ('10,000 VND' in English)."""
    return wording.format_dong(amount, window_language())


_AMOUNT = re.compile(
    r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:[ \u00a0][0-9]{3})+"
)


def parse_amount(text: str) -> int | None:
    """'10000', '10.000', '10,000', '10 000 đ' → 10000; None when it is not a whole number of đồng
    ('15.5' or '1,50' are refused rather than guessed: đồng have no decimals)."""
    cleaned = text.strip().lower().removesuffix("đồng").removesuffix("đ").removesuffix("vnd").strip()
    if not _AMOUNT.fullmatch(cleaned):
        return None
    digits = re.sub(r"[^0-9]", "", cleaned)
    return int(digits) if len(digits) <= 13 else None


def table_over_detail(page: QWidget, top: QLayout, table: QWidget, detail: QWidget) -> None:
    """The list pages' layout (feedback, QĐ 766 indices): `top` row, then `table` over `detail` in a
    splitter the clerk can drag, the table taking 3/5 of the height at first."""
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(table)
    split.addWidget(detail)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    outer = QVBoxLayout(page)
    outer.addLayout(top)
    outer.addWidget(split, 1)


def field_label(parent: QWidget | None = None) -> QLabel:
    """A form label that stays level with its field when a message line sits under the field."""
    label = QLabel(parent)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setContentsMargins(0, 5, 0, 0)
    return label


class ErrorLabel(QLabel):
    """A field's live message: red, small, always taking its line so the form does not jump.

    Palette and font rather than a style sheet: forms hold dozens of these, and per-widget style
    sheets make both building and painting them several times slower.
    """

    _look: tuple[QPalette, QFont, int] | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        palette, font, height = self._shared_look(self)
        self.setPalette(palette)
        self.setFont(font)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setMinimumHeight(height)

    @classmethod
    def _shared_look(cls, sample: QLabel) -> tuple[QPalette, QFont, int]:
        if cls._look is None:
            palette = QPalette(sample.palette())
            palette.setColor(QPalette.ColorRole.WindowText, QColor("#c62828"))
            font = QFont(sample.font())
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
            cls._look = (palette, font, QFontMetrics(font).height() + 2)
        return cls._look

    def set_tone(self, error: bool) -> None:
        """Red for a problem, grey for progress ("Đang lưu…")."""
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#c62828" if error else "#555555"))
        self.setPalette(palette)

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setToolTip(text or "")


def check_password_pair(
    password: QLineEdit, again: QLineEdit, messages: dict[str, ErrorLabel], mismatch: str
) -> bool:
    """The same rule as the core (≥ 8 characters) plus "typed twice alike"; messages under the fields."""
    for m in messages.values():
        m.show_message(None)
    if len(password.text()) < 8:
        messages["password"].show_message(core_message("phải có ít nhất 8 ký tự"))
        password.setFocus()
        return False
    if password.text() != again.text():
        messages["password2"].show_message(mismatch)
        again.setFocus()
        return False
    return True
