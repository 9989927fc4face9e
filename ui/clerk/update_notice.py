"""The administrator learns that the city has announced a newer version of this software: a line in the
status bar (with the download link the city gave), never a dialog in the way, never an installation.

At login a job asks the city server (counter_app/services/updates.py; admins only — the others' About
box shows what was known from the last check). `info` is what the About box shows.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from counter_app.services.updates import UpdateInfo, UpdateService
from counter_app.services.users import UserInfo
from ui.clerk.common import start_job
from ui.clerk.services import ClerkServices


class UpdateNotice(QObject):
    checked = Signal(object)  # UpdateInfo, once known

    def __init__(self, services: ClerkServices, user: UserInfo, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.admin = user.role == "admin"
        self.info: UpdateInfo | None = None
        self.label = QLabel()
        self.label.setObjectName("update_notice")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(True)
        self.label.setContentsMargins(6, 0, 6, 0)
        self.label.hide()
        status_bar.insertPermanentWidget(0, self.label)
        updates = UpdateService(services.ctx)
        start_job(self.label, updates.check if self.admin else updates.known_or_none, on_done=self._checked)

    def _checked(self, info: UpdateInfo) -> None:
        self.info = info
        self.retranslate()
        self.checked.emit(info)

    def retranslate(self) -> None:
        info = self.info
        if not (self.admin and info is not None and info.newer):
            self.label.hide()
            return
        text = escape(
            self.tr("Đã có phiên bản mới {latest} (máy này: {running})").format(
                latest=info.latest, running=info.running
            )
        )
        if info.notice:
            text += " — " + escape(info.notice)
        if info.url:
            download = self.tr("Tải về")
            text += f' — <a href="{escape(info.url, quote=True)}">{escape(download)}</a>'
        self.label.setText(text)
        self.label.setToolTip(self.tr("Thành phố đã công bố phiên bản này; phần mềm không tự cài đặt."))
        self.label.show()
