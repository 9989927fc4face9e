"""Issuing tickets: one number sequence per line per local day, stored (with its outbox event) before it prints."""

from __future__ import annotations

from dataclasses import asdict

from contract import events
from counter_app.services import sequences
from counter_app.services.numbering import numbering
from counter_app.services.queue.ticket_printing import PrinterFault, TicketPrinting
from counter_app.services.queue.views import IssuedTicket
from db.models.queue import WAITING, QueueTicket


class TicketIssuing(TicketPrinting):
    """Taking the next number of a line."""

    def issue(
        self, service: str, *, priority: bool = False, print_ticket: bool = True, actor: str = "kiosk"
    ) -> IssuedTicket:
        """Take the next number of `service` today, store it, then (optionally) print it.

        The number is committed before the printer is touched: a print fault cannot lose or repeat it.
        """
        now = self.ctx.now()
        day = now.date()
        numbers = numbering(self.ctx)
        with self.ctx.db.write() as s:
            line = self._resolve_line(s, service)
            seq = sequences.next_value(s, numbers.sequence(f"ticket:{line.prefix}"), day.isoformat())
            n = numbers.number(seq, what=f"thứ tự dòng {line.prefix}", label="Số thứ tự", field="number")
            t = QueueTicket(
                day=day,
                seq=seq,
                number=f"{line.prefix}{n:03d}",
                service=line.prefix,
                service_name=line.name,
                priority=bool(priority),
                status=WAITING,
                issued_at=now,
                issued_by=actor,
                queued_at=now,
                recalls=0,
                printed=False,
                print_attempts=0,
            )
            s.add(t)
            s.flush()
            ahead = self._ahead(s, t)
            self._record_ticket(s, t, events.TICKET_ISSUED, actor=actor, waiting_ahead=ahead)
            issued = IssuedTicket(t.number, t.service, t.service_name, t.issued_at, ahead, t.priority, False)
            ticket_id = t.id
            content = self._content(
                number=t.number,
                service_name=t.service_name,
                issued_at=t.issued_at,
                waiting=ahead,
                priority=t.priority,
            )
        if not print_ticket:
            return issued
        try:
            return self._print(ticket_id, content, actor=actor, waiting=ahead)
        except PrinterFault as fault:
            return IssuedTicket(**{**asdict(issued), "print_error": fault.message})
