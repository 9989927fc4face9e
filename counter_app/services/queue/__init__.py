"""The queue: issuing numbered tickets, calling them to counters, printing them on the ticket printer.

Windows talk to `QueueService` only, so that an office hub on the LAN (several counters sharing one
queue) can later replace `LocalQueue` without touching them. `open_queue(ctx)` picks the one to use.
The parts live beside this file: views (results), validation, service_lines, issuing, ticket_printing,
calling, board, and local (`LocalQueue`).

Rules (docs/domain.md, Queue and thermal printing): one number sequence per line per local day; priority tickets are called first,
then first come first served; a ticket is recorded (with its outbox event) before it is printed, and
a failed print leaves it stored, marked unprinted, for a one-action reprint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from counter_app.services.queue.local import LocalQueue
from counter_app.services.queue.views import (
    CallView,
    CounterPause,
    IssuedTicket,
    LineInfo,
    QueueStatus,
    TicketView,
)

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


@runtime_checkable
class QueueService(Protocol):
    """What windows may ask of the queue. Implemented locally (SQLite) today, by an office hub later."""

    def services(self) -> list[LineInfo]: ...
    def add_service(
        self,
        prefix: str,
        name: str,
        fields: list[str] | None = None,
        counters: list[int] | None = None,
        *,
        actor: str,
    ) -> LineInfo: ...
    def update_service(
        self,
        prefix: str,
        *,
        name: str | None = None,
        fields: list[str] | None = None,
        counters: list[int] | None = None,
        actor: str,
    ) -> LineInfo: ...
    def remove_service(self, prefix: str, *, actor: str) -> None: ...
    def issue(
        self, service: str, *, priority: bool = False, print_ticket: bool = True, actor: str = "kiosk"
    ) -> IssuedTicket: ...
    def print_ticket(self, number: str, *, actor: str) -> IssuedTicket: ...
    def call_next(self, counter: int, *, service: str | None = None, actor: str) -> TicketView: ...
    def recall(self, counter: int, *, actor: str) -> TicketView: ...
    def skip(self, number: str, *, actor: str) -> TicketView: ...
    def transfer(self, number: str, service: str, *, actor: str) -> TicketView: ...
    def finish(self, number: str, *, actor: str) -> TicketView: ...
    def reactivate(self, number: str, *, actor: str) -> TicketView: ...
    def pause(self, counter: int, reason: str, *, actor: str) -> CounterPause: ...
    def resume(self, counter: int, *, actor: str) -> CounterPause: ...
    def pauses(self) -> list[CounterPause]: ...
    def ticket(self, number: str) -> TicketView: ...
    def serving(self, counter: int) -> TicketView | None: ...
    def status(self) -> QueueStatus: ...
    def calls_since(self, after_id: int, limit: int = 50) -> list[CallView]: ...


def open_queue(ctx: AppContext) -> QueueService:
    """The queue this counter uses (today always the local one)."""
    return LocalQueue(ctx)
