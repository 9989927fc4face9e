"""The supervisor's "Các quầy" window (supervisors and admins; Xem menu, Ctrl+Shift+Q): every counter
live — who is logged in, which number it serves, paused or not, and what it did today
(counter_app/services/office_overview.py).

Read off the GUI thread while the window is open: when any PC writes (the office's change feed,
ui/live.py) and on a short timer, which also catches heartbeats (they are announced to nobody,
counter_app/services/presence.py). Escape closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.office_overview import CounterNow, OfficeNow, OfficeOverview
from counter_app.storage_errors import OFFICE_DOWN
from ui.clerk.common import ErrorLabel, error_text, format_time, start_job
from ui.live import LiveChanges, follow
from ui.office_link import add_banner

ROLES = ("supervisor", "admin")
REFRESH_MS = 5_000
PAUSED_BG, AWAY_FG = QColor("#fff3e0"), QColor("#8a8a8a")


class OfficePanel(QWidget):
    loaded = Signal(int)  # counters shown

    def __init__(
        self,
        overview: OfficeOverview,
        changes: LiveChanges | None = None,
        parent: QWidget | None = None,
        *,
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        # A window of its own beside the clerk window (the main window's tab bar is full).
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("office_panel")
        self.resize(900, 420)
        self.overview = overview
        self.state: OfficeNow | None = None
        self.loading = False
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.updated = QLabel()
        self.updated.setStyleSheet("color: #666;")
        self.error = ErrorLabel()
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("office_counters")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.updated)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        # What it shows is the last known state while the office server is gone: say so above it.
        self.office_banner = add_banner(
            layout,
            overview.ctx.db,
            self.tr("{down}: đang hiện trạng thái cuối cùng đã biết.").format(down=OFFICE_DOWN),
        )
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        # Calls, pauses, intakes: any change of the queue or of a dossier shows at once.
        follow(self, changes, ("queue", "ticket", "dossier", "payment"), self.refresh, coalesce_ms=250)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def open_window(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        if self.loading or not self.isVisible():  # closed: nobody to show it to
            return
        self.loading = True
        start_job(self, self.overview.now, on_done=self._show, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.error.show_message(error_text(exc))

    def _show(self, state: OfficeNow) -> None:
        self.loading = False
        self.error.show_message(None)
        self.state = state
        self.table.setRowCount(len(state.counters))
        for r, c in enumerate(state.counters):
            for col, text in enumerate(self._cells(c)):
                item = QTableWidgetItem(text)
                if c.paused:
                    item.setBackground(QBrush(PAUSED_BG))
                if not c.online:
                    item.setForeground(QBrush(AWAY_FG))
                if col in (0, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, col, item)
        self.updated.setText(self.tr("Cập nhật {t}").format(t=f"{state.at:%H:%M:%S}"))
        self.loaded.emit(len(state.counters))

    def _cells(self, c: CounterNow) -> tuple[str, str, str, str, str, str]:
        if c.clerk:
            who = f"{c.clerk_name} ({c.clerk})" if c.clerk_name else c.clerk
        elif c.last_seen is not None:
            who = self.tr("Không có ai (lần cuối {t})").format(t=format_time(c.last_seen))
        else:
            who = self.tr("Không có ai")
        if c.paused:
            state = self.tr("Tạm nghỉ: {reason}").format(reason=c.paused)
        elif c.online:
            state = self.tr("Đang làm việc")
        else:
            state = self.tr("Không hoạt động")
        return (str(c.counter), who, state, c.serving or "—", str(c.tickets_today), str(c.dossiers_today))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Các quầy lúc này"))
        self.title.setText(self.tr("Các quầy lúc này"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Quầy"),
                self.tr("Cán bộ đang đăng nhập"),
                self.tr("Trạng thái"),
                self.tr("Đang phục vụ số"),
                self.tr("Số đã gọi hôm nay"),
                self.tr("Hồ sơ xử lý hôm nay"),
            ]
        )
        if self.state is not None:
            self._show(self.state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
