"""What the clerk window's status bar shows about sync: events waiting and the last good upload.

Kept apart from sync.py (which needs httpx) so the status bar starts without the network stack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from counter_app.services import meta
from counter_app.services.meta import LAST_ERROR, LAST_SUCCESS
from counter_app.services.outbox import OutboxService
from counter_app.timeutil import parse_local

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


@dataclass(frozen=True)
class SyncState:
    pending: int
    rejected: int
    last_success: datetime | None
    last_error: str | None


class SyncStateService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def snapshot(self) -> SyncState:
        backlog = OutboxService(self.ctx).backlog()
        with self.ctx.db.read() as s:
            values = {k: meta.get(s, k) for k in (LAST_SUCCESS, LAST_ERROR)}
        last: datetime | None = None
        if last_success := values[LAST_SUCCESS]:
            try:
                last = parse_local(last_success)
            except ValueError:  # a hand-edited or foreign value must not break the status bar
                last = None
        return SyncState(backlog.pending, backlog.rejected, last, values[LAST_ERROR] or None)
