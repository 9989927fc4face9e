"""Reading the queue: one ticket, what a counter serves, the waiting/serving board and the calls for the display."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.services.queue.lookups import QueueLookups
from counter_app.services.queue.pauses import paused_counters
from counter_app.services.queue.validation import normalise_number, parse_counter
from counter_app.services.queue.views import CallView, QueueStatus, TicketView, ticket_view
from counter_app.timeutil import day_start, iso
from db.models.queue import SERVING, SKIPPED, WAITING, QueueCall, QueueLine, QueueTicket


class QueueBoard(QueueLookups):
    """The read side of the queue."""

    def ticket(self, number: str) -> TicketView:
        with self.ctx.db.read() as s:
            return ticket_view(self._ticket(s, normalise_number(number)))

    def serving(self, counter: int) -> TicketView | None:
        with self.ctx.db.read() as s:
            t = self._serving(s, parse_counter(counter), self.ctx.now().date())
            return None if t is None else ticket_view(t)

    def status(self) -> QueueStatus:
        day = self.ctx.now().date()
        with self.ctx.db.read() as s:
            lines = list(s.scalars(select(QueueLine).order_by(QueueLine.position, QueueLine.prefix)))
            counts = {
                (svc, bool(prio)): int(n)
                for svc, prio, n in s.execute(
                    select(QueueTicket.service, QueueTicket.priority, func.count())
                    .where(QueueTicket.day == day, QueueTicket.status == WAITING)
                    .group_by(QueueTicket.service, QueueTicket.priority)
                )
            }
            waiting = [
                {
                    "prefix": x.prefix,
                    "name": x.name,
                    "waiting": counts.get((x.prefix, False), 0) + counts.get((x.prefix, True), 0),
                    "priority": counts.get((x.prefix, True), 0),
                }
                for x in lines
            ]
            serving = [
                {
                    "counter": t.counter,
                    "number": t.number,
                    "service": t.service,
                    "service_name": t.service_name,
                    "called_at": iso(t.called_at),
                }
                for t in s.scalars(
                    select(QueueTicket)
                    .where(QueueTicket.day == day, QueueTicket.status == SERVING)
                    .order_by(QueueTicket.counter)
                )
            ]
            calls = self._calls(
                s,
                select(QueueCall)
                .where(QueueCall.at >= day_start(day))
                .order_by(QueueCall.id.desc())
                .limit(5),
            )
            unprinted = list(
                s.scalars(
                    select(QueueTicket.number)
                    .where(
                        QueueTicket.day == day,
                        QueueTicket.printed.is_(False),
                        QueueTicket.print_attempts > 0,
                        QueueTicket.status == WAITING,
                    )
                    .order_by(QueueTicket.id)
                )
            )
            skipped = list(
                s.scalars(
                    select(QueueTicket.number)
                    .where(QueueTicket.day == day, QueueTicket.status == SKIPPED)
                    .order_by(QueueTicket.skipped_at.desc(), QueueTicket.id.desc())
                    .limit(20)
                )
            )
            last_id = s.scalar(select(func.max(QueueCall.id))) or 0
            paused = paused_counters(s, day)
        return QueueStatus(day, waiting, serving, calls, unprinted, int(last_id), paused, skipped)

    def calls_since(self, after_id: int, limit: int = 50) -> list[CallView]:
        with self.ctx.db.read() as s:
            return self._calls(
                s, select(QueueCall).where(QueueCall.id > after_id).order_by(QueueCall.id).limit(limit)
            )

    @staticmethod
    def _calls(s: Session, query: Any) -> list[CallView]:
        rows = list(s.scalars(query))
        names: dict[int, str] = {}
        if rows:
            query_names = select(QueueTicket.id, QueueTicket.service_name).where(
                QueueTicket.id.in_([r.ticket_id for r in rows])
            )
            names = {tid: name for tid, name in s.execute(query_names)}
        return [
            CallView(r.id, r.number, r.counter, r.at, bool(r.recall), names.get(r.ticket_id, ""))
            for r in rows
        ]
