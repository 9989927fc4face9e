"""The city sees the office live: in office hours the outbox also goes up every `sync.live_seconds`
(default 30; 0 turns it off) besides the nightly catch-up, so the ticket page behind the ticket's QR
(/so-thu-tu on the city server) tells who is being called and how many wait, minutes old at most.

A live run only uploads (no catalog or calendar pull: that stays nightly) and, with nothing to send,
still tells the server it is alive (an empty batch), so the page can say how fresh its figures are. The
clerk window runs it on its job pool (ui/clerk/sync_controller.py); `counter-app sync --live` runs the
loop for an office whose clerk windows are not always open. One uploader at a time per office database
(counter_app/services/upload_lock.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from counter_app.timeutil import local

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

# Tickets are issued before the doors open and the last citizens served after closing.
MARGIN_MIN = 30
LOOK_S = 1.0  # how often the loop looks at the clock and the settings again


def live_due(ctx: AppContext, now: datetime | None = None) -> bool:
    """True when live sync is on and `now` is in office hours (a working day, from half an hour before the
    first opening to half an hour after the last closing)."""
    if ctx.config.sync.live_seconds <= 0:
        return False
    moment = local(now or ctx.now())
    cal = ctx.calendar
    if not cal.is_working_day(moment.date()):
        return False
    minute = moment.hour * 60 + moment.minute
    return cal.segments[0].start - MARGIN_MIN <= minute < cal.segments[-1].end + MARGIN_MIN


def live_loop(
    ctx: AppContext,
    run_once: Callable[[], object],
    *,
    stop: threading.Event,
    max_runs: int | None = None,
) -> int:
    """Run `run_once` every `sync.live_seconds` while in office hours until `stop` is set (or `max_runs`
    runs were made); returns the number of runs. A failed run is the caller's to report: the loop goes on.

    sync.live_seconds and the office hours are office keys another PC may change while the loop runs: they
    are read again every LOOK_S (a cached read; on an office database the settings follow the office's
    change feed, counter_app/services/office_settings.py), so a new interval counts from the last run."""
    if ctx.config.office_store is not None:
        ctx.config.office_store.listen()
    runs = 0
    last: float | None = None  # monotonic time of the last run
    while not stop.is_set() and (max_runs is None or runs < max_runs):
        if live_due(ctx):
            every = float(ctx.config.sync.live_seconds)
            if last is None or time.monotonic() - last >= every:
                run_once()
                runs += 1
                last = time.monotonic()
                continue
            stop.wait(min(LOOK_S, max(0.0, last + every - time.monotonic())))
        else:
            stop.wait(LOOK_S)
    return runs
