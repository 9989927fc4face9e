"""Status bar: who is logged in, which counter, events waiting for the city server, last good sync.

Refreshed every 30 s and after each transaction, always off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from counter_app.services.sync_state import SyncState
from counter_app.services.users import UserInfo
from ui.clerk.common import error_text, format_time, role_label, start_job
from ui.clerk.services import ClerkServices

REFRESH_MS = 30_000


class ClerkStatusBar(QStatusBar):
    def __init__(self, services: ClerkServices, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.services, self.user = services, user
        self.status: SyncState | None = None
        self.clerk = QLabel()
        self.clerk.setObjectName("status_clerk")
        self.counter = QLabel()
        self.counter.setObjectName("status_counter")
        self.pending = QLabel()
        self.pending.setObjectName("status_pending")
        self.last_sync = QLabel()
        self.last_sync.setObjectName("status_last_sync")
        for w in (self.clerk, self.counter, self.pending, self.last_sync):
            w.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(w)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        start_job(self, self.services.sync_state.snapshot, on_done=self._show, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.pending.setText(self.tr("Không đọc được trạng thái đồng bộ"))
        self.pending.setToolTip(error_text(exc))

    def _show(self, status: SyncState) -> None:
        self.status = status
        self.retranslate()

    def retranslate(self) -> None:
        u = self.user
        self.clerk.setText(
            self.tr("Cán bộ: {name} ({role})").format(name=u.full_name, role=role_label(u.role))
        )
        self.counter.setText(self.tr("Quầy {n}").format(n=self.services.ctx.counter_number))
        s = self.status
        if s is None:
            self.pending.setText(self.tr("Chờ đồng bộ: …"))
            self.last_sync.setText("")
            return
        self.pending.setText(self.tr("Chờ đồng bộ: {n} sự kiện").format(n=s.pending))
        self.pending.setStyleSheet("color: #c62828;" if s.rejected else "")
        self.pending.setToolTip(
            self.tr("{n} sự kiện bị máy chủ từ chối").format(n=s.rejected) if s.rejected else ""
        )
        self.last_sync.setText(
            self.tr("Đồng bộ lần cuối: {t}").format(t=format_time(s.last_success))
            if s.last_success
            else self.tr("Chưa đồng bộ lần nào")
        )
        self.last_sync.setToolTip(s.last_error or "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
