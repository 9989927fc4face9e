"""The first-run wizard's first page: where this PC keeps its data. Alone (one counter): the SQLite file in
its data dir. In a multi-PC office: the office's PostgreSQL (docs/office-setup.md), checked off the GUI
thread ("Kiểm tra kết nối") before the PC is pointed at it. Choosing another database emits `chosen`;
the clerk session then reopens on it (ui/clerk/app.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from counter_app.errors import AppError
from counter_app.office_check import (
    DEFAULT_PORT,
    OfficeDatabaseFacts,
    check_office_database,
    office_url,
    url_fields,
)
from ui.clerk.common import ErrorLabel, core_message, error_text, field_label, start_job
from ui.clerk.services import ClerkServices

FIELDS = ("host", "port", "name", "user", "password")
# The labels counter_app/office_check.py office_url names a wrong field by → the field.
FIELD_OF_LABEL = {"Máy chủ": "host", "Cổng": "port", "Tên cơ sở dữ liệu": "name", "Tài khoản": "user"}


class DatabasePage(QWizardPage):
    chosen = Signal(str)  # a checked database.url other than the one in use ("" = this PC's own file)

    def __init__(self, services: ClerkServices) -> None:
        super().__init__()
        self.services = services
        self.facts: OfficeDatabaseFacts | None = None  # the last successful check
        self._next_after_check = False
        self.office = QCheckBox()
        self.office.setObjectName("wiz:db_office")
        self.edits = {name: QLineEdit() for name in FIELDS}
        for name, edit in self.edits.items():
            edit.setObjectName(f"wiz:db_{name}")
        self.edits["password"].setEchoMode(QLineEdit.EchoMode.Password)
        self.edits["port"].setText(str(DEFAULT_PORT))
        self.labels = {name: field_label() for name in FIELDS}
        form = QFormLayout()
        form.setVerticalSpacing(6)
        for name in FIELDS:
            self.labels[name].setBuddy(self.edits[name])
            form.addRow(self.labels[name], self.edits[name])
        self.check_button = QPushButton()
        self.check_button.setObjectName("wiz:db_check")
        self.check_button.clicked.connect(self.check)
        self.status = ErrorLabel()
        self.status.setObjectName("wiz:db_status")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.fields = QWidget()
        box = QVBoxLayout(self.fields)
        box.setContentsMargins(24, 0, 0, 0)
        box.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.office)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self._load(services.config.database.url)
        self.office.toggled.connect(self._office_toggled)
        for edit in self.edits.values():
            edit.textChanged.connect(self._changed)
        self.retranslate()

    def _load(self, url: str) -> None:
        self.office.setChecked(bool(url))
        if url:
            for name, value in zip(FIELDS, url_fields(url), strict=True):
                self.edits[name].setText(value)
        self._office_toggled(bool(url))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Cơ sở dữ liệu"))
        self.setSubTitle(
            self.tr(
                "Một quầy: dữ liệu lưu ngay trên máy này. Văn phòng nhiều máy: mọi máy dùng chung "
                "một cơ sở dữ liệu PostgreSQL trên máy chủ của văn phòng."
            )
        )
        self.office.setText(self.tr("&Dùng chung cơ sở dữ liệu của văn phòng (PostgreSQL)"))
        for name, text in zip(
            FIELDS,
            [
                self.tr("Máy &chủ:"),
                self.tr("Cổ&ng:"),
                self.tr("Tên cơ &sở dữ liệu:"),
                self.tr("Tà&i khoản:"),
                self.tr("&Mật khẩu:"),
            ],
            strict=True,
        ):
            self.labels[name].setText(text)
        self.edits["host"].setPlaceholderText(self.tr("Ví dụ: 192.168.1.10 hoặc may-chu-mot-cua"))
        self.check_button.setText(self.tr("&Kiểm tra kết nối"))
        self.note.setText(
            self.tr(
                "Cách cài máy chủ và tạo cơ sở dữ liệu: docs/office-setup.md. Có thể đổi sau bằng "
                "lệnh counter-app config set database.url."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _office_toggled(self, on: bool) -> None:
        self.fields.setEnabled(on)
        self.status.show_message(None)
        if on and not self.edits["host"].text():
            self.edits["host"].setFocus()

    def _changed(self) -> None:
        self.facts = None
        self.status.show_message(None)

    def url(self) -> str:
        """The database.url these fields say ("" when the PC keeps its own file); AppError when wrong."""
        if not self.office.isChecked():
            return ""
        e = self.edits
        return office_url(
            e["host"].text(), e["port"].text(), e["name"].text(), e["user"].text(), e["password"].text()
        )

    def check(self) -> None:
        try:
            url = self.url()
        except AppError as exc:
            self._refuse(exc)
            return
        if not url:
            return
        self.check_button.setEnabled(False)
        self._say(self.tr("Đang kiểm tra kết nối…"), error=False)
        start_job(self, check_office_database, url, on_done=self._checked, on_error=self._failed)

    def _checked(self, facts: OfficeDatabaseFacts) -> None:
        self.check_button.setEnabled(True)
        self.facts = facts
        if facts.accounts:
            text = self.tr(
                "Kết nối được (PostgreSQL {version}). Văn phòng đã có {n} tài khoản: máy này sẽ dùng "
                "chung, bấm Tiếp theo rồi đăng nhập."
            ).format(version=facts.server_version, n=facts.accounts)
        else:
            text = self.tr(
                "Kết nối được (PostgreSQL {version}). Cơ sở dữ liệu còn trống: máy này là máy đầu tiên "
                "của văn phòng, bấm Tiếp theo để thiết lập."
            ).format(version=facts.server_version)
        self._say(text, error=False)
        if self._next_after_check:
            self._next_after_check = False
            self._choose(facts.url)

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._next_after_check = False
        self.show_failure(exc)

    def show_failure(self, exc: BaseException) -> None:
        """A check or a reopen that failed: one sentence under the fields."""
        message = core_message(exc.message) if isinstance(exc, AppError) else error_text(exc)
        self._say(message, error=True)
        self.edits["host"].setFocus()

    def _refuse(self, exc: AppError) -> None:
        """Fields that make no address: the one status line under them all names the field (as
        counter_app/office_check.py labels it) and the keyboard goes to it."""
        message = core_message(exc.message)
        self._say(f"{core_message(exc.label)}: {message}" if exc.label else message, error=True)
        field = FIELD_OF_LABEL.get(exc.label or "")
        if field is not None:
            self.edits[field].setFocus()

    def _choose(self, url: str) -> None:
        self._say(self.tr("Đang mở cơ sở dữ liệu…"), error=False)
        self.chosen.emit(url)

    def _say(self, text: str, *, error: bool) -> None:
        self.status.set_tone(error)
        self.status.show_message(text)

    def validatePage(self) -> bool:  # noqa: N802
        """Next: on the database in use, go on; another one is checked first, then `chosen` is emitted
        (the wizard stays here until the session has reopened on it)."""
        try:
            url = self.url()
        except AppError as exc:
            self._refuse(exc)
            return False
        if url == self.services.config.database.url:
            return True
        if not url:  # back to this PC's own file: nothing to check
            self._choose("")
            return False
        if self.facts is not None and self.facts.url == url:
            self._choose(url)
            return False
        self._next_after_check = True
        self.check()
        return False
