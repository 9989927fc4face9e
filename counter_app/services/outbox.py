"""The outbox as the counter sees it: what still waits for the city server."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from counter_app.timeutil import iso
from db.models import OutboxEvent

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


class OutboxService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def status(self) -> dict[str, Any]:
        """{"pending": events not yet accepted by the server nor set aside, "oldest": its created time}."""
        pending = (OutboxEvent.sent_at.is_(None), OutboxEvent.rejected_at.is_(None))
        with self.ctx.db.read() as s:
            count = s.scalar(select(func.count()).select_from(OutboxEvent).where(*pending)) or 0
            oldest = s.scalar(select(func.min(OutboxEvent.created_at)).where(*pending))
            rejected = s.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.rejected_at.is_not(None))
            )
        return {"pending": int(count), "oldest": iso(oldest), "rejected": int(rejected or 0)}
