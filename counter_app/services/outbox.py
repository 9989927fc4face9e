"""The outbox as the counter sees it: what still waits for the city server. The one place that counts
pending and rejected events (the status bar, the sync and `counter-app outbox status` all ask here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from counter_app.timeutil import iso
from db.models import OutboxEvent

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

# Not yet accepted by the server (nor answered "duplicate") and not set aside as rejected.
PENDING = (OutboxEvent.sent_at.is_(None), OutboxEvent.rejected_at.is_(None))


@dataclass(frozen=True)
class OutboxBacklog:
    pending: int
    rejected: int  # set aside with the server's reason, waiting for the admin (outbox requeue)
    oldest_pending: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"pending": self.pending, "oldest": iso(self.oldest_pending), "rejected": self.rejected}


class OutboxService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def pending_count(self) -> int:
        with self.ctx.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(OutboxEvent).where(*PENDING)) or 0)

    def backlog(self) -> OutboxBacklog:
        with self.ctx.db.read() as s:
            count = s.scalar(select(func.count()).select_from(OutboxEvent).where(*PENDING)) or 0
            oldest = s.scalar(select(func.min(OutboxEvent.created_at)).where(*PENDING))
            rejected = s.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.rejected_at.is_not(None))
            )
        return OutboxBacklog(int(count), int(rejected or 0), oldest)
