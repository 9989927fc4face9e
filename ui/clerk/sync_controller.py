"""The nightly sync inside the clerk window: scheduled at `sync.time`, a catch-up at start when the last
success is older than a day, "Đồng bộ ngay" in the View menu, a progress bar in the status bar while it
runs, and a red notice that stays until the next success when a run failed (so a failed night is the
first thing the clerk sees the next morning). In office hours a quiet live run every `sync.live_seconds`
uploads the queue and dossiers for the city's ticket page (counter_app/services/live_sync.py): no progress
bar, the same red notice when it fails.

The sync itself (network and disk) always runs on the job pool, never on the GUI thread.
MainWindow owns one (`window.sync_controller`) and attaches it to its status bar and View menu.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QPushButton, QWidget

from counter_app.services.live_sync import live_due
from counter_app.services.sync import SyncResult, SyncService
from counter_app.timeutil import parse_local
from ui.clerk.common import format_time, start_job
from ui.clerk.services import ClerkServices
from ui.clerk.status_bar import ClerkStatusBar

CATCH_UP_DELAY_MS = 5_000  # let the window settle (login, first board load) before the catch-up
MAX_TIMER_MS = 6 * 3600 * 1000  # re-arm at least every 6 h: a sleeping PC's clock may have jumped
LIVE_WATCH_MS = 1_000


NOTICE_MAX_PX = 640  # the failure notice's width at most, reason included


class SyncController(QObject):
    progressed = Signal(int, int)  # events answered, events pending at start (emitted from the job)
    finished = Signal(object)  # SyncResult on success, the exception on failure
    live_finished = Signal(object)  # a live run's SyncResult (None: not due), or its exception

    def __init__(self, services: ClerkServices, status_bar: ClerkStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.host, self.bar = parent, status_bar
        self.service_factory: Callable[[], SyncService] = services.new_sync
        self.config = services.ctx.config
        self.running = False
        self.last_result: SyncResult | None = None
        self.last_failure: BaseException | None = None
        self.next_at: datetime | None = None

        self.progress = QProgressBar()
        self.progress.setObjectName("sync_progress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.notice = QLabel()
        self.notice.setObjectName("sync_failed_notice")
        self.notice.setMaximumWidth(NOTICE_MAX_PX)
        self.notice.setStyleSheet("color: white; background: #c62828; padding: 2px 8px; border-radius: 3px;")
        self.notice.hide()
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("sync_retry")
        self.retry_button.setFlat(True)
        self.retry_button.clicked.connect(lambda: self.start("manual"))
        self.retry_button.hide()
        self.action = QAction(self)
        self.action.setObjectName("sync_now")
        self.action.triggered.connect(lambda: self.start("manual"))

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._scheduled)
        self.live_timer = QTimer(self)
        self.live_timer.timeout.connect(self.live_tick)
        # sync.live_seconds is an office key another PC may change at any time: looked at every second (a
        # cached read, counter_app/services/office_settings.py) and the live timer re-armed when it moved.
        self.live_watch = QTimer(self)
        self.live_watch.setInterval(LIVE_WATCH_MS)
        self.live_watch.timeout.connect(self._arm_live)
        self.live_running = False
        self.manual_waiting: str | None = None  # asked for while a live run was on: starts after it
        self.progressed.connect(self._show_progress)
        parent.installEventFilter(self)  # texts follow the window's language switches

    # --- attaching ------------------------------------------------------------------------------------

    def attach(self, menu: QMenu, catch_up_delay_ms: int | None = None) -> None:
        """Join the status bar and `menu`, then read the last run and arm the schedule (a catch-up
        `catch_up_delay_ms` after, when the last success is older than a day)."""
        delay = CATCH_UP_DELAY_MS if catch_up_delay_ms is None else catch_up_delay_ms
        self.bar.addPermanentWidget(self.notice)
        self.bar.addPermanentWidget(self.retry_button)
        self.bar.addPermanentWidget(self.progress)
        menu.addAction(self.action)
        self.retranslate()
        start_job(
            self,
            self._startup_facts,
            on_done=lambda facts: self._startup(facts, delay),
            on_error=lambda _e: self._arm(),
        )
        self._arm_live()
        self.live_watch.start()

    def _startup_facts(self) -> tuple[dict[str, Any], bool]:
        service = self.service_factory()
        return service.state(), service.catch_up_due()

    def _startup(self, facts: tuple[dict[str, Any], bool], catch_up_delay_ms: int) -> None:
        status, catch_up = facts
        if status.get("failed"):
            self._show_failure(status.get("last_error") or "", status.get("last_attempt"))
        self._arm()
        if catch_up:
            QTimer.singleShot(catch_up_delay_ms, self, lambda: self.start("catch-up"))

    # --- schedule ----------------------------------------------------------------------------------------

    def _arm(self) -> None:
        """Wake at the next `sync.time` (checked again at least every few hours)."""
        service = self.service_factory()
        now = service.ctx.now()
        self.next_at = service.next_run(now)
        ms = int((self.next_at - now).total_seconds() * 1000)
        self.timer.start(max(1000, min(ms, MAX_TIMER_MS)))

    def _scheduled(self) -> None:
        service = self.service_factory()
        if self.next_at is not None and service.ctx.now() >= self.next_at:
            self.start("schedule")
        else:
            self._arm()

    # --- a run ---------------------------------------------------------------------------------------------

    # --- the live run (office hours, every sync.live_seconds) ------------------------------------------

    def _arm_live(self) -> None:
        """The live timer at the current sync.live_seconds (stopped at 0); untouched while it is unchanged."""
        try:
            live_ms = self.config.sync.live_seconds * 1000
        except Exception:  # an office setting unreadable right now: the timer stays as it is
            return
        if live_ms <= 0:
            self.live_timer.stop()
        elif not self.live_timer.isActive() or self.live_timer.interval() != live_ms:
            self.live_timer.start(live_ms)

    def live_tick(self) -> bool:
        """Start a quiet live run on the job pool unless a run is on; False when none was started."""
        if self.running or self.live_running:
            return False
        self.live_running = True
        start_job(self, self._live_job, on_done=self._live_done, on_error=self._live_failed)
        return True

    def _live_job(self) -> SyncResult | None:
        service = self.service_factory()
        if not service.configured() or not live_due(service.ctx):
            return None
        return service.run(trigger="live", live=True)

    def _live_done(self, result: SyncResult | None) -> None:
        self.live_running = False
        if result is not None and not result.skipped:
            self.last_result, self.last_failure = result, None
            self.notice.hide()
            self.retry_button.hide()
            if result.sent:
                self.bar.refresh()  # the pending count went down
        self.live_finished.emit(result)
        self._start_waiting()

    def _live_failed(self, exc: BaseException) -> None:
        self.live_running = False
        self.last_failure = exc
        self._show_failure(str(getattr(exc, "message", None) or exc), None)
        self.live_finished.emit(exc)
        self._start_waiting()

    def _start_waiting(self) -> None:
        if self.manual_waiting is not None:
            trigger, self.manual_waiting = self.manual_waiting, None
            self.start(trigger)

    # --- a run ---------------------------------------------------------------------------------------------

    def start(self, trigger: str = "manual") -> bool:
        """Start a sync in the background; False when one is already running. Asked for during a live run,
        it starts as soon as that one ends."""
        if self.running:
            return False
        if self.live_running:
            self.manual_waiting = trigger
            return True
        self.running = True
        self.action.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.show()
        service = self.service_factory()
        start_job(
            self,
            service.run,
            trigger=trigger,
            progress=self.progressed.emit,
            on_done=self._done,
            on_error=self._failed,
        )
        return True

    def _show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _done(self, result: SyncResult) -> None:
        self.last_result, self.last_failure = result, None
        self._end()
        if result.skipped:
            self.bar.showMessage(
                self.tr("Chưa đồng bộ: đang có máy khác gửi dữ liệu lên máy chủ thành phố."), 10_000
            )
            self.finished.emit(result)
            return
        self.notice.hide()
        self.retry_button.hide()
        self.bar.showMessage(
            self.tr("Đã đồng bộ {n} sự kiện với máy chủ thành phố.").format(n=result.sent), 10_000
        )
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.last_failure = exc
        self._end()
        self._show_failure(str(getattr(exc, "message", None) or exc), None)
        self.finished.emit(exc)

    def _end(self) -> None:
        self.running = False
        self.action.setEnabled(True)
        self.retry_button.setEnabled(True)
        self.progress.hide()
        self.bar.refresh()  # pending count and last success
        self._arm()

    def _show_failure(self, error: str, attempted_at: str | None) -> None:
        when = ""
        if attempted_at:
            try:
                when = format_time(parse_local(attempted_at))
            except ValueError:
                when = attempted_at
        self._failure = (error, when)
        self._render_failure()
        self.notice.show()
        self.retry_button.show()

    def _render_failure(self) -> None:
        error, when = getattr(self, "_failure", ("", ""))
        text = (
            self.tr("Đồng bộ lúc {t} không thành công").format(t=when)
            if when
            else self.tr("Đồng bộ không thành công")
        )
        # The reason itself is in the notice (a clerk using the keyboard never hovers), cut to a width that
        # leaves the status bar's "Thử lại" in view; the whole sentence stays in the tooltip.
        reason = error.removeprefix("Đồng bộ: ")
        full = "⚠ " + text + (": " + reason if reason else "")
        self.notice.setText(
            self.notice.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, NOTICE_MAX_PX - 20)
        )
        self.notice.setToolTip(error)

    # --- language ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.action.setText(self.tr("Đồng bộ &ngay với máy chủ thành phố"))
        self.retry_button.setText(self.tr("Thử lại"))
        self.progress.setFormat(self.tr("Đồng bộ %v/%m"))
        if self.notice.isVisible() or hasattr(self, "_failure"):
            self._render_failure()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
