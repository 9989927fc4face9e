"""Printing queue tickets on the thermal printer, reprinting one that failed, and the printer test.

A ticket is recorded before it is printed; a failed print marks it unprinted (docs/domain.md, Queue and thermal printing)."""

from __future__ import annotations

import string
from datetime import datetime
from typing import TYPE_CHECKING, Any

from contract import events, payloads
from counter_app.errors import AppError
from counter_app.services import journal
from counter_app.services.queue.lookups import QueueLookups
from counter_app.services.queue.validation import normalise_number
from counter_app.services.queue.views import IssuedTicket
from db.models.queue import WAITING, QueueTicket

if TYPE_CHECKING:
    from printing import printers
    from printing.ticket import TicketContent


class PrinterFault(AppError):
    """The ticket is stored but its print failed; `kind` says why (refused, timeout, paper_out …)."""

    exit_code = 1

    def __init__(self, message: str, *, number: str | None = None, kind: str = "error") -> None:
        super().__init__(message, field="printer.ticket", label="Máy in số thứ tự")
        self.number = number
        self.kind = kind


class UrlTemplate(string.Formatter):
    """URL templates from config: unknown {placeholders} stay as typed instead of crashing a print."""

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)


class TicketPrinting(QueueLookups):
    """Drawing a ticket as ESC/POS bytes and sending it to the configured ticket printer."""

    def print_ticket(self, number: str, *, actor: str) -> IssuedTicket:
        """Print (again) today's ticket `number`; raises PrinterFault when the printer fails."""
        n = normalise_number(number)
        with self.ctx.db.read() as s:
            t = self._ticket(s, n)
            ticket_id = t.id
            ahead = self._ahead(s, t) if t.status == WAITING else 0
            content = self._content(
                number=t.number,
                service_name=t.service_name,
                issued_at=t.issued_at,
                waiting=ahead,
                priority=t.priority,
            )
        return self._print(ticket_id, content, actor=actor, waiting=ahead)

    def print_test(self, uri: str | None = None) -> printers.JobReport:
        """`counter-app printer test`: a sample ticket (nothing stored) to `uri` or the configured printer."""
        now = self.ctx.now()
        content = self._content(
            number="A000", service_name="IN THỬ MÁY IN", issued_at=now, waiting=0, priority=False
        )
        target = uri or self.ctx.config.printer.ticket
        if not target:
            raise PrinterFault("chưa cấu hình máy in số thứ tự (printer.ticket)", kind="unconfigured")
        from printing import printers

        try:
            payload = self._job_bytes(content)
            return printers.send(target, payload, timeout=self._timeout())
        except printers.PrinterError as exc:
            raise PrinterFault(exc.message, kind=exc.kind) from None

    def _timeout(self) -> float:
        return self.ctx.config.printer.timeout_ms / 1000

    def _content(
        self, *, number: str, service_name: str, issued_at: datetime, waiting: int, priority: bool
    ) -> TicketContent:
        # printing.ticket and printing.printers load python-escpos' printer profiles (0.2 s): imported
        # only when a ticket is drawn or sent, not by every command or window that reads the queue.
        from printing.ticket import TicketContent

        cfg = self.ctx.config
        url = UrlTemplate().format(
            cfg.queue.ticket_url,
            number=number,
            agency=self.ctx.agency_code,
            city_server=cfg.city.server_url.rstrip("/"),
            day=issued_at.date().isoformat(),
        )
        return TicketContent(
            agency=cfg.agency.name,
            service=service_name,
            number=number,
            issued_at=issued_at,
            waiting=waiting,
            url=url,
            footer=cfg.queue.ticket_footer,
            priority=priority,
        )

    def _job_bytes(self, content: TicketContent) -> bytes:
        from printing import printers
        from printing.ticket import build_job

        cfg = self.ctx.config
        try:
            return build_job(content, cfg.printer.ticket_width, cfg.printer.ticket_mode)
        except (OSError, ValueError) as exc:  # missing font, URL too long for the QR on this paper
            raise printers.PrinterError(f"không tạo được phiếu: {exc}") from None

    def ticket_bytes(self, number: str) -> bytes:
        """The exact job `print_ticket` would send (for previews and the benchmark)."""
        with self.ctx.db.read() as s:
            t = self._ticket(s, normalise_number(number))
            ahead = self._ahead(s, t) if t.status == WAITING else 0
            content = self._content(
                number=t.number,
                service_name=t.service_name,
                issued_at=t.issued_at,
                waiting=ahead,
                priority=t.priority,
            )
        return self._job_bytes(content)

    def _print(self, ticket_id: int, content: TicketContent, *, actor: str, waiting: int) -> IssuedTicket:
        from printing import printers

        uri = self.ctx.config.printer.ticket
        error: printers.PrinterError | None = None
        report: printers.JobReport | None = None
        if not uri:
            error = printers.PrinterError("chưa cấu hình máy in số thứ tự (printer.ticket)")
            error.kind = "unconfigured"
        else:
            try:
                report = printers.send(uri, self._job_bytes(content), timeout=self._timeout())
            except printers.PrinterError as exc:
                error = exc
        with self.ctx.db.write() as s:
            t = s.get(QueueTicket, ticket_id)
            assert t is not None
            t.print_attempts += 1
            if error is None:
                t.printed, t.printed_at, t.print_error = True, self.ctx.now(), None
            else:
                t.print_error = error.message
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.TICKET_PRINTED if error is None else events.TICKET_PRINT_FAILED,
                entity="ticket",
                entity_id=f"{t.day.isoformat()}/{t.number}",
                payload=payloads.TicketPrinted(
                    {
                        "number": t.number,
                        "attempt": t.print_attempts,
                        "error": t.print_error,
                        "kind": None if error is None else error.kind,
                    }
                ),
                sync=False,  # a printer's mood is the counter's business, not the city's
            )
            result = IssuedTicket(
                t.number,
                t.service,
                t.service_name,
                t.issued_at,
                waiting,
                t.priority,
                bool(t.printed),
                t.print_error,
                report.warning if report else None,
            )
        if error is not None:
            raise PrinterFault(error.message, number=result.number, kind=error.kind)
        return result
