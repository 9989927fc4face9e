"""Settings (admin): agency and counter, office hours and the holiday editor, bank account, forms,
printers, queue, ratings and feedback, city server, language; every declared key is on exactly one tab.
Saved in one job; the language applies at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.config import KEYS
from counter_app.domain.form_sets import FORMS
from counter_app.errors import AppError
from counter_app.services.users import UserInfo
from ui.clerk.common import core_message, error_text, start_job, translate
from ui.clerk.config_form import ConfigForm
from ui.clerk.holidays_view import HolidaysView
from ui.clerk.services import ClerkServices
from ui.i18n import QT_TRANSLATE_NOOP

# The tabs in order: (key, title, entries). An entry ending in "." stands for every declared key with that
# prefix that no tab names outright, in declaration order: a key a feature adds later lands on the tab of
# its kind rather than on "Khác", which is shown only for keys no tab takes.
SECTIONS: list[tuple[str, str, list[str]]] = [
    (
        "agency",
        QT_TRANSLATE_NOOP("SettingsView", "Cơ quan và quầy"),
        [
            "agency.name",
            "agency.parent",
            "agency.code",
            "agency.address",
            "agency.province",
            "agency.place",
            "agency.head_title",
            "agency.head_name",
            "counter.number",
            "database.url",
            "counter.number_block",
            "agency.",
        ],
    ),
    ("hours", QT_TRANSLATE_NOOP("SettingsView", "Giờ làm việc, ngày nghỉ"), ["office.hours"]),
    (
        "bank",
        QT_TRANSLATE_NOOP("SettingsView", "Tài khoản ngân hàng"),
        ["bank.bin", "bank.account", "bank.account_name", "bank.name", "bank."],
    ),
    (
        "forms",
        QT_TRANSLATE_NOOP("SettingsView", "Biểu mẫu"),
        [
            "forms.set",
            "forms.legal_basis",
            "forms.unit_name",
            "forms.handling_office",
            "forms.contact_name",
            "forms.contact_phone",
            "forms.tracking_url",
            "forms.receipt_paper",
            "forms.receipt_copies",
            "forms.",
        ],
    ),
    # Titles and numbers of the forms (seven in the 2025 set: one tab would scroll at 1366×768).
    (
        "form_titles",
        QT_TRANSLATE_NOOP("SettingsView", "Tên biểu mẫu"),
        [f"forms.title.{form}" for form in FORMS] + ["forms.title."],
    ),
    (
        "form_numbers",
        QT_TRANSLATE_NOOP("SettingsView", "Số hiệu biểu mẫu"),
        [f"forms.number.{form}" for form in FORMS] + ["forms.number."],
    ),
    (
        "printers",
        QT_TRANSLATE_NOOP("SettingsView", "Máy in, máy quét"),
        ["printer.", "forms.auto_print", "scanner."],
    ),
    ("queue", QT_TRANSLATE_NOOP("SettingsView", "Hàng đợi"), ["queue."]),
    (
        "rating",
        QT_TRANSLATE_NOOP("SettingsView", "Đánh giá, phản ánh"),
        ["rating.", "feedback.", "report.target."],
    ),
    (
        "index766",
        QT_TRANSLATE_NOOP("SettingsView", "Chỉ số 766"),
        ["report.index_target.", "report.index_formula."],
    ),
    ("city", QT_TRANSLATE_NOOP("SettingsView", "Máy chủ thành phố"), ["city.", "sync."]),
    ("ui", QT_TRANSLATE_NOOP("SettingsView", "Giao diện"), ["ui."]),
]
OTHER_TITLE = QT_TRANSLATE_NOOP("SettingsView", "Khác")


def section_keys() -> dict[str, list[str]]:
    """Each tab's keys (see SECTIONS), then "other" with the keys no tab takes, only when there are any."""
    named = {e for _key, _title, entries in SECTIONS for e in entries if not e.endswith(".")}
    # The longest prefix wins: a new forms.title.* key goes with the other titles, not on "Biểu mẫu".
    prefixes = sorted(
        ((e, key) for key, _title, entries in SECTIONS for e in entries if e.endswith(".")),
        key=lambda p: -len(p[0]),
    )

    def home(name: str) -> str:
        return next((key for prefix, key in prefixes if name.startswith(prefix)), "other")

    taken: set[str] = set()
    out: dict[str, list[str]] = {}
    for key, _title, entries in SECTIONS:
        keys: list[str] = []
        for entry in entries:
            if entry.endswith("."):
                found = [k for k in KEYS if k.startswith(entry) and k not in named and home(k) == key]
            else:
                found = [entry] if entry in KEYS else []
            keys += [k for k in found if k not in taken]
            taken.update(keys)
        out[key] = keys
    rest = [k for k in KEYS if k not in taken]
    if rest:
        out["other"] = rest
    return out


class SettingsView(QWidget):
    saved = Signal(dict)  # the values that changed (key → parsed value)

    def __init__(self, services: ClerkServices, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.services, self.user = services, user
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.forms: dict[str, ConfigForm] = {}  # tab key → its form, in tab order
        self.titles: dict[str, str] = {key: title for key, title, _entries in SECTIONS} | {
            "other": OTHER_TITLE
        }
        self.holidays = HolidaysView(services, user)
        config = services.config
        shared = [k for k in KEYS if config.shared(k)]  # none on SQLite: one PC, nothing to share
        for key, keys in section_keys().items():
            form = ConfigForm(keys, shared=shared)
            self.forms[key] = form
            page = QWidget()
            pl = QVBoxLayout(page)
            m = pl.contentsMargins()
            pl.setContentsMargins(
                m.left(), 0, m.right(), 0
            )  # the form has its own: twelve rows fit at 768 px
            pl.addWidget(form)
            if key == "hours":
                pl.addWidget(self.holidays, 1)
            else:
                pl.addStretch(1)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, "")
        self.message = QLabel()
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self._said: tuple[str, dict[str, Any]] | None = None  # the message's source, retranslated on a switch
        self.save_button = QPushButton()
        self.save_button.setObjectName("settings_save")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self.load)
        sc = QShortcut(QKeySequence("Ctrl+S"), self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        self.shared_note = QLabel()
        self.shared_note.setObjectName("settings_shared_note")
        self.shared_note.setWordWrap(True)
        self.shared_note.setVisible(bool(shared))
        layout = QVBoxLayout(self)
        layout.addWidget(self.shared_note)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        for i, key in enumerate(self.forms):
            self.tabs.setTabText(i, translate("SettingsView", self.titles[key]))
        self.save_button.setText(self.tr("&Lưu cài đặt (Ctrl+S)"))
        self.revert_button.setText(self.tr("Hoàn tác"))
        self.shared_note.setText(
            self.tr(
                "◆ dùng chung cho cả văn phòng: lưu ở máy chủ văn phòng, mọi máy thấy sau vài giây. "
                "Các mục khác chỉ áp dụng cho máy này."
            )
        )
        if self._said is not None:
            self._say(*self._said)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self) -> None:
        values = self.services.config.as_dict(reveal_secrets=False)
        for form in self.forms.values():
            form.load(values)
        self._said = None
        self.message.setText("")

    def _say(self, source: str, values: dict[str, Any] | None = None) -> None:
        # Kept as its source: "saved" is shown just before the language it saved takes effect.
        self._said = (source, values or {})
        self.message.setText(translate("SettingsView", source).format(**(values or {})))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for form in self.forms.values():
            out.update(form.values())
        return out

    def save(self) -> None:
        for i, form in enumerate(self.forms.values()):
            errors = form.errors()
            if errors:
                self.tabs.setCurrentIndex(i)
                form.widgets[next(iter(errors))].setFocus()
                self._say(
                    QT_TRANSLATE_NOOP("SettingsView", "Chưa lưu: còn ô chưa hợp lệ (xem thông báo đỏ).")
                )
                return
        values = self.values()
        if not values:
            self._say(QT_TRANSLATE_NOOP("SettingsView", "Không có thay đổi nào."))
            return
        self.save_button.setEnabled(False)
        start_job(self, self._write, values, on_done=self._saved, on_error=self._failed)

    def _write(self, values: dict[str, Any]) -> dict[str, Any]:
        # Every value was checked by the form; SettingsService checks again, stores the office's keys in the
        # office database (one transaction) and this PC's in its file, and audits who changed what.
        self.services.settings.set_many(values, actor=self.user.username)
        return {k: self.services.config.get(k) for k in values}

    def _saved(self, values: dict[str, Any]) -> None:
        self.save_button.setEnabled(True)
        self.load()
        self._say(QT_TRANSLATE_NOOP("SettingsView", "Đã lưu {n} thay đổi."), {"n": len(values)})
        self.saved.emit(values)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, AppError) and exc.field:
            for i, form in enumerate(self.forms.values()):
                if exc.field in form.widgets:
                    self.tabs.setCurrentIndex(i)
                    form.show_error(exc.field, core_message(exc.message))
        self._said = None
        self.message.setText(error_text(exc))
