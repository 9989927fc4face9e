"""First run (no account yet): where the data lives (this PC, or the office's database: ui/clerk/database_page.py),
then the agency and counter, then the first administrator account."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from counter_app.config import KEYS
from counter_app.errors import AppError
from counter_app.services.users import NO_CLERK, UserInfo
from ui.clerk.common import ErrorLabel, check_password_pair, core_message, error_text, field_label, start_job
from ui.clerk.config_form import ConfigForm
from ui.clerk.database_page import DatabasePage
from ui.clerk.services import ClerkServices

AGENCY_KEYS = [
    "agency.name",
    "agency.parent",
    "agency.code",
    "agency.address",
    "agency.province",
    "agency.place",
    "counter.number",
    "office.hours",
]
# The shipped defaults of these keys are one real ward's (counter_app/config.py): the wizard shows them as
# examples, never as values, or Enter would set a new office up under another agency's name and code.
EXAMPLE_ONLY = [
    "agency.name",
    "agency.parent",
    "agency.code",
    "agency.address",
    "agency.province",
    "agency.place",
]
# What the receipt prints and the dossier code carries: the first run asks for each (the parent may be blank).
REQUIRED = ["agency.name", "agency.code", "agency.address", "agency.province", "agency.place"]


class AgencyPage(QWizardPage):
    def __init__(self, services: ClerkServices) -> None:
        super().__init__()
        self.form = ConfigForm(AGENCY_KEYS, shared=[k for k in AGENCY_KEYS if services.config.shared(k)])
        values = services.config.as_dict()
        for key in EXAMPLE_ONLY:
            if values.get(key) == KEYS[key].default:
                values[key] = ""
        self.form.load(values)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Cơ quan và quầy"))
        subtitle = self.tr(
            "Thông tin in trên biên nhận và dùng trong mã hồ sơ. Có thể sửa sau trong Cài đặt."
        )
        if self.form.shared:
            subtitle += " " + self.tr("◆ dùng chung cho cả văn phòng.")
        self.setSubTitle(subtitle)
        for key in EXAMPLE_ONLY:
            field = self.form.widgets[key]
            if isinstance(field, QLineEdit):
                field.setPlaceholderText(self.tr("Ví dụ: {value}").format(value=KEYS[key].default))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def validatePage(self) -> bool:  # noqa: N802
        """Every field's message at once (not one per Enter); the focus goes to the first one wrong."""
        errors = self.form.errors()
        for key in REQUIRED:
            if not str(self.form.raw(key)).strip():  # "empty" says more than a format rule
                errors[key] = core_message("không được để trống")
                self.form.messages[key].show_message(errors[key])
        if errors:
            first = next(k for k in self.form.keys if k in errors)
            self.form.widgets[first].setFocus()
        return not errors


class AccountPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.username = QLineEdit("admin")
        self.username.setObjectName("wiz:username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("wiz:full_name")
        self.password = QLineEdit()
        self.password.setObjectName("wiz:password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("wiz:password2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [field_label() for _ in range(4)]
        self.messages = {k: ErrorLabel() for k in ("username", "full_name", "password", "password2")}
        form = QFormLayout()
        form.setVerticalSpacing(2)
        for label, (key, field) in zip(
            self.labels,
            [
                ("username", self.username),
                ("full_name", self.full_name),
                ("password", self.password),
                ("password2", self.password2),
            ],
            strict=True,
        ):
            label.setBuddy(field)
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(field)
            box.addWidget(self.messages[key])
            form.addRow(label, cell)
        self.status = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Tài khoản quản trị đầu tiên"))
        self.setSubTitle(self.tr("Tài khoản này quản lý cài đặt và các tài khoản cán bộ khác."))
        for label, text in zip(
            self.labels,
            [
                self.tr("&Tên đăng nhập:"),
                self.tr("&Họ và tên:"),
                self.tr("&Mật khẩu:"),
                self.tr("&Nhập lại mật khẩu:"),
            ],
            strict=True,
        ):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def validatePage(self) -> bool:  # noqa: N802
        """Every field's message at once; the focus goes to the first one wrong."""
        empty = core_message("không được để trống")
        names = {"username": self.username.text().strip(), "full_name": self.full_name.text().strip()}
        passwords_ok = check_password_pair(
            self.password, self.password2, self.messages, self.tr("Hai lần nhập mật khẩu không giống nhau.")
        )
        for key, text in names.items():
            self.messages[key].show_message(None if text else empty)
        wrong = [key for key, text in names.items() if not text]
        if wrong:
            getattr(self, wrong[0]).setFocus()
        return passwords_ok and not wrong


class FirstRunWizard(QWizard):
    """Saves the config and creates the admin in one job when Finish is pressed; `user` is then set."""

    def __init__(self, services: ClerkServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.user: UserInfo | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.database_page = DatabasePage(services)
        self.agency_page = AgencyPage(services)
        self.account_page = AccountPage()
        self.addPage(self.database_page)
        self.addPage(self.agency_page)
        self.addPage(self.account_page)
        self.setMinimumSize(720, 560)
        self._saving = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Thiết lập lần đầu — Bộ phận Một cửa"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Tiếp theo >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Quay lại"))
        # No mnemonics here: Alt+H is "Họ và tên"; Enter finishes and Esc cancels anyway.
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Hủy"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        if self._saving:
            return
        if not self.agency_page.validatePage():  # Finish never saves an agency page that is wrong
            while self.currentPage() is not self.agency_page and self.currentId() > 0:
                self.back()
            return
        page = self.account_page
        if not page.validatePage():
            return
        self._saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        page.status.show_message(self.tr("Đang lưu…"))
        values = self.agency_page.form.values(only_changed=False)
        start_job(
            self,
            self._save,
            values,
            page.username.text(),
            page.full_name.text(),
            page.password.text(),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _save(self, values: dict[str, Any], username: str, full_name: str, password: str) -> UserInfo:
        # Config first: it is idempotent, so pressing Finish again after a refused account name is safe.
        self.services.config.update(values)
        self.services.ctx.invalidate_calendar()
        return self.services.users.add(
            username, full_name, "admin", password, actor=NO_CLERK
        )  # before any account

    def _saved(self, user: UserInfo) -> None:
        self._saving = False
        self.user = user
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        page = self.account_page
        page.status.show_message(None)
        field = exc.field if isinstance(exc, AppError) else None
        if isinstance(exc, AppError) and field in page.messages:
            page.messages[field].show_message(core_message(exc.message))
            getattr(page, field).setFocus()
        else:
            page.status.show_message(error_text(exc))
