"""Counter actions on tickets: call the next one (priority first), recall, skip a no-show, transfer, finish."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from contract import events
from counter_app.errors import ConflictError, NothingToDo, ValidationError
from counter_app.services.queue.lookups import elapsed_seconds
from counter_app.services.queue.pauses import CounterPauses
from counter_app.services.queue.validation import normalise_number, parse_counter
from counter_app.services.queue.views import STATUS_VI, TicketView, line_info, ticket_view
from counter_app.timeutil import iso
from db.models.queue import FINISHED, SERVING, SKIPPED, WAITING, QueueCall, QueueLine, QueueTicket


class CounterCalls(CounterPauses):
    """What a clerk does with the tickets at a counter."""

    def call_next(self, counter: int, *, service: str | None = None, actor: str) -> TicketView:
        """Call the next ticket to `counter`: priority first, then the oldest. Whatever the counter was
        still serving is finished first (in the same transaction). Nobody waiting → NothingToDo."""
        c = parse_counter(counter)
        now = self.ctx.now()
        day = now.date()
        # Looked at first without the office-wide writer lock: a counter pressing F6 with nobody waiting
        # (or while paused) must not hold up the kiosks and the other counters (benchmarks/office_bench.py).
        with self.ctx.db.read() as s:
            self._next_for(s, c, day, service)
        with self.ctx.db.write() as s:  # and again under the lock: only this answer counts
            nxt = self._next_for(s, c, day, service)
            previous = self._serving(s, c, day)
            finished_previous = None
            if previous is not None:
                self._finish(s, previous, now, actor, auto=True)
                finished_previous = previous.number
            nxt.wait_seconds = (nxt.wait_seconds or 0) + elapsed_seconds(now, nxt.queued_at)
            nxt.status, nxt.called_at, nxt.counter = SERVING, now, c
            s.add(QueueCall(ticket_id=nxt.id, number=nxt.number, counter=c, at=now, recall=False))
            self._record_ticket(
                s,
                nxt,
                events.TICKET_CALLED,
                actor=actor,
                counter=c,
                called_at=iso(now),
                wait_seconds=nxt.wait_seconds,
            )
            return ticket_view(nxt, finished_previous)

    def _next_for(self, s: Session, c: int, day: date, service: str | None) -> QueueTicket:
        """The ticket counter `c` would call now: priority first, then the oldest; refusals as errors."""
        self._refuse_if_paused(s, c, day)
        if service:
            prefixes = [self._resolve_line(s, service).prefix]
        else:
            prefixes = [x.prefix for x in s.scalars(select(QueueLine)) if line_info(x).serves_counter(c)]
            if not prefixes:
                raise NothingToDo(
                    f"quầy {c} chưa được gán dịch vụ nào (xem `queue service set`)",
                    field="counter",
                    label="Số quầy",
                )
        nxt = s.scalar(
            select(QueueTicket)
            .where(QueueTicket.day == day, QueueTicket.status == WAITING, QueueTicket.service.in_(prefixes))
            .order_by(
                case((QueueTicket.priority.is_(True), 0), else_=1), QueueTicket.issued_at, QueueTicket.id
            )
            .limit(1)
        )
        if nxt is None:
            which = ", ".join(prefixes)
            raise NothingToDo(f"không còn ai chờ ở dịch vụ {which}", field="service", label="Hàng chờ")
        return nxt

    def recall(self, counter: int, *, actor: str) -> TicketView:
        c = parse_counter(counter)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            t = self._serving(s, c, now.date())
            if t is None:
                raise NothingToDo(f"quầy {c} chưa gọi số nào để gọi lại", field="counter", label="Số quầy")
            t.recalls += 1
            s.add(QueueCall(ticket_id=t.id, number=t.number, counter=c, at=now, recall=True))
            self._record_ticket(s, t, events.TICKET_RECALLED, actor=actor, counter=c, recalls=t.recalls)
            return ticket_view(t)

    def skip(self, number: str, *, actor: str) -> TicketView:
        """No-show: the ticket leaves the queue (waiting or called, not yet finished)."""
        n = normalise_number(number)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            t = self._ticket(s, n)
            self._require_open(t)
            was = t.status
            t.status, t.skipped_at = SKIPPED, now
            self._record_ticket(
                s, t, events.TICKET_SKIPPED, actor=actor, counter=t.counter, was=was, recalls=t.recalls
            )
            return ticket_view(t)

    def reactivate(self, number: str, *, actor: str) -> TicketView:
        """A no-show came back: today's skipped ticket waits again in its original place (priority, then
        issue time, as if never skipped); its wait counts again from now."""
        n = normalise_number(number)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            t = self._ticket(s, n)
            if t.status != SKIPPED:
                raise ConflictError(
                    f"số {n} {STATUS_VI.get(t.status, t.status)}, không phải số vắng mặt",
                    field="number",
                    label="Số thứ tự",
                )
            skipped_counter = t.counter
            t.status, t.counter, t.queued_at, t.skipped_at = WAITING, None, now, None
            self._record_ticket(
                s,
                t,
                events.TICKET_REACTIVATED,
                actor=actor,
                counter=None,
                skipped_counter=skipped_counter,
                status=WAITING,
            )
            return ticket_view(t)

    def transfer(self, number: str, service: str, *, actor: str) -> TicketView:
        """Move a ticket to another line. It keeps its number and its place by issue time (the citizen
        already waited), and counts as waiting again from now."""
        n = normalise_number(number)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            t = self._ticket(s, n)
            self._require_open(t)
            line = self._resolve_line(s, service)
            if line.prefix == t.service:
                raise ValidationError(
                    f"số {n} đã ở dịch vụ {line.name}", field="service", label="Dịch vụ chuyển đến"
                )
            from_counter = t.counter
            if t.status == SERVING:
                t.service_seconds = (t.service_seconds or 0) + elapsed_seconds(now, t.called_at)
            old = t.service
            t.transferred_from, t.service, t.service_name = old, line.prefix, line.name
            t.status, t.counter, t.queued_at, t.transferred_at = WAITING, None, now, now
            self._record_ticket(
                s, t, events.TICKET_TRANSFERRED, actor=actor, from_service=old, from_counter=from_counter
            )
            return ticket_view(t)

    def finish(self, number: str, *, actor: str) -> TicketView:
        n = normalise_number(number)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            t = self._ticket(s, n)
            if t.status != SERVING:
                why = (
                    "chưa được gọi tới quầy nào" if t.status == WAITING else STATUS_VI.get(t.status, t.status)
                )
                raise ConflictError(f"số {n} {why}", field="number", label="Số thứ tự")
            self._finish(s, t, now, actor, auto=False)
            return ticket_view(t)

    def _finish(self, s: Session, t: QueueTicket, now: datetime, actor: str, *, auto: bool) -> None:
        t.service_seconds = (t.service_seconds or 0) + elapsed_seconds(now, t.called_at)
        t.status, t.finished_at = FINISHED, now
        self._record_ticket(
            s,
            t,
            events.TICKET_FINISHED,
            actor=actor,
            counter=t.counter,
            wait_seconds=t.wait_seconds,
            service_seconds=t.service_seconds,
            auto=auto,
        )

    @staticmethod
    def _require_open(t: QueueTicket) -> None:
        if t.status not in (WAITING, SERVING):
            raise ConflictError(
                f"số {t.number} {STATUS_VI.get(t.status, t.status)}", field="number", label="Số thứ tự"
            )
