"""Login dialog: username and password, checked off the GUI thread (scrypt takes tens of ms).

It is on screen before the database is open (ui/clerk/app.py opens it behind the dialog): built from the
configuration alone, it gets its services by `set_services`; a login asked for before then waits for it.

Enter is handled here, once: on the name it moves to the password, elsewhere it logs in. While the
password is checked nothing is disabled (a disabled field hands the focus to the next widget, "Thoát",
and the clerk's next Enter would quit the app); the fields turn read-only and keys wait instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.config import Config
from counter_app.storage_errors import OFFICE_DOWN
from ui.clerk.common import ErrorLabel, error_text, start_job
from ui.office_link import style_banner

if TYPE_CHECKING:  # loaded with the database, behind this dialog
    from counter_app.services.users import UserInfo
    from ui.clerk.services import ClerkServices


class LoginDialog(QDialog):
    def __init__(
        self, services: ClerkServices | None, parent: QWidget | None = None, *, config: Config | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.config: Config = services.config if services is not None else config  # type: ignore[assignment]
        self.user: UserInfo | None = None
        self.checking = False
        self._waiting: tuple[str, str] | None = None  # a login asked for before the database was open
        self.setMinimumWidth(420)

        self.agency = QLabel()
        self.agency.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.agency.setWordWrap(True)
        self.agency.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)

        self.error = ErrorLabel()
        self.login_button = QPushButton()
        self.login_button.setDefault(True)
        self.quit_button = QPushButton()
        self.login_button.clicked.connect(self.try_login)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.quit_button)

        # The office server unreachable while the database opens (ui/clerk/app.py ClerkStartup retries):
        # the windows' red line (ui/office_link.py), hidden once it answers.
        self.office_banner = QLabel()
        style_banner(self.office_banner)
        self.office_banner.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.office_banner)
        layout.addWidget(self.agency)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.retranslate()
        self.username.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Đăng nhập — Bộ phận Một cửa"))
        self.agency.setText(self.config.agency.name)
        self.title.setText(
            self.tr("Bộ phận Tiếp nhận và Trả kết quả — Quầy {n}").format(n=self.config.counter.number)
        )
        self.username_label.setText(self.tr("&Tên đăng nhập:"))
        self.password_label.setText(self.tr("&Mật khẩu:"))
        self.login_button.setText(self.tr("Đăng &nhập"))
        self.quit_button.setText(self.tr("&Thoát"))
        self.office_banner.setText(
            self.tr(
                "{down}: đang chờ máy chủ văn phòng để mở dữ liệu. Phần mềm tự kết nối lại; "
                "hãy kiểm tra mạng và máy chủ văn phòng."
            ).format(down=OFFICE_DOWN)
        )

    def show_office_down(self, down: bool) -> None:
        """The red line while the office server does not answer (the database is not open yet)."""
        self.office_banner.setVisible(down)
        self.adjustSize()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if self.checking and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()  # the answer is on its way: neither a second login nor a quit
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is self.username:
            event.accept()
            self.password.setFocus()
            return
        super().keyPressEvent(event)  # Enter: the default button (Đăng nhập) or the focused one

    def reject(self) -> None:
        if not self.checking:
            super().reject()

    def try_login(self) -> None:
        if self.checking:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.error.show_message(self.tr("Nhập tên đăng nhập và mật khẩu."))
            (self.username if not username else self.password).setFocus()
            return
        self._busy(True)
        if self.services is None:
            self._waiting = (username, password)
            return
        self._check(username, password)

    def set_services(self, services: ClerkServices) -> None:
        """The database is open: a login typed meanwhile is checked now. The texts are set again from
        the opened context's configuration (an office keeps some settings in its database)."""
        self.services = services
        self.config = services.config
        self.retranslate()
        if self._waiting is not None:
            username, password = self._waiting
            self._waiting = None
            self._check(username, password)

    def _check(self, username: str, password: str) -> None:
        assert self.services is not None
        start_job(
            self,
            self.services.users.authenticate,
            username,
            password,
            on_done=self._checked,
            on_error=self._failed,
        )

    def _busy(self, busy: bool) -> None:
        self.checking = busy
        for field in (self.username, self.password):
            field.setReadOnly(busy)
        self.error.show_message(self.tr("Đang kiểm tra…") if busy else "")

    def _checked(self, user: UserInfo | None) -> None:
        self._busy(False)
        if user is None:
            self.error.show_message(self.tr("Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa."))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.user = user
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.error.show_message(error_text(exc))
