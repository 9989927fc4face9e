"""What the ticket page (/so-thu-tu) tells a waiting citizen: the number being called in their line, how
many are ahead, an estimate from the line's recent service times, and how old these figures are.

Read from the ticket views the counters' live sync keeps (city_server/projection.py fold_ticket); only
ticket numbers and counter numbers, nothing about anyone.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from city_server.ingest import same_database
from city_server.models import Counter, TicketState

STALE_AFTER_S = 180  # past this the page says its figures may be out of date
RECENT_SERVED = 10  # the service times an estimate averages
ACTIVE_WINDOW = timedelta(hours=1)  # counters that called in the line this recently share its work


def live_facts(s: Session, t: TicketState, now: str) -> dict[str, Any]:
    """The live part of a ticket's public answer (the ticket's own row is `t`)."""
    line = t.service or t.number[:1]
    same_day = select(TicketState).where(TicketState.agency_code == t.agency_code, TicketState.day == t.day)
    # One database's queue: counters on files of their own each run their own; an office database's
    # credentials (a new one replacing the old) all speak for its one queue.
    kin = sorted(same_database(s, [t.counter_id])[t.counter_id]) if t.counter_id else []
    if kin:
        same_day = same_day.where(TicketState.counter_id.in_(kin))
    rows = [r for r in s.scalars(same_day) if (r.service or r.number[:1]) == line]
    called = sorted((r for r in rows if r.called_at), key=lambda r: r.called_at or "")
    serving = [r for r in called if r.status == "serving"]
    latest = serving or called
    calling = latest[-1] if latest else None
    ahead = (
        sum(1 for r in rows if r.status == "waiting" and r.number != t.number and _before(r, t))
        if t.status == "waiting"
        else None
    )
    heard = select(func.max(Counter.last_seen_at)).where(Counter.agency_code == t.agency_code)
    as_of = s.scalar(heard.where(Counter.id.in_(kin)) if kin else heard)
    age = None if as_of is None else int((_dt(now) - _dt(as_of)).total_seconds())
    return {
        "line": line,
        "calling": calling.number if calling is not None else None,
        "calling_counter": calling.counter if calling is not None else None,
        "calling_now": bool(serving),
        "ahead": ahead,
        "estimate_minutes": _estimate(rows, called, ahead),
        "as_of": as_of,
        "age_seconds": age,
        "stale": age is None or age > STALE_AFTER_S,
    }


def _before(r: TicketState, t: TicketState) -> bool:
    """Whether waiting ticket `r` is called before `t`: priority first, then by issue time (as the
    counter's own queue: counter_app/services/queue/lookups.py _ahead)."""
    earlier = (r.issued_at or "", r.number) < (t.issued_at or "", t.number)
    return bool(r.priority) and earlier if t.priority else bool(r.priority) or earlier


def _estimate(rows: list[TicketState], called: list[TicketState], ahead: int | None) -> int | None:
    """Minutes until `ahead` people are served: their count × the mean of the line's last service times
    ÷ the counters that called in it lately (at least one); None without service times yet."""
    if not ahead:
        return None
    served = sorted(
        (r for r in rows if r.status == "finished" and r.called_at and r.finished_at),
        key=lambda r: r.finished_at or "",
    )[-RECENT_SERVED:]
    seconds = [(_dt(r.finished_at) - _dt(r.called_at)).total_seconds() for r in served]
    seconds = [x for x in seconds if x > 0]
    if not seconds:
        return None
    last_call = _dt(called[-1].called_at)
    counters = {r.counter for r in called if r.counter and last_call - _dt(r.called_at) <= ACTIVE_WINDOW}
    total = ahead * (sum(seconds) / len(seconds)) / max(1, len(counters))
    return max(1, math.ceil(total / 60))


def _dt(value: str | None) -> datetime:
    return datetime.fromisoformat(value or "")
