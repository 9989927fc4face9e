"""User management (admin): list accounts, add one, reset a password, change role, lock/unlock."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import AppError
from counter_app.services.users import ROLES, UserInfo
from ui.clerk.common import (
    ErrorLabel,
    check_password_pair,
    core_message,
    error_text,
    field_label,
    role_label,
    start_job,
)
from ui.clerk.services import ClerkServices


class UserDialog(QDialog):
    """Add an account (all fields) or reset a password (password fields only)."""

    def __init__(self, mode: str, user: UserInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode, self.user = mode, user
        self.setObjectName(f"user:{mode}")
        self.setMinimumWidth(460)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for r in ROLES:
            self.role.addItem(role_label(r), r)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("password2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.messages = {k: ErrorLabel() for k in ("username", "full_name", "role", "password", "password2")}
        self.labels = {k: field_label() for k in self.messages}
        form = QFormLayout()
        fields = {
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role,
            "password": self.password,
            "password2": self.password2,
        }
        shown = ("password", "password2") if mode == "password" else tuple(fields)
        for key, w in fields.items():
            if key not in shown:
                w.hide()
                continue
            self.labels[key].setBuddy(w)
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(0)
            box.addWidget(w)
            box.addWidget(self.messages[key])
            form.addRow(self.labels[key], cell)
        self.intro = QLabel()
        self.general = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        if self.mode == "password":
            self.setWindowTitle(self.tr("Đặt lại mật khẩu"))
            self.intro.setText(self.tr("Tài khoản: {u}").format(u=self.user.username if self.user else ""))
        else:
            self.setWindowTitle(self.tr("Thêm tài khoản"))
            self.intro.hide()
        texts = {
            "username": self.tr("&Tên đăng nhập:"),
            "full_name": self.tr("&Họ và tên:"),
            "role": self.tr("&Vai trò:"),
            "password": self.tr("&Mật khẩu:"),
            "password2": self.tr("&Nhập lại mật khẩu:"),
        }
        for k, t in texts.items():
            self.labels[k].setText(t)
        for i, r in enumerate(ROLES):
            self.role.setItemText(i, role_label(r))
        self.ok.setText(self.tr("&Lưu"))
        self.cancel.setText(self.tr("&Hủy"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def check_passwords(self) -> bool:
        return check_password_pair(
            self.password, self.password2, self.messages, self.tr("Hai lần nhập mật khẩu không giống nhau.")
        )

    def show_error(self, exc: BaseException) -> None:
        key = exc.field if isinstance(exc, AppError) else None
        if isinstance(exc, AppError) and key in self.messages:
            self.messages[key].show_message(core_message(exc.message))
        else:
            self.general.show_message(error_text(exc))


class UsersView(QWidget):
    def __init__(self, services: ClerkServices, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("users")
        self.services, self.user = services, user
        self.users: list[UserInfo] = []
        self.dialog: UserDialog | None = None
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection)
        self.add_button = QPushButton()
        self.add_button.setObjectName("user_add")
        self.password_button = QPushButton()
        self.password_button.setObjectName("user_password")
        self.role = QComboBox()
        self.role.setObjectName("user_role")
        for r in ROLES:
            self.role.addItem(role_label(r), r)
        self.role_label = QLabel()
        self.role_label.setBuddy(self.role)
        self.role_button = QPushButton()
        self.role_button.setObjectName("user_set_role")
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("user_lock")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button.clicked.connect(self.add_user)
        self.password_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.set_role)
        self.lock_button.clicked.connect(self.toggle_lock)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.password_button)
        side.addSpacing(12)
        side.addWidget(self.role_label)
        side.addWidget(self.role)
        side.addWidget(self.role_button)
        side.addSpacing(12)
        side.addWidget(self.lock_button)
        side.addStretch(1)
        side.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(side)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Vai trò"), self.tr("Trạng thái")]
        )
        self.add_button.setText(self.tr("&Thêm tài khoản…"))
        self.password_button.setText(self.tr("Đặt lại &mật khẩu…"))
        self.role_label.setText(self.tr("&Vai trò:"))
        for i, r in enumerate(ROLES):
            self.role.setItemText(i, role_label(r))
        self.role_button.setText(self.tr("Đổi vai trò"))
        self._fill()
        self._selection()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, select: str | None = None) -> None:
        start_job(
            self,
            self.services.users.list,
            on_done=lambda users: self._loaded(users, select),
            on_error=lambda e: self.message.setText(error_text(e)),
        )

    def _loaded(self, users: list[UserInfo], select: str | None) -> None:
        selected = self.selected()
        keep = select or (selected.username if selected else None)
        self.users = users
        self._fill()
        row = next((i for i, u in enumerate(users) if u.username == keep), 0 if users else -1)
        if row >= 0:
            self.table.selectRow(row)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.users))
        for i, u in enumerate(self.users):
            state = self.tr("Đang dùng") if u.active else self.tr("Đã khóa")
            for col, text in enumerate((u.username, u.full_name, role_label(u.role), state)):
                self.table.setItem(i, col, QTableWidgetItem(text))

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def _selection(self) -> None:
        u = self.selected()
        for b in (self.password_button, self.role_button, self.lock_button, self.role):
            b.setEnabled(u is not None)
        if u is not None:
            self.role.setCurrentIndex(ROLES.index(u.role))
            self.lock_button.setText(
                self.tr("Mở &khóa tài khoản") if not u.active else self.tr("&Khóa tài khoản")
            )
            # Nobody locks themselves out of the settings they are using.
            self.lock_button.setEnabled(u.username != self.user.username)
        else:
            self.lock_button.setText(self.tr("&Khóa tài khoản"))

    def add_user(self) -> None:
        dialog = UserDialog("add", parent=self.window())
        dialog.ok.clicked.connect(lambda: self._submit_add(dialog))
        self.dialog = dialog
        dialog.open()

    def _submit_add(self, dialog: UserDialog) -> None:
        if not dialog.check_passwords():
            return
        dialog.ok.setEnabled(False)
        start_job(
            self,
            self.services.users.add,
            dialog.username.text(),
            dialog.full_name.text(),
            dialog.role.currentData(),
            dialog.password.text(),
            actor=self.user.username,
            on_done=lambda u: self._dialog_done(
                dialog, self.tr("Đã thêm tài khoản {u}.").format(u=u.username), u.username
            ),
            on_error=lambda e: self._dialog_failed(dialog, e),
        )

    def reset_password(self) -> None:
        u = self.selected()
        if u is None:
            return
        dialog = UserDialog("password", u, parent=self.window())
        dialog.ok.clicked.connect(lambda: self._submit_password(dialog, u))
        self.dialog = dialog
        dialog.open()

    def _submit_password(self, dialog: UserDialog, u: UserInfo) -> None:
        if not dialog.check_passwords():
            return
        dialog.ok.setEnabled(False)
        start_job(
            self,
            self.services.users.set_password,
            u.username,
            dialog.password.text(),
            actor=self.user.username,
            on_done=lambda _r: self._dialog_done(
                dialog, self.tr("Đã đặt lại mật khẩu cho {u}.").format(u=u.username), u.username
            ),
            on_error=lambda e: self._dialog_failed(dialog, e),
        )

    def _dialog_done(self, dialog: UserDialog, message: str, username: str) -> None:
        dialog.accept()
        self.message.setText(message)
        self.load(select=username)

    def _dialog_failed(self, dialog: UserDialog, exc: BaseException) -> None:
        dialog.ok.setEnabled(True)
        dialog.show_error(exc)

    def set_role(self) -> None:
        u = self.selected()
        if u is None:
            return
        self._update(u, self.role.currentData(), None)

    def toggle_lock(self) -> None:
        u = self.selected()
        if u is None:
            return
        self._update(u, u.role, not u.active)

    def _update(self, u: UserInfo, role: str, active: bool | None) -> None:
        start_job(
            self,
            self.services.users.set_role,
            u.username,
            role,
            actor=self.user.username,
            active=active,
            on_done=self._role_set,
            on_error=lambda e: self.message.setText(error_text(e)),
        )

    def _role_set(self, user: UserInfo) -> None:
        self.message.setText(self.tr("Đã cập nhật tài khoản {u}.").format(u=user.username))
        self.load(select=user.username)
