"""Finding lines and tickets in the counter's SQLite file, shared by every part of `LocalQueue`."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain.text import fold
from counter_app.errors import NotFoundError
from counter_app.services import journal
from counter_app.timeutil import iso
from db.models.queue import SERVING, WAITING, QueueLine, QueueTicket

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


def elapsed_seconds(later: datetime, earlier: datetime | None) -> int:
    return 0 if earlier is None else max(0, int((later - earlier).total_seconds()))


def ticket_payload(t: QueueTicket, **extra: Any) -> dict[str, Any]:
    return {
        "number": t.number,
        "day": t.day.isoformat(),
        "service": t.service,
        "service_name": t.service_name,
        "priority": bool(t.priority),
        "issued_at": iso(t.issued_at),
        **extra,
    }


class QueueLookups:
    """The counter's context and the lookups the queue's operations share."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _record_ticket(
        self, s: Session, t: QueueTicket, event_type: str, *, actor: str, **extra: Any
    ) -> None:
        """One ticket event: its audit row and outbox event, keyed by day and number, in `s`'s transaction."""
        journal.record(
            s,
            self.ctx,
            actor=actor,
            event_type=event_type,
            entity="ticket",
            entity_id=f"{t.day.isoformat()}/{t.number}",
            payload=ticket_payload(t, **extra),
        )

    def _line(self, s: Session, prefix: str) -> QueueLine:
        line = s.get(QueueLine, prefix)
        if line is None:
            raise NotFoundError(f"không có dịch vụ {prefix}", field="prefix", label="Ký hiệu dịch vụ")
        return line

    def _resolve_line(self, s: Session, service: str) -> QueueLine:
        """A line by its letter (A) or its name (hộ tịch, case and accents ignored)."""
        raw = (service or "").strip()
        lines = list(s.scalars(select(QueueLine).order_by(QueueLine.position)))
        for line in lines:
            if raw.upper() == line.prefix or fold(raw) == fold(line.name):
                return line
        names = ", ".join(f"{x.prefix} ({x.name})" for x in lines) or "chưa có dịch vụ nào"
        raise NotFoundError(
            f"không có dịch vụ '{raw}'; các dịch vụ: {names}", field="service", label="Dịch vụ"
        )

    def _ahead(self, s: Session, t: QueueTicket) -> int:
        """How many waiting tickets of the same line will be called before `t`."""
        before = (QueueTicket.issued_at < t.issued_at) | (
            (QueueTicket.issued_at == t.issued_at) & (QueueTicket.id < t.id)
        )
        if t.priority:
            cond = QueueTicket.priority.is_(True) & before
        else:
            cond = QueueTicket.priority.is_(True) | before
        return int(
            s.scalar(
                select(func.count())
                .select_from(QueueTicket)
                .where(
                    QueueTicket.day == t.day,
                    QueueTicket.service == t.service,
                    QueueTicket.status == WAITING,
                    QueueTicket.id != t.id,
                    cond,
                )
            )
            or 0
        )

    def _ticket(self, s: Session, number: str) -> QueueTicket:
        today = self.ctx.now().date()
        t = s.scalar(select(QueueTicket).where(QueueTicket.day == today, QueueTicket.number == number))
        if t is None:
            raise NotFoundError(f"hôm nay chưa phát số {number}", field="number", label="Số thứ tự")
        return t

    @staticmethod
    def _serving(s: Session, counter: int, day: date) -> QueueTicket | None:
        return s.scalar(
            select(QueueTicket)
            .where(QueueTicket.day == day, QueueTicket.status == SERVING, QueueTicket.counter == counter)
            .order_by(QueueTicket.called_at.desc())
        )
