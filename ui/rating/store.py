"""The rating screen's database side: looks for a waiting offer (polling) and writes the citizen's answers
one at a time (a reason never overtakes its rating), both as jobs off the GUI thread.

It works the same in the clerk's process and in its own `counter-app rating` process: the clerk side
only stores the offer (RatingService.offer); this finds it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.errors import AppError
from counter_app.services.context import AppContext
from counter_app.services.feedback import FeedbackService
from counter_app.services.queue import QueueService, open_queue
from counter_app.services.ratings import OfferView, RatingService
from counter_app.services.users import UserService
from ui.jobs import run_job

log = logging.getLogger(__name__)

Write = tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], None], Callable[[BaseException], None]]


@dataclass(frozen=True)
class Poll:
    offer: OfferView | None
    clerk_name: str | None  # at this counter now (idle screen)
    offer_clerk_name: str | None  # who served the transaction to rate
    serving: str | None  # the queue number this counter serves now


def serving_number(queue: QueueService, counter: int) -> str | None:
    """The number this counter serves now, or None (also when the queue cannot say)."""
    try:
        ticket = queue.serving(counter)
    except Exception:  # the queue's own trouble must never blank the rating screen
        log.warning("rating screen: the queue could not say what counter %s serves", counter, exc_info=True)
        return None
    return str(ticket.number) if ticket is not None else None


class RatingStore(QObject):
    polled = Signal(object)  # Poll

    def __init__(
        self,
        ctx: AppContext,
        *,
        counter: int,
        clerk: str | None,
        stale_s: int,
        poll_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ratings = RatingService(ctx)
        self.feedback = FeedbackService(ctx)
        self.users = UserService(ctx)
        self.queue = open_queue(ctx)
        self.counter, self.clerk, self.stale_s = counter, clerk, stale_s
        # Set by the visit: look for offers only while nobody is in the middle of one.
        self.may_poll: Callable[[], bool] = lambda: True
        self._writes: deque[Write] = deque()
        self._writing = False
        self._polling = False
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)

    @property
    def busy(self) -> bool:
        """A database job is running or queued (tests wait for this to go False)."""
        return self._writing or bool(self._writes) or self._polling

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    # --- polling ----------------------------------------------------------------------------------

    def poll(self) -> None:
        """Look for a waiting offer (off the GUI thread); not while a write is on its way."""
        if self._polling or self._writing or self._writes or not self.may_poll():
            return
        self._polling = True
        run_job(self._poll_job, on_done=self._poll_done, on_error=self._poll_failed)

    def _poll_job(self) -> Poll:
        offer = self.ratings.next_offer(self.counter, max_age_s=self.stale_s)
        clerk = self.clerk or self.ratings.last_clerk(self.counter)
        return Poll(
            offer,
            self._full_name(clerk),
            self._full_name(offer.clerk) if offer else None,
            serving_number(self.queue, self.counter),
        )

    def _full_name(self, username: str | None) -> str | None:
        if not username or username == "system":
            return None
        try:
            return self.users.get(username).full_name
        except AppError:
            return username

    def _poll_done(self, result: Poll) -> None:
        self._polling = False
        self.polled.emit(result)

    def _poll_failed(self, exc: BaseException) -> None:
        self._polling = False
        log.warning("rating screen: polling failed: %s", exc)

    # --- writing ----------------------------------------------------------------------------------

    def enqueue(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run `fn(*args)` after the writes before it; its callback lands on the GUI thread."""
        self._writes.append((fn, args, on_done, on_error))
        self._next_write()

    def _next_write(self) -> None:
        if self._writing or not self._writes:
            return
        fn, args, on_done, on_error = self._writes.popleft()
        self._writing = True

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._writing = False
            try:
                callback(value)
            finally:
                self._next_write()

        run_job(fn, *args, on_done=lambda v: finish(on_done, v), on_error=lambda e: finish(on_error, e))
