"""What the clerk window's status bar shows about sync: events waiting and the last good upload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from counter_app.services.outbox import OutboxService
from counter_app.timeutil import parse_local
from db.models import Meta

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

LAST_SUCCESS, LAST_ATTEMPT, LAST_ERROR = "sync.last_success", "sync.last_attempt", "sync.last_error"


@dataclass(frozen=True)
class CounterStatus:
    pending: int
    rejected: int
    last_success: datetime | None
    last_error: str | None


class CounterStatusService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def snapshot(self) -> CounterStatus:
        outbox = OutboxService(self.ctx).status()
        with self.ctx.db.read() as s:
            values = {k: (m.value if (m := s.get(Meta, k)) else None) for k in (LAST_SUCCESS, LAST_ERROR)}
        last: datetime | None = None
        if values[LAST_SUCCESS]:
            try:
                last = parse_local(values[LAST_SUCCESS])
            except ValueError:  # a hand-edited or foreign value must not break the status bar
                last = None
        return CounterStatus(outbox["pending"], outbox["rejected"], last, values[LAST_ERROR] or None)
