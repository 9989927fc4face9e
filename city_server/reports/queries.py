"""What the monthly reports read from the city's database, as the plain records the contract's formulas
take (contract/figures.py): no figure is computed here.

Sources: dossiers from the `dossiers` view the sync projection keeps (received, resolved, legal due
time — the original due time, which an apology does not move — rejected, apologised); the apology
details from the stored `dossier.apologized` events; ratings, surveys, payments and feedback from their
stored raw events (the sync views keep only the quick rating level, not offers, SIPAS answers, clerks
or fields); queue tickets from the `tickets` view, with the wait and service seconds the counter put
in the ticket events when it did (else called − issued, finished − called).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from city_server import projection as pj
from city_server.models import Counter, DossierState, Event, TicketState
from contract import events
from contract.figures import FeedbackRecord, OfferRecord, TicketRecord
from contract.labels import RESOLVED_STATES, STOPPED, SUPPLEMENT

_CHUNK = 500  # subjects per IN (...) list


def shift(ts: str, days: int) -> str:
    return (datetime.fromisoformat(ts) + timedelta(days=days)).isoformat()


def vn(value: Any) -> str | None:
    try:
        return pj.vn_time(value)
    except pj.EventError:
        return None


def _secs(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return max(0, int((datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds()))


def stored_events(
    s: Any, agency: str, types: Iterable[str], lo: str | None, hi: str | None
) -> list[dict[str, Any]]:
    """Stored events of `agency` of these types, created in [lo, hi) (text order; a margin is the caller's),
    in sequence order, payload parsed. What the callers fold (a ticket, an offer, a dossier) lives in one
    database, whose outbox sequence is its order: on an office database that spans its counters, so the
    order is never one counter's events after another's (tests/test_sync_office.py)."""
    q = select(Event.counter_number, Event.seq, Event.type, Event.created_at, Event.payload).where(
        Event.agency_code == agency, Event.type.in_(list(types))
    )
    if lo is not None:
        q = q.where(Event.created_at >= lo)
    if hi is not None:
        q = q.where(Event.created_at < hi)
    out = []
    for counter, seq, etype, created, payload in s.execute(q.order_by(Event.seq, Event.id)):
        try:
            p = json.loads(payload)
        except ValueError:
            continue
        out.append({"counter": counter, "seq": seq, "type": etype, "created_at": created, "payload": p})
    return out


def has_any(s: Any, agency: str, types: Iterable[str]) -> bool:
    """Were events of these types ever received from the agency (else its section is absent, not zero)?"""
    q = select(Event.id).where(Event.agency_code == agency, Event.type.in_(list(types))).limit(1)
    return s.execute(q).first() is not None


def agency_known(s: Any, agency: str) -> bool:
    D = DossierState
    if s.execute(select(D.code).where(D.agency_code == agency).limit(1)).first() is not None:
        return True
    return s.execute(select(Counter.id).where(Counter.agency_code == agency).limit(1)).first() is not None


def agencies(s: Any) -> list[str]:
    codes = set(s.scalars(select(Counter.agency_code).distinct()))
    codes |= set(s.scalars(select(DossierState.agency_code).distinct()))
    return sorted(codes)


# --- dossiers ------------------------------------------------------------------------------------------


def received_count(s: Any, agency: str, start: str, end: str) -> int:
    D = DossierState
    q = select(func.count()).where(
        D.agency_code == agency, D.has_base.is_(True), D.received_at >= start, D.received_at < end
    )
    return int(s.scalar(q) or 0)


def rejected_count(s: Any, agency: str, start: str, end: str) -> int:
    D = DossierState
    q = select(func.count()).where(
        D.agency_code == agency, D.status != STOPPED, D.rejected_at >= start, D.rejected_at < end
    )
    return int(s.scalar(q) or 0)


def stopped_count(s: Any, agency: str, start: str, end: str) -> int:
    """Stopped (dừng giải quyết) in the month: the projection keeps when in `rejected_at`."""
    D = DossierState
    q = select(func.count()).where(
        D.agency_code == agency, D.status == STOPPED, D.rejected_at >= start, D.rejected_at < end
    )
    return int(s.scalar(q) or 0)


@dataclass(frozen=True)
class DossierRow:
    code: str
    procedure: str | None
    received_at: str | None
    legal_due_at: str | None  # the original due time
    due_at: str | None  # the appointment now (an apology's new date)
    apologized_at: str | None
    resolved_at: str | None
    status: str


def resolved_in(s: Any, agency: str, start: str, end: str) -> list[DossierRow]:
    D = DossierState
    rows = s.execute(
        select(D.code, D.procedure_name, D.received_at, D.legal_due_at, D.resolved_at, D.status).where(
            D.agency_code == agency,
            D.resolved_at >= start,
            D.resolved_at < end,
            D.status.in_(RESOLVED_STATES),
        )
    ).all()
    return [DossierRow(c, n, rec, due, None, None, res, st) for c, n, rec, due, res, st in rows]


def open_at(s: Any, agency: str, cutoff: str) -> list[DossierRow]:
    """Received before `cutoff`, neither resolved nor rejected by then."""
    D = DossierState
    rows = s.execute(
        select(
            D.code, D.procedure_name, D.received_at, D.legal_due_at, D.due_at, D.apologized_at, D.status
        ).where(
            D.agency_code == agency,
            D.has_base.is_(True),
            D.received_at < cutoff,
            or_(D.resolved_at.is_(None), D.resolved_at >= cutoff),
            or_(D.rejected_at.is_(None), D.rejected_at >= cutoff),
        )
    ).all()
    return [DossierRow(c, n, rec, legal, due, ap, None, st) for c, n, rec, legal, due, ap, st in rows]


def clock_stopped(s: Any, agency: str, codes: list[str]) -> set[str]:
    """Of these dossiers now waiting for a supplement, those paused with office time left (the counter
    puts `remaining_minutes` in the status event); one paused after its due time stays late."""
    out: set[str] = set()
    for i in range(0, len(codes), _CHUNK):
        chunk = [f"dossier:{c}" for c in codes[i : i + _CHUNK]]
        last: dict[str, dict[str, Any]] = {}
        rows = s.execute(
            select(Event.payload)
            .where(
                Event.agency_code == agency,
                Event.type == events.DOSSIER_STATUS_CHANGED,
                Event.subject.in_(chunk),
            )
            .order_by(Event.seq, Event.id)  # one database's order (stored_events)
        ).scalars()
        for raw in rows:
            p = json.loads(raw)
            if p.get("to") == SUPPLEMENT:
                last[str(p.get("code"))] = p
        out |= {c for c, p in last.items() if int(p.get("remaining_minutes") or 0) > 0}
    return out


def apologies_for(s: Any, agency: str, codes: list[str]) -> dict[str, dict[str, Any]]:
    """code → {"number", "issued_at", "new_due_at"} of the apology letter, for those that have one."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(codes), _CHUNK):
        chunk = [f"dossier:{c}" for c in codes[i : i + _CHUNK]]
        rows = s.execute(
            select(Event.payload).where(
                Event.agency_code == agency,
                Event.type == events.DOSSIER_APOLOGIZED,
                Event.subject.in_(chunk),
            )
        ).scalars()
        for raw in rows:
            p = json.loads(raw)
            out.setdefault(
                str(p.get("code")),
                {
                    "number": p.get("number"),
                    "issued_at": vn(p.get("issued_at")),
                    "new_due_at": vn(p.get("new_due_at")),
                },
            )
    return out


def apologies_issued(s: Any, agency: str, start: str, end: str) -> int:
    D = DossierState
    q = select(func.count()).where(D.agency_code == agency, D.apologized_at >= start, D.apologized_at < end)
    return int(s.scalar(q) or 0)


# --- ratings -------------------------------------------------------------------------------------------


def rating_offers(s: Any, agency: str, start: str, end: str) -> list[OfferRecord]:
    """The offers made in the month and not cancelled, folded from each offer's events (offered,
    rated / no rating / cancelled, survey)."""
    offers: dict[tuple[int, Any], dict[str, Any]] = {}
    for ev in stored_events(s, agency, events.RATING_TYPES, shift(start, -2), shift(end, 3)):
        p = ev["payload"]
        o = offers.setdefault((ev["counter"], p.get("offer_id")), {"state": "pending", "answers": {}})
        if p.get("offered_at"):
            o["offered_at"] = vn(p["offered_at"])
        o["clerk"] = p.get("clerk") or o.get("clerk") or ""
        o["field"] = p.get("field") or o.get("field") or ""
        o["kind"] = p.get("kind") or o.get("kind") or ""
        o["ref"] = p.get("ref") or o.get("ref")
        t = ev["type"]
        if t == events.RATING_OFFERED:
            o["state"], o["level"] = "pending", None
        elif t == events.RATING_RECORDED:
            o["state"], o["level"] = "rated", str(p.get("level") or "")
        elif t == events.RATING_NONE:
            o["state"] = "no_rating"
        elif t == events.RATING_CANCELLED:
            o["state"] = "cancelled"
        elif t == events.SURVEY_RECORDED and isinstance(p.get("answers"), dict):
            o["answers"].update({str(k): bool(v) for k, v in p["answers"].items()})
    return [
        OfferRecord(
            level=o.get("level") if o["state"] == "rated" else None,
            clerk=o["clerk"],
            field=o["field"],
            answers=o["answers"],
            kind=str(o["kind"]),
            ref=None if o["ref"] is None else str(o["ref"]),
        )
        for o in offers.values()
        if o.get("offered_at") and start <= o["offered_at"] < end and o["state"] != "cancelled"
    ]


# --- queue ---------------------------------------------------------------------------------------------


def has_tickets(s: Any, agency: str) -> bool:
    return (
        s.execute(select(TicketState.day).where(TicketState.agency_code == agency).limit(1)).first()
        is not None
    )


def tickets(s: Any, agency: str, start: str, end: str) -> list[TicketRecord]:
    """Tickets issued on a local day of the month, grouped by service name (the number's letter when
    the counter sent no name)."""
    T = TicketState
    rows = s.execute(
        select(T.day, T.number, T.service_name, T.status, T.issued_at, T.called_at, T.finished_at).where(
            T.agency_code == agency, T.day >= start[:10], T.day < end[:10]
        )
    ).all()
    # The counter's own measure (wait summed over transfers) when its ticket events carry it.
    measured: dict[tuple[str, str], dict[str, int]] = {}
    types = (events.TICKET_CALLED, events.TICKET_FINISHED, events.TICKET_SKIPPED, events.TICKET_RECALLED)
    for ev in stored_events(s, agency, types, shift(start, -1), shift(end, 1)):
        p = ev["payload"]
        key = (str(p.get("day") or (vn(p.get("issued_at")) or "")[:10]), str(p.get("number") or ""))
        m = measured.setdefault(key, {})
        for k in ("wait_seconds", "service_seconds"):
            if isinstance(p.get(k), int) and not isinstance(p.get(k), bool):
                m[k] = p[k]
    out = []
    for day, number, name, status, issued, called, finished in rows:
        m = measured.get((day, number), {})
        wait = m.get("wait_seconds", _secs(issued, called)) if called else None
        service = m.get("service_seconds", _secs(called, finished)) if status == "finished" else None
        out.append(TicketRecord(service=name or number[:1], status=status, wait_s=wait, service_s=service))
    return out


# --- fees and feedback ---------------------------------------------------------------------------------


def payments(s: Any, agency: str, start: str, end: str) -> list[tuple[str, int]]:
    """(method, amount_vnd) of each fee paid in the month."""
    out = []
    for ev in stored_events(s, agency, (events.PAYMENT_RECORDED,), shift(start, -1), shift(end, 1)):
        p = ev["payload"]
        at = vn(p.get("paid_at")) or vn(ev["created_at"])
        if not at or not start <= at < end or not isinstance(p.get("amount_vnd"), int):
            continue
        out.append((str(p.get("method")), int(p["amount_vnd"])))
    return out


def feedback(s: Any, agency: str, end: str) -> list[FeedbackRecord]:
    """Every feedback item received up to the month's end (a day's margin), with its answer."""
    items: dict[str, dict[str, Any]] = {}
    for ev in stored_events(s, agency, events.FEEDBACK_TYPES, None, shift(end, 1)):
        p = ev["payload"]
        f = items.setdefault(str(p.get("number")), {})
        if ev["type"] == events.FEEDBACK_RECEIVED:
            f["received_at"], f["due_at"] = vn(p.get("received_at")), vn(p.get("due_at"))
        else:
            f["answered_at"] = vn(p.get("answered_at"))
            f["due_at"] = f.get("due_at") or vn(p.get("due_at"))
    return [
        FeedbackRecord(f.get("received_at"), f.get("due_at"), f.get("answered_at")) for f in items.values()
    ]
