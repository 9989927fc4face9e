"""A window's heartbeat: tells the office it runs (counter_app/services/presence.py), every HEARTBEAT_S
seconds, off the GUI thread. A beat that fails (office server down) is logged once and retried at the
next tick; the outage itself is shown by the windows' banner, not here."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from counter_app.services.context import AppContext
from counter_app.services.presence import HEARTBEAT_S, PresenceService
from ui.jobs import start_job

log = logging.getLogger(__name__)


class Heartbeat(QObject):
    """Beats as `role` while its parent lives; `clerk()` names who is logged in at each beat."""

    def __init__(
        self,
        ctx: AppContext,
        role: str,
        *,
        clerk: Callable[[], str | None] = lambda: None,
        parent: QObject | None = None,
        interval_s: float = HEARTBEAT_S,
    ) -> None:
        super().__init__(parent)
        self.service = PresenceService(ctx)
        self.role, self.clerk = role, clerk
        self.beats = 0  # delivered beats (tests wait on it)
        self._in_flight = False
        self._again = False  # asked for while a beat was on its way: one more once it is back
        self._failing = False
        self.timer = QTimer(self)
        self.timer.setInterval(int(interval_s * 1000))
        self.timer.timeout.connect(self.beat)

    def start(self) -> Heartbeat:
        self.beat()
        self.timer.start()
        return self

    def beat(self) -> None:
        """Beat now (the timer's tick, or a change the office should see at once: a login, a logout)."""
        if self._in_flight:  # a slow server: one beat at a time, the next as soon as it is back
            self._again = True
            return
        self._in_flight = True
        start_job(
            self, self.service.beat, self.role, None, self.clerk(), on_done=self._done, on_error=self._failed
        )

    def _done(self, _: object) -> None:
        self._in_flight = False
        self.beats += 1
        self._beat_again()
        if self._failing:
            self._failing = False
            log.info("Đã báo trạng thái máy lại được (%s)", self.role)

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        self._beat_again()
        if not self._failing:
            self._failing = True
            log.warning("Không báo được trạng thái máy (%s): %s", self.role, exc)

    def _beat_again(self) -> None:
        if self._again:
            self._again = False
            self.beat()
