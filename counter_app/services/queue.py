"""The queue: issuing numbered tickets, calling them to counters, printing them on the ticket printer.

Windows talk to `QueueService` only, so that an office hub on the LAN (several counters sharing one
queue) can later replace `LocalQueue` without touching them. `open_queue(ctx)` picks the one to use.

Rules (docs/domain.md, Queue and thermal printing): one number sequence per line per local day; priority tickets are called first,
then first come first served; a ticket is recorded (with its outbox event) before it is printed, and
a failed print leaves it stored, marked unprinted, for a one-action reprint.
"""

from __future__ import annotations

import re
import string
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from contract import events
from counter_app.domain.text import clean_text, fold
from counter_app.errors import AppError, ConflictError, NotFoundError, NothingToDo, ValidationError
from counter_app.services import journal, sequences
from counter_app.timeutil import day_start, iso
from db.models.queue import FINISHED, SERVING, SKIPPED, WAITING, QueueCall, QueueLine, QueueTicket

if TYPE_CHECKING:
    from counter_app.services.context import AppContext
    from printing import printers
    from printing.ticket import TicketContent

STATUS_VI = {WAITING: "đang chờ", SERVING: "đang phục vụ", FINISHED: "đã xong", SKIPPED: "vắng mặt (bỏ qua)"}


class PrinterFault(AppError):
    """The ticket is stored but its print failed; `kind` says why (refused, timeout, paper_out …)."""

    exit_code = 1

    def __init__(self, message: str, *, number: str | None = None, kind: str = "error") -> None:
        super().__init__(message, field="printer.ticket", label="Máy in số thứ tự")
        self.number = number
        self.kind = kind


# --- plain results the windows and the CLI read ---------------------------------------------------


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
class QueueStatus:
    day: date
    waiting: list[dict[str, Any]]  # per line: prefix, name, waiting, priority
    serving: list[dict[str, Any]]  # per counter: counter, number, service, service_name, called_at
    last_calls: list[CallView]
    unprinted: list[str] = field(default_factory=list)  # today's numbers whose ticket did not print
    last_call_id: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "waiting": self.waiting,
            "serving": self.serving,
            "last_calls": [c.to_json() for c in self.last_calls],
            "unprinted": self.unprinted,
        }

    def waiting_total(self) -> int:
        return sum(int(w["waiting"]) for w in self.waiting)


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
    def ticket(self, number: str) -> TicketView: ...
    def serving(self, counter: int) -> TicketView | None: ...
    def status(self) -> QueueStatus: ...
    def calls_since(self, after_id: int, limit: int = 50) -> list[CallView]: ...


def open_queue(ctx: AppContext) -> QueueService:
    """The queue this counter uses (today always the local one)."""
    return LocalQueue(ctx)


# --- validation helpers ---------------------------------------------------------------------------

PREFIX_RE = re.compile(r"[A-Z]")
NUMBER_RE = re.compile(r"([A-Za-z])\s*0*(\d{1,4})")


def normalise_number(raw: str) -> str:
    """'a12', 'A012', ' A 12 ' → 'A012' (what a clerk types → what the ticket says)."""
    m = NUMBER_RE.fullmatch((raw or "").strip())
    if not m:
        raise ValidationError(
            "phải gồm một chữ cái và các chữ số, ví dụ A012", field="number", label="Số thứ tự"
        )
    return f"{m.group(1).upper()}{int(m.group(2)):03d}"


def _prefix(raw: str) -> str:
    value = (raw or "").strip().upper()
    if not PREFIX_RE.fullmatch(value):
        raise ValidationError("phải là một chữ cái từ A đến Z", field="prefix", label="Ký hiệu dịch vụ")
    return value


def _name(raw: str) -> str:
    return clean_text(raw, field="name", label="Tên dịch vụ", max_len=100)


def _fields(raw: list[str] | None) -> list[str]:
    out: list[str] = []
    for item in raw or []:
        value = clean_text(str(item), field="fields", label="Lĩnh vực", max_len=100, required=False)
        if not value:
            continue
        if value not in out:
            out.append(value)
    return out


def _counters(raw: list[int] | None) -> list[int]:
    out: set[int] = set()
    for item in raw or []:
        try:
            n = int(item)
        except (TypeError, ValueError):
            raise ValidationError(
                f"'{item}' không phải số quầy", field="counters", label="Quầy phục vụ"
            ) from None
        if not 1 <= n <= 99:
            raise ValidationError("số quầy phải từ 1 đến 99", field="counters", label="Quầy phục vụ")
        out.add(n)
    return sorted(out)


def _counter(raw: int) -> int:
    try:
        n = int(raw)
    except (TypeError, ValueError):
        raise ValidationError("phải là số", field="counter", label="Số quầy") from None
    if not 1 <= n <= 99:
        raise ValidationError("phải từ 1 đến 99", field="counter", label="Số quầy")
    return n


class _Template(string.Formatter):
    """URL templates from config: unknown {placeholders} stay as typed instead of crashing a print."""

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)


def _seconds(later: datetime, earlier: datetime | None) -> int:
    return 0 if earlier is None else max(0, int((later - earlier).total_seconds()))


def _line_info(line: QueueLine) -> LineInfo:
    return LineInfo(line.prefix, line.name, list(line.fields or []), [int(c) for c in line.counters or []])


def _view(t: QueueTicket, finished_previous: str | None = None) -> TicketView:
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


def _payload(t: QueueTicket, **extra: Any) -> dict[str, Any]:
    return {
        "number": t.number,
        "day": t.day.isoformat(),
        "service": t.service,
        "service_name": t.service_name,
        "priority": bool(t.priority),
        "issued_at": iso(t.issued_at),
        **extra,
    }


# --- the local implementation ----------------------------------------------------------------------


class LocalQueue:
    """The queue in this counter's SQLite file."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- lines --

    def services(self) -> list[LineInfo]:
        with self.ctx.db.read() as s:
            return [
                _line_info(x)
                for x in s.scalars(select(QueueLine).order_by(QueueLine.position, QueueLine.prefix))
            ]

    def line_for_field(self, procedure_field: str) -> LineInfo | None:
        """The line a procedure's field (lĩnh vực) belongs to: the one naming it, else a catch-all line."""
        lines = self.services()
        for line in lines:
            if procedure_field in line.fields:
                return line
        return next((line for line in lines if not line.fields), None)

    def add_service(
        self,
        prefix: str,
        name: str,
        fields: list[str] | None = None,
        counters: list[int] | None = None,
        *,
        actor: str,
    ) -> LineInfo:
        p, n, f, c = _prefix(prefix), _name(name), _fields(fields), _counters(counters)
        with self.ctx.db.write() as s:
            if s.get(QueueLine, p) is not None:
                raise ConflictError(f"ký hiệu {p} đã được dùng", field="prefix", label="Ký hiệu dịch vụ")
            position = (s.scalar(select(func.max(QueueLine.position))) or 0) + 1
            line = QueueLine(
                prefix=p, name=n, fields=f, counters=c, position=position, created_at=self.ctx.now()
            )
            s.add(line)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_SERVICE_ADDED,
                entity="queue_service",
                entity_id=p,
                payload={"prefix": p, "name": n, "fields": f, "counters": c},
            )
            return _line_info(line)

    def update_service(
        self,
        prefix: str,
        *,
        name: str | None = None,
        fields: list[str] | None = None,
        counters: list[int] | None = None,
        actor: str,
    ) -> LineInfo:
        p = _prefix(prefix)
        new_name = None if name is None else _name(name)
        new_fields = None if fields is None else _fields(fields)
        new_counters = None if counters is None else _counters(counters)
        with self.ctx.db.write() as s:
            line = self._line(s, p)
            if new_name is not None:
                line.name = new_name
            if new_fields is not None:
                line.fields = new_fields
            if new_counters is not None:
                line.counters = new_counters
            info = _line_info(line)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_SERVICE_UPDATED,
                entity="queue_service",
                entity_id=p,
                payload=info.to_json(),
            )
            return info

    def remove_service(self, prefix: str, *, actor: str) -> None:
        p = _prefix(prefix)
        today = self.ctx.now().date()
        with self.ctx.db.write() as s:
            line = self._line(s, p)
            open_count = s.scalar(
                select(func.count())
                .select_from(QueueTicket)
                .where(
                    QueueTicket.day == today,
                    QueueTicket.service == p,
                    QueueTicket.status.in_([WAITING, SERVING]),
                )
            )
            if open_count:
                raise ConflictError(
                    f"còn {open_count} số của dịch vụ {p} chưa xong hôm nay; chuyển hoặc kết thúc trước khi xóa",
                    field="prefix",
                    label="Ký hiệu dịch vụ",
                )
            if (s.scalar(select(func.count()).select_from(QueueLine)) or 0) <= 1:
                raise ConflictError(
                    "phải còn ít nhất một dịch vụ lấy số", field="prefix", label="Ký hiệu dịch vụ"
                )
            s.delete(line)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_SERVICE_REMOVED,
                entity="queue_service",
                entity_id=p,
                payload={"prefix": p, "name": line.name},
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

    # -- tickets --

    def issue(
        self, service: str, *, priority: bool = False, print_ticket: bool = True, actor: str = "kiosk"
    ) -> IssuedTicket:
        """Take the next number of `service` today, store it, then (optionally) print it.

        The number is committed before the printer is touched: a print fault cannot lose or repeat it.
        """
        now = self.ctx.now()
        day = now.date()
        with self.ctx.db.write() as s:
            line = self._resolve_line(s, service)
            seq = sequences.next_value(s, f"ticket:{line.prefix}", day.isoformat())
            t = QueueTicket(
                day=day,
                seq=seq,
                number=f"{line.prefix}{seq:03d}",
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
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.TICKET_ISSUED,
                entity="ticket",
                entity_id=f"{day.isoformat()}/{t.number}",
                payload=_payload(t, waiting_ahead=ahead),
            )
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
        url = _Template().format(
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
                payload={
                    "number": t.number,
                    "attempt": t.print_attempts,
                    "error": t.print_error,
                    "kind": None if error is None else error.kind,
                },
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

    def ticket(self, number: str) -> TicketView:
        with self.ctx.db.read() as s:
            return _view(self._ticket(s, normalise_number(number)))

    def serving(self, counter: int) -> TicketView | None:
        with self.ctx.db.read() as s:
            t = self._serving(s, _counter(counter), self.ctx.now().date())
            return None if t is None else _view(t)

    @staticmethod
    def _serving(s: Session, counter: int, day: date) -> QueueTicket | None:
        return s.scalar(
            select(QueueTicket)
            .where(QueueTicket.day == day, QueueTicket.status == SERVING, QueueTicket.counter == counter)
            .order_by(QueueTicket.called_at.desc())
        )

    # -- calling --

    def call_next(self, counter: int, *, service: str | None = None, actor: str) -> TicketView:
        """Call the next ticket to `counter`: priority first, then the oldest. Whatever the counter was
        still serving is finished first (in the same transaction). Nobody waiting → NothingToDo."""
        c = _counter(counter)
        now = self.ctx.now()
        day = now.date()
        with self.ctx.db.write() as s:
            if service:
                prefixes = [self._resolve_line(s, service).prefix]
            else:
                prefixes = [x.prefix for x in s.scalars(select(QueueLine)) if _line_info(x).serves_counter(c)]
                if not prefixes:
                    raise NothingToDo(
                        f"quầy {c} chưa được gán dịch vụ nào (xem `queue service set`)",
                        field="counter",
                        label="Số quầy",
                    )
            nxt = s.scalar(
                select(QueueTicket)
                .where(
                    QueueTicket.day == day, QueueTicket.status == WAITING, QueueTicket.service.in_(prefixes)
                )
                .order_by(
                    case((QueueTicket.priority.is_(True), 0), else_=1), QueueTicket.issued_at, QueueTicket.id
                )
                .limit(1)
            )
            if nxt is None:
                which = ", ".join(prefixes)
                raise NothingToDo(f"không còn ai chờ ở dịch vụ {which}", field="service", label="Hàng chờ")
            previous = self._serving(s, c, day)
            finished_previous = None
            if previous is not None:
                self._finish(s, previous, now, actor, auto=True)
                finished_previous = previous.number
            nxt.wait_seconds = (nxt.wait_seconds or 0) + _seconds(now, nxt.queued_at)
            nxt.status, nxt.called_at, nxt.counter = SERVING, now, c
            s.add(QueueCall(ticket_id=nxt.id, number=nxt.number, counter=c, at=now, recall=False))
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.TICKET_CALLED,
                entity="ticket",
                entity_id=f"{day.isoformat()}/{nxt.number}",
                payload=_payload(nxt, counter=c, called_at=iso(now), wait_seconds=nxt.wait_seconds),
            )
            return _view(nxt, finished_previous)

    def recall(self, counter: int, *, actor: str) -> TicketView:
        c = _counter(counter)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            t = self._serving(s, c, now.date())
            if t is None:
                raise NothingToDo(f"quầy {c} chưa gọi số nào để gọi lại", field="counter", label="Số quầy")
            t.recalls += 1
            s.add(QueueCall(ticket_id=t.id, number=t.number, counter=c, at=now, recall=True))
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.TICKET_RECALLED,
                entity="ticket",
                entity_id=f"{t.day.isoformat()}/{t.number}",
                payload=_payload(t, counter=c, recalls=t.recalls),
            )
            return _view(t)

    def skip(self, number: str, *, actor: str) -> TicketView:
        """No-show: the ticket leaves the queue (waiting or called, not yet finished)."""
        n = normalise_number(number)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            t = self._ticket(s, n)
            self._require_open(t)
            was = t.status
            t.status, t.skipped_at = SKIPPED, now
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.TICKET_SKIPPED,
                entity="ticket",
                entity_id=f"{t.day.isoformat()}/{t.number}",
                payload=_payload(t, counter=t.counter, was=was, recalls=t.recalls),
            )
            return _view(t)

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
                t.service_seconds = (t.service_seconds or 0) + _seconds(now, t.called_at)
            old = t.service
            t.transferred_from, t.service, t.service_name = old, line.prefix, line.name
            t.status, t.counter, t.queued_at, t.transferred_at = WAITING, None, now, now
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.TICKET_TRANSFERRED,
                entity="ticket",
                entity_id=f"{t.day.isoformat()}/{t.number}",
                payload=_payload(t, from_service=old, from_counter=from_counter),
            )
            return _view(t)

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
            return _view(t)

    def _finish(self, s: Session, t: QueueTicket, now: datetime, actor: str, *, auto: bool) -> None:
        t.service_seconds = (t.service_seconds or 0) + _seconds(now, t.called_at)
        t.status, t.finished_at = FINISHED, now
        journal.record(
            s,
            self.ctx,
            actor=actor,
            event_type=events.TICKET_FINISHED,
            entity="ticket",
            entity_id=f"{t.day.isoformat()}/{t.number}",
            payload=_payload(
                t,
                counter=t.counter,
                wait_seconds=t.wait_seconds,
                service_seconds=t.service_seconds,
                auto=auto,
            ),
        )

    @staticmethod
    def _require_open(t: QueueTicket) -> None:
        if t.status not in (WAITING, SERVING):
            raise ConflictError(
                f"số {t.number} {STATUS_VI.get(t.status, t.status)}", field="number", label="Số thứ tự"
            )

    # -- reading --

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
            last_id = s.scalar(select(func.max(QueueCall.id))) or 0
        return QueueStatus(day, waiting, serving, calls, unprinted, int(last_id))

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
