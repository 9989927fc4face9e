"""Settings (admin): agency and counter, office hours and the holiday editor, bank account, printers,
city server, language, and any other declared key. Saved in one job; the language applies at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
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
from counter_app.errors import AppError
from counter_app.services.users import UserInfo
from ui.clerk.common import core_message, error_text, start_job, translate
from ui.clerk.config_form import ConfigForm
from ui.clerk.holidays_view import HolidaysView
from ui.clerk.services import ClerkServices

SECTIONS: list[tuple[str, list[str]]] = [
    ("agency", ["agency.name", "agency.parent", "agency.code", "agency.address", "agency.province",
                "agency.place", "agency.head_title", "agency.head_name", "counter.number"]),
    ("hours", ["office.hours"]),
    ("bank", ["bank.bin", "bank.account", "bank.account_name", "bank.name"]),
    ("printers", ["printer.receipt", "printer.ticket", "printer.ticket_width", "printer.ticket_mode",
                  "forms.auto_print"]),
    ("city", ["city.server_url", "city.counter_id", "city.secret", "sync.time", "sync.batch_size"]),
    ("ui", ["ui.language"]),
]


def other_keys() -> list[str]:
    """Keys other features declared: shown on the last page so none is unreachable from the window."""
    listed = {k for _s, keys in SECTIONS for k in keys}
    return [k for k in KEYS if k not in listed]


class SettingsView(QWidget):
    saved = Signal(dict)  # the values that changed (key → parsed value)

    def __init__(self, services: ClerkServices, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.services, self.user = services, user
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.forms: dict[str, ConfigForm] = {}
        self.holidays = HolidaysView(services, user)
        for key, keys in [*SECTIONS, ("other", other_keys())]:
            form = ConfigForm(keys)
            self.forms[key] = form
            page = QWidget()
            pl = QVBoxLayout(page)
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        titles = [self.tr("Cơ quan và quầy"), self.tr("Giờ làm việc, ngày nghỉ"), self.tr("Tài khoản ngân hàng"),
                  self.tr("Máy in"), self.tr("Máy chủ thành phố"), self.tr("Giao diện"), self.tr("Khác")]
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        self.save_button.setText(self.tr("&Lưu cài đặt (Ctrl+S)"))
        self.revert_button.setText(self.tr("Hoàn tác"))
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
                self._say(QT_TRANSLATE_NOOP("SettingsView", "Chưa lưu: còn ô chưa hợp lệ (xem thông báo đỏ)."))
                return
        values = self.values()
        if not values:
            self._say(QT_TRANSLATE_NOOP("SettingsView", "Không có thay đổi nào."))
            return
        self.save_button.setEnabled(False)
        start_job(self, self._write, values, on_done=self._saved, on_error=self._failed)

    def _write(self, values: dict[str, Any]) -> dict[str, Any]:
        # Every value was checked by the form; SettingsService checks again and audits who changed what.
        for key, raw in values.items():
            self.services.settings.set(key, raw, actor=self.user.username)
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
