"""Plain results of the queue that the windows and the CLI read (nothing here touches the database)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from counter_app.timeutil import iso
from db.models.queue import FINISHED, SERVING, SKIPPED, WAITING, QueueLine, QueueTicket

STATUS_VI = {WAITING: "đang chờ", SERVING: "đang phục vụ", FINISHED: "đã xong", SKIPPED: "vắng mặt (bỏ qua)"}


@dataclass(frozen=True)
class LineInfo:
    prefix: str
    name: str
    fields: list[str]
    counters: list[int]

    def to_json(self) -> dict[str, Any]:
        return {
            "prefix": self.prefix,
            "name": self.name,
            "fields": list(self.fields),
            "counters": list(self.counters),
        }

    def serves_counter(self, counter: int) -> bool:
        return not self.counters or counter in self.counters


@dataclass(frozen=True)
class IssuedTicket:
    number: str
    service: str
    service_name: str
    issued_at: datetime
    waiting_ahead: int
    priority: bool
    printed: bool
    print_error: str | None = None
    print_warning: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "service": self.service,
            "service_name": self.service_name,
            "issued_at": iso(self.issued_at),
            "waiting_ahead": self.waiting_ahead,
            "priority": self.priority,
            "printed": self.printed,
            "print_error": self.print_error,
        }


@dataclass(frozen=True)
class TicketView:
    number: str
    day: date
    service: str
    service_name: str
    status: str
    priority: bool
    issued_at: datetime
    called_at: datetime | None
    counter: int | None
    recalls: int
    finished_at: datetime | None
    wait_seconds: int | None
    service_seconds: int | None
    transferred_from: str | None
    printed: bool
    print_error: str | None
    finished_previous: str | None = None  # call_next: the number it finished first at this counter

    @property
    def status_vi(self) -> str:
        return STATUS_VI.get(self.status, self.status)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["day"] = self.day.isoformat()
        for key in ("issued_at", "called_at", "finished_at"):
            out[key] = iso(out[key])
        return out


@dataclass(frozen=True)
class CallView:
    id: int
    number: str
    counter: int
    at: datetime
    recall: bool
    service_name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "counter": self.counter,
            "at": iso(self.at),
            "recall": self.recall,
            "service_name": self.service_name,
        }


@dataclass(frozen=True)
class CounterPause:
    counter: int
    reason: str
    since: datetime

    @property
    def text(self) -> str:
        """What the board says: 'Quầy 3 tạm nghỉ: Nghỉ trưa'."""
        return f"Quầy {self.counter} tạm nghỉ: {self.reason}"

    def to_json(self) -> dict[str, Any]:
        return {"counter": self.counter, "reason": self.reason, "since": iso(self.since)}


@dataclass(frozen=True)
class QueueStatus:
    day: date
    waiting: list[dict[str, Any]]  # per line: prefix, name, waiting, priority
    serving: list[dict[str, Any]]  # per counter: counter, number, service, service_name, called_at
    last_calls: list[CallView]
    unprinted: list[str] = field(default_factory=list)  # today's numbers whose ticket did not print
    last_call_id: int = 0
    paused: list[CounterPause] = field(default_factory=list)  # counters paused now (tạm nghỉ)
    skipped: list[str] = field(default_factory=list)  # today's no-shows, newest first (to reactivate)

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "waiting": self.waiting,
            "serving": self.serving,
            "last_calls": [c.to_json() for c in self.last_calls],
            "unprinted": self.unprinted,
            "paused": [p.to_json() for p in self.paused],
            "skipped": self.skipped,
        }

    def pause_of(self, counter: int) -> CounterPause | None:
        return next((p for p in self.paused if p.counter == counter), None)

    def waiting_total(self) -> int:
        return sum(int(w["waiting"]) for w in self.waiting)


def line_info(line: QueueLine) -> LineInfo:
    return LineInfo(line.prefix, line.name, list(line.fields or []), [int(c) for c in line.counters or []])


def ticket_view(t: QueueTicket, finished_previous: str | None = None) -> TicketView:
    return TicketView(
        number=t.number,
        day=t.day,
        service=t.service,
        service_name=t.service_name,
        status=t.status,
        priority=bool(t.priority),
        issued_at=t.issued_at,
        called_at=t.called_at,
        counter=t.counter,
        recalls=t.recalls,
        finished_at=t.finished_at,
        wait_seconds=t.wait_seconds,
        service_seconds=t.service_seconds,
        transferred_from=t.transferred_from,
        printed=bool(t.printed),
        print_error=t.print_error,
        finished_previous=finished_previous,
    )
