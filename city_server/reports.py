"""Monthly service-quality reports on the city server: one agency, and every agency ranked.

The same figures and definitions as the counter's own report (counter_app/services/reports.py, whose
docstring is the reference), computed here from what the counters synced:

- dossiers from the `dossiers` view the sync projection keeps (received, resolved, legal due time —
  the original due time, which an apology does not move — rejected, apologised);
- the apology details (number, new due date) from the stored `dossier.apologized` events;
- ratings, surveys, payments and feedback from their stored raw events (a minimal projection here:
  the sync views keep only the quick rating level, not offers, SIPAS groups, clerks or fields);
- queue tickets from the `tickets` view, with the wait and service seconds the counter put in the
  ticket events when it did (else called − issued, finished − called).

A section with no events of its kind for the agency in the month reports zeros only if such events
were ever received from that agency; otherwise it is null (nothing synced, nothing claimed).
Router: `router` (HTML and JSON), included by city_server.app. `stats` (GET /api/v1/stats and
`city-server stats`) is the headline of the agency report, from the same section functions.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from html import escape
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, or_, select

from city_server import projection as pj
from city_server.db import Store
from city_server.ingest import server_now
from city_server.models import Counter, DossierState, Event, TicketState
from city_server.service import AdminError
from contract import events

# The SIPAS groups and Hà Nội 2021 targets (docs/domain.md, Satisfaction): the counter sends group keys, the city
# judges every agency against the same targets.
SIPAS_GROUPS: tuple[tuple[str, str, float], ...] = (
    ("access", "Tiếp cận dịch vụ", 86.0),
    ("procedure", "Thủ tục hành chính", 92.0),
    ("staff", "Công chức", 87.0),
    ("result", "Kết quả giải quyết", 90.0),
    ("feedback", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", 85.0),
)
SIPAS_TICKS = {
    "access": "Tiếp cận",
    "procedure": "Thủ tục",
    "staff": "Công chức",
    "result": "Kết quả",
    "feedback": "Phản ánh",
}
LEVEL_LABELS = {
    "very_satisfied": "Rất hài lòng",
    "satisfied": "Hài lòng",
    "neutral": "Bình thường",
    "dissatisfied": "Không hài lòng",
}
CASHLESS = ("transfer", "vietqr")
WAIT_BINS_MIN: tuple[tuple[int, int | None], ...] = (
    (0, 5),
    (5, 10),
    (10, 15),
    (15, 20),
    (20, 30),
    (30, 45),
    (45, 60),
    (60, None),
)


def month_bounds(month: str) -> tuple[str, str]:
    """[start, end) of a "YYYY-MM" month in local time, as the stored text times compare."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise AdminError("Tháng (month): phải có dạng YYYY-MM")
    y, m = int(month[:4]), int(month[5:])
    nxt = f"{y + (m == 12):04d}-{(m % 12) + 1:02d}"
    return f"{month}-01T00:00:00+07:00", f"{nxt}-01T00:00:00+07:00"


def _period(month: str, now: str | None) -> tuple[str, str, str]:
    """The month's bounds and the moment its figures are taken at: month end, or now while it runs."""
    start, end = month_bounds(month)
    now = now or server_now()
    if start > now:
        raise AdminError("Tháng (month): tháng này chưa bắt đầu")
    return start, end, min(end, now)


def pct(part: int, whole: int) -> float | None:
    return None if whole <= 0 else round(100.0 * part / whole + 1e-9, 1)


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    pos = (len(v) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def _r(value: float | None) -> int | None:
    return None if value is None else int(round(value))


def _secs(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return max(0, int((datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds()))


def _shift(ts: str, days: int) -> str:
    return (datetime.fromisoformat(ts) + timedelta(days=days)).isoformat()


def _t(value: Any) -> str | None:
    try:
        return pj.vn_time(value)
    except pj.EventError:
        return None


def _events(
    s: Any, agency: str, types: Iterable[str], lo: str | None, hi: str | None
) -> list[dict[str, Any]]:
    """Stored events of `agency` of these types, created in [lo, hi) (text order; a margin is the caller's),
    in each counter's sequence order, payload parsed."""
    q = select(Event.counter_number, Event.seq, Event.type, Event.created_at, Event.payload).where(
        Event.agency_code == agency, Event.type.in_(list(types))
    )
    if lo is not None:
        q = q.where(Event.created_at >= lo)
    if hi is not None:
        q = q.where(Event.created_at < hi)
    out = []
    for counter, seq, etype, created, payload in s.execute(q.order_by(Event.counter_number, Event.seq)):
        try:
            p = json.loads(payload)
        except ValueError:
            continue
        out.append({"counter": counter, "seq": seq, "type": etype, "created_at": created, "payload": p})
    return out


def _has_any(s: Any, agency: str, types: Iterable[str]) -> bool:
    q = select(Event.id).where(Event.agency_code == agency, Event.type.in_(list(types))).limit(1)
    return s.execute(q).first() is not None


# --- sections --------------------------------------------------------------------------------------------


def _dossiers(
    s: Any, agency: str, start: str, end: str, cutoff: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    D = DossierState
    received = (
        s.scalar(
            select(func.count()).where(
                D.agency_code == agency, D.has_base.is_(True), D.received_at >= start, D.received_at < end
            )
        )
        or 0
    )
    rejected = (
        s.scalar(
            select(func.count()).where(
                D.agency_code == agency, D.status != "stopped", D.rejected_at >= start, D.rejected_at < end
            )
        )
        or 0
    )
    resolved = s.execute(
        select(D.code, D.procedure_name, D.received_at, D.legal_due_at, D.resolved_at).where(
            D.agency_code == agency,
            D.resolved_at >= start,
            D.resolved_at < end,
            D.status.in_(("ready", "returned")),
        )
    ).all()
    early = on_time = late = 0
    register: list[dict[str, Any]] = []
    for code, name, rec, due, res in resolved:
        if not due:
            continue
        if res[:10] < due[:10]:
            early += 1
        elif res <= due:
            on_time += 1
        else:
            late += 1
            register.append(
                {
                    "code": code,
                    "procedure": name,
                    "received_at": rec,
                    "original_due_at": due,
                    "resolved_at": res,
                    "state": "resolved_late",
                }
            )
    open_q = select(
        D.code, D.procedure_name, D.received_at, D.legal_due_at, D.due_at, D.apologized_at, D.status
    ).where(
        D.agency_code == agency,
        D.has_base.is_(True),
        D.received_at < cutoff,
        or_(D.resolved_at.is_(None), D.resolved_at >= cutoff),
        or_(D.rejected_at.is_(None), D.rejected_at >= cutoff),
    )
    open_rows = s.execute(open_q).all()
    stopped = _clock_stopped(s, agency, [r[0] for r in open_rows if r[6] == "supplement"])
    overdue_open = 0
    for code, name, rec, legal, due, apologized, _status in open_rows:
        if code in stopped:
            continue  # waiting for a supplement with office time left: its due time is not set yet
        # The appointment in force at the cutoff: the apology's new date once the apology was issued.
        in_force = due if apologized and apologized < cutoff else legal
        if in_force and in_force < cutoff:
            overdue_open += 1
        if legal and legal < cutoff:
            register.append(
                {
                    "code": code,
                    "procedure": name,
                    "received_at": rec,
                    "original_due_at": legal,
                    "resolved_at": None,
                    "state": "open_late",
                }
            )
    apologies = _apologies(s, agency, [r["code"] for r in register])
    for r in register:
        a = apologies.get(r["code"])
        r["apology"] = a
        r["missing_apology"] = a is None
    register.sort(key=lambda r: (r["original_due_at"], r["code"]))
    n = early + on_time + late
    figures = {
        "received": int(received),
        "resolved": n,
        "early": early,
        "on_time": on_time,
        "late": late,
        "on_time_pct": pct(early + on_time, n),
        "open_at_end": len(open_rows),
        "overdue_open": overdue_open,
        "rejected": int(rejected),
    }
    return figures, register


def _clock_stopped(s: Any, agency: str, codes: list[str]) -> set[str]:
    """Of these dossiers now waiting for a supplement, those paused with office time left (the counter
    puts `remaining_minutes` in the status event); one paused after its due time stays late."""
    out: set[str] = set()
    for i in range(0, len(codes), 500):
        chunk = [f"dossier:{c}" for c in codes[i : i + 500]]
        last: dict[str, dict[str, Any]] = {}
        rows = s.execute(
            select(Event.payload)
            .where(
                Event.agency_code == agency,
                Event.type == events.DOSSIER_STATUS_CHANGED,
                Event.subject.in_(chunk),
            )
            .order_by(Event.counter_number, Event.seq)
        ).scalars()
        for raw in rows:
            p = json.loads(raw)
            if p.get("to") == "supplement":
                last[str(p.get("code"))] = p
        out |= {c for c, p in last.items() if int(p.get("remaining_minutes") or 0) > 0}
    return out


def _apologies(s: Any, agency: str, codes: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(codes), 500):
        chunk = [f"dossier:{c}" for c in codes[i : i + 500]]
        rows = s.execute(
            select(Event.payload).where(
                Event.agency_code == agency, Event.type == events.DOSSIER_APOLOGIZED, Event.subject.in_(chunk)
            )
        ).scalars()
        for raw in rows:
            p = json.loads(raw)
            out.setdefault(
                str(p.get("code")),
                {
                    "number": p.get("number"),
                    "issued_at": _t(p.get("issued_at")),
                    "new_due_at": _t(p.get("new_due_at")),
                },
            )
    return out


RATING_TYPES = events.RATING_TYPES
# Clerk names of no person: empty (a counter's script, no --clerk) and "system" (what older counters
# recorded for it). Their ratings count in every total, never as a clerk's row.
NOBODY = frozenset({"", "system"})


def _ratings(s: Any, agency: str, start: str, end: str) -> dict[str, Any] | None:
    if not _has_any(s, agency, RATING_TYPES):
        return None
    offers: dict[tuple[int, Any], dict[str, Any]] = {}
    for ev in _events(s, agency, RATING_TYPES, _shift(start, -2), _shift(end, 3)):
        p = ev["payload"]
        offer_key = (ev["counter"], p.get("offer_id"))
        o = offers.setdefault(offer_key, {"state": "pending", "level": None, "answers": {}})
        if p.get("offered_at"):
            o["offered_at"] = _t(p["offered_at"])
        o["clerk"] = p.get("clerk") or o.get("clerk") or ""
        o["field"] = p.get("field") or o.get("field") or ""
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
    month = [
        o
        for o in offers.values()
        if o.get("offered_at") and start <= o["offered_at"] < end and o["state"] != "cancelled"
    ]
    rated = [o for o in month if o["state"] == "rated"]
    by_level: dict[str, int] = {k: 0 for k in ("very_satisfied", "satisfied", "dissatisfied")}
    for o in rated:
        by_level[o["level"]] = by_level.get(o["level"], 0) + 1
    satisfied = sum(1 for o in rated if o["level"] in pj.SATISFIED_LEVELS)
    groups: dict[str, list[bool]] = defaultdict(list)
    for o in month:
        for crit, ok in o["answers"].items():
            groups[crit.split(".", 1)[0]].append(ok)
    by_group = {}
    for key, label, target in SIPAS_GROUPS:
        answers = groups.get(key, [])
        p_ok = pct(sum(answers), len(answers))
        by_group[key] = {
            "label": label,
            "target_pct": target,
            "answers": len(answers),
            "satisfied": sum(answers),
            "satisfied_pct": p_ok,
            "meets_target": None if p_ok is None else p_ok >= target,
        }

    def breakdown(attr: str) -> list[dict[str, Any]]:
        out = []
        for k in sorted({o[attr] for o in rated}):
            if attr == "clerk" and k in NOBODY:
                continue  # a script's ratings count in the totals, in nobody's row
            mine = [o for o in rated if o[attr] == k]
            ok = sum(1 for o in mine if o["level"] in pj.SATISFIED_LEVELS)
            out.append({"key": k, "rated": len(mine), "satisfied": ok, "satisfied_pct": pct(ok, len(mine))})
        return out

    return {
        "offered": len(month),
        "rated": len(rated),
        "by_level": by_level,
        "satisfied": satisfied,
        "satisfied_pct": pct(satisfied, len(rated)),
        "response_pct": pct(len(rated), len(month)),
        "surveys": sum(1 for o in month if o["answers"]),
        "by_group": by_group,
        "by_clerk": breakdown("clerk"),
        "by_field": breakdown("field"),
    }


def _queue(s: Any, agency: str, start: str, end: str) -> dict[str, Any] | None:
    T = TicketState
    exists = s.execute(select(T.day).where(T.agency_code == agency).limit(1)).first()
    if exists is None:
        return None
    rows = s.execute(
        select(T.day, T.number, T.service_name, T.status, T.issued_at, T.called_at, T.finished_at).where(
            T.agency_code == agency, T.day >= start[:10], T.day < end[:10]
        )
    ).all()
    # The counter's own measure (wait summed over transfers) when its ticket events carry it.
    measured: dict[tuple[str, str], dict[str, int]] = {}
    for ev in _events(
        s,
        agency,
        (events.TICKET_CALLED, events.TICKET_FINISHED, events.TICKET_SKIPPED, events.TICKET_RECALLED),
        _shift(start, -1),
        _shift(end, 1),
    ):
        p = ev["payload"]
        key = (str(p.get("day") or (_t(p.get("issued_at")) or "")[:10]), str(p.get("number") or ""))
        m = measured.setdefault(key, {})
        for k in ("wait_seconds", "service_seconds"):
            if isinstance(p.get(k), int) and not isinstance(p.get(k), bool):
                m[k] = p[k]
    waits: list[int] = []
    services: list[int] = []
    per: dict[str, dict[str, Any]] = {}
    for day, number, name, status, issued, called, finished in rows:
        m = measured.get((day, number), {})
        w = m.get("wait_seconds", _secs(issued, called))
        sv = m.get("service_seconds", _secs(called, finished)) if status == "finished" else None
        svc = per.setdefault(name or number[:1], {"tickets": 0, "served": 0, "no_shows": 0, "w": [], "s": []})
        svc["tickets"] += 1
        svc["served"] += status == "finished"
        svc["no_shows"] += status == "skipped"
        if w is not None and called:
            waits.append(w)
            svc["w"].append(w)
        if sv is not None:
            services.append(sv)
            svc["s"].append(sv)
    hist = []
    for lo, hi in WAIT_BINS_MIN:
        hist.append(
            {
                "bin": f"từ {lo}" if hi is None else f"{lo}–{hi}",
                "tickets": sum(1 for w in waits if w >= lo * 60 and (hi is None or w < hi * 60)),
            }
        )
    return {
        "tickets": len(rows),
        "served": sum(v["served"] for v in per.values()),
        "no_shows": sum(v["no_shows"] for v in per.values()),
        "wait_avg_s": _r(sum(waits) / len(waits)) if waits else None,
        "wait_p90_s": _r(_percentile(waits, 90)),
        "service_avg_s": _r(sum(services) / len(services)) if services else None,
        "service_p90_s": _r(_percentile(services, 90)),
        "by_service": [
            {
                "name": k,
                "tickets": v["tickets"],
                "served": v["served"],
                "no_shows": v["no_shows"],
                "wait_avg_s": _r(sum(v["w"]) / len(v["w"])) if v["w"] else None,
                "wait_p90_s": _r(_percentile(v["w"], 90)),
            }
            for k, v in sorted(per.items())
        ],
        "wait_histogram": hist,
    }


def _payments(s: Any, agency: str, start: str, end: str) -> dict[str, Any] | None:
    if not _has_any(s, agency, (events.PAYMENT_RECORDED,)):
        return None
    count: dict[str, int] = defaultdict(int)
    amount: dict[str, int] = defaultdict(int)
    for ev in _events(s, agency, (events.PAYMENT_RECORDED,), _shift(start, -1), _shift(end, 1)):
        p = ev["payload"]
        at = _t(p.get("paid_at")) or _t(ev["created_at"])
        if not at or not start <= at < end or not isinstance(p.get("amount_vnd"), int):
            continue
        count[str(p.get("method"))] += 1
        amount[str(p.get("method"))] += int(p["amount_vnd"])
    n = sum(count.values())
    return {
        "payments": n,
        "total_vnd": sum(amount.values()),
        "by_method": {k: amount.get(k, 0) for k in ("cash", *CASHLESS)},
        "by_method_count": {k: count.get(k, 0) for k in ("cash", *CASHLESS)},
        "cashless_vnd": sum(amount.get(k, 0) for k in CASHLESS),
        "cashless_pct": pct(sum(count.get(k, 0) for k in CASHLESS), n),
    }


def _feedback(s: Any, agency: str, start: str, end: str, cutoff: str) -> dict[str, Any] | None:
    types = (events.FEEDBACK_RECEIVED, events.FEEDBACK_ANSWERED)
    if not _has_any(s, agency, types):
        return None
    items: dict[str, dict[str, Any]] = {}
    for ev in _events(s, agency, types, None, _shift(end, 1)):
        p = ev["payload"]
        f = items.setdefault(str(p.get("number")), {})
        if ev["type"] == events.FEEDBACK_RECEIVED:
            f["received_at"], f["due_at"] = _t(p.get("received_at")), _t(p.get("due_at"))
        else:
            f["answered_at"] = _t(p.get("answered_at"))
            f["due_at"] = f.get("due_at") or _t(p.get("due_at"))
    received = sum(1 for f in items.values() if f.get("received_at") and start <= f["received_at"] < end)
    answered = [f for f in items.values() if f.get("answered_at") and start <= f["answered_at"] < end]
    in_time = sum(1 for f in answered if f.get("due_at") and f["answered_at"] <= f["due_at"])
    open_ = [
        f
        for f in items.values()
        if f.get("received_at")
        and f["received_at"] < cutoff
        and not (f.get("answered_at") and f["answered_at"] < cutoff)
    ]
    return {
        "received": received,
        "answered": len(answered),
        "answered_in_time": in_time,
        "answered_late": len(answered) - in_time,
        "open": len(open_),
        "overdue": sum(1 for f in open_ if f.get("due_at") and f["due_at"] < cutoff),
    }


def _apology_figures(
    s: Any, agency: str, start: str, end: str, register: list[dict[str, Any]]
) -> dict[str, int]:
    """Letters issued in the month; register entries (late dossiers) without one."""
    D = DossierState
    issued = s.scalar(
        select(func.count()).where(D.agency_code == agency, D.apologized_at >= start, D.apologized_at < end)
    )
    return {"issued": int(issued or 0), "missing": sum(1 for r in register if r["missing_apology"])}


# --- the reports ---------------------------------------------------------------------------------------


def stats(store: Store, agency: str, month: str, *, now: str | None = None) -> dict[str, Any]:
    """GET /api/v1/stats and `city-server stats`: the headline figures of `agency_report`, computed by
    the same section functions (no definition of its own):

    received, resolved, on_time_pct: its `dossiers` section; overdue: the size of its overdue register
    (resolved late in the month + open at month end past the original due time); apologies: letters
    issued in the month; satisfied_pct: its `ratings` section (null when nothing was rated). An agency
    with no data gets zeros and nulls, not 404.
    """
    start, end, cutoff = _period(month, now)
    with store.read() as s:
        dossiers, register = _dossiers(s, agency, start, end, cutoff)
        apologies = _apology_figures(s, agency, start, end, register)
        ratings = _ratings(s, agency, start, end)
    return {
        "agency": agency,
        "month": month,
        "received": dossiers["received"],
        "resolved": dossiers["resolved"],
        "on_time_pct": dossiers["on_time_pct"],
        "overdue": len(register),
        "apologies": apologies["issued"],
        "satisfied_pct": None if ratings is None else ratings["satisfied_pct"],
    }


def agency_report(store: Store, agency: str, month: str, *, now: str | None = None) -> dict[str, Any]:
    """The monthly report of one agency (JSON shape of `counter-app report monthly --json`)."""
    start, end, cutoff = _period(month, now)
    with store.read() as s:
        known = s.execute(
            select(DossierState.code).where(DossierState.agency_code == agency).limit(1)
        ).first()
        known = known or s.execute(select(Counter.id).where(Counter.agency_code == agency).limit(1)).first()
        if known is None:
            raise LookupError(agency)
        dossiers, register = _dossiers(s, agency, start, end, cutoff)
        trend = []
        y, m = int(month[:4]), int(month[5:])
        for k in range(5, -1, -1):
            yy, mm = (y * 12 + m - 1 - k) // 12, (y * 12 + m - 1 - k) % 12 + 1
            label = f"{yy:04d}-{mm:02d}"
            a, b = month_bounds(label)
            t, _ = _dossiers(s, agency, a, b, min(b, cutoff)) if k else (dossiers, None)
            trend.append({"month": label, "resolved": t["resolved"], "on_time_pct": t["on_time_pct"]})
        out: dict[str, Any] = {
            "month": month,
            "agency": {"code": agency},
            "as_of": cutoff,
            "dossiers": dossiers,
            "apologies": _apology_figures(s, agency, start, end, register),
            "overdue_register": register,
            "on_time_trend": trend,
            "ratings": _ratings(s, agency, start, end),
            "queue": _queue(s, agency, start, end),
            "payments": _payments(s, agency, start, end),
            "feedback": _feedback(s, agency, start, end, cutoff),
        }
    out["sources"] = {
        k: ("data" if out[k] is not None else "absent: no events synced")
        for k in ("ratings", "queue", "payments", "feedback")
    }
    out["sources"]["dossiers"] = "data"
    return out


def agencies(store: Store) -> list[str]:
    with store.read() as s:
        codes = set(s.scalars(select(Counter.agency_code).distinct()))
        codes |= set(s.scalars(select(DossierState.agency_code).distinct()))
    return sorted(codes)


def city_report(store: Store, month: str, *, now: str | None = None) -> dict[str, Any]:
    """Every agency's headline figures, ranked by on-time % then satisfaction (no figure ranks last)."""
    month_bounds(month)  # refuses a malformed month even when no agency has synced yet
    rows = []
    for code in agencies(store):
        r = agency_report(store, code, month, now=now)
        d, rt = r["dossiers"], r["ratings"]
        rows.append(
            {
                "agency": code,
                "received": d["received"],
                "resolved": d["resolved"],
                "late": d["late"],
                "on_time_pct": d["on_time_pct"],
                "overdue_open": d["overdue_open"],
                "apologies_issued": r["apologies"]["issued"],
                "apologies_missing": r["apologies"]["missing"],
                "rated": rt["rated"] if rt else None,
                "satisfied_pct": rt["satisfied_pct"] if rt else None,
            }
        )

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        on_time, sat = row["on_time_pct"], row["satisfied_pct"]
        return (on_time is None, -(on_time or 0), sat is None, -(sat or 0), row["agency"])

    rows.sort(key=key)
    for i, row in enumerate(rows, 1):
        row["rank"] = i
    resolved = sum(r["resolved"] for r in rows)
    ok = sum(r["resolved"] - r["late"] for r in rows)
    return {
        "month": month,
        "agencies": rows,
        "totals": {
            "agencies": len(rows),
            "received": sum(r["received"] for r in rows),
            "resolved": resolved,
            "on_time_pct": pct(ok, resolved),
            "overdue_open": sum(r["overdue_open"] for r in rows),
            "apologies_missing": sum(r["apologies_missing"] for r in rows),
        },
    }


# --- HTML ----------------------------------------------------------------------------------------------

_STYLE = """
body{font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
header{background:#1f5f99;color:#fff;padding:14px 20px}header h1{margin:0;font-size:1.25rem}
main{max-width:1100px;margin:20px auto;background:#fff;border-radius:8px;padding:20px 24px;
box-shadow:0 1px 3px rgba(0,0,0,.12)}h2{color:#1f5f99;font-size:1.1rem;margin-top:24px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{padding:6px 8px;border:1px solid #d5dbe1}
th{background:#e4ecf5;text-align:center}td.n{text-align:right}tr.flag td{background:#fde8e8}
.warn{color:#c53030;font-weight:bold}.note{color:#55606e;font-size:.9rem}
form{margin:8px 0 16px}input{font-size:1rem;padding:4px 6px}.reg td:first-child{white-space:nowrap}
svg{display:block;margin:8px 0}
"""


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _n(v: Any) -> str:
    return "—" if v is None else f"{v:,}".replace(",", ".")


def _dur(v: int | None) -> str:
    return "—" if v is None else f"{v // 60} phút {v % 60:02d} giây"


def _when(v: str | None) -> str:
    if not v:
        return ""
    dt = datetime.fromisoformat(v)
    return f"{dt:%H:%M %d/%m/%Y}"


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1></header><main>{body}</main></body></html>"
    )


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    flags: Iterable[int] = (),
    numeric_from: int = 1,
    cls: str = "",
) -> str:
    flagged = set(flags)
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        f"<tr{' class=flag' if i in flagged else ''}>"
        + "".join(
            f"<td{' class=n' if j >= numeric_from else ''}>{escape(str(c))}</td>" for j, c in enumerate(r)
        )
        + "</tr>"
        for i, r in enumerate(rows)
    )
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}><tr>{head}</tr>{body}</table>"


def _short(text: str | None, limit: int = 60) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


def svg_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None] = (),
    title: str = "",
) -> str:
    """A small inline SVG bar chart (0–100 %), green/red against the dashed target when there is one."""
    w, h, left, bottom, top = 560, 220, 40, 30, 28
    plot_h, slot = h - bottom - top, (w - left - 10) / max(len(labels), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" '
        f'aria-label="{escape(title)}" style="font-family:inherit;font-size:11px">',
        f'<text x="{w / 2}" y="16" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" x2="{w - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#52606d">{tick}%</text>'
        )
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        x0 = left + slot * i
        target = targets[i] if i < len(targets) else None
        color = "#1f5f99" if target is None or v is None else ("#2f855a" if v >= target else "#c53030")
        if v is not None:
            bh = plot_h * v / 100
            parts.append(
                f'<rect x="{x0 + slot * 0.25:.1f}" y="{top + plot_h - bh:.1f}" width="{slot * 0.5:.1f}" '
                f'height="{bh:.1f}" fill="{color}"/>'
            )
        if target is not None:
            ty = top + plot_h * (1 - target / 100)
            parts.append(
                f'<line x1="{x0 + slot * 0.1:.1f}" x2="{x0 + slot * 0.9:.1f}" y1="{ty:.1f}" y2="{ty:.1f}" '
                'stroke="#1f2933" stroke-width="2" stroke-dasharray="5,3"/>'
            )
        label_y = top + plot_h - (plot_h * v / 100 if v is not None else 0) - 4
        parts.append(
            f'<text x="{x0 + slot / 2:.1f}" y="{label_y:.1f}" text-anchor="middle" font-weight="bold">'
            f"{escape(_pct(v))}</text>"
            f'<text x="{x0 + slot / 2:.1f}" y="{h - 10}" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _absent(name: str) -> str:
    return f'<p class="warn">Chưa có số liệu {escape(name)}: cơ quan chưa đồng bộ dữ liệu loại này.</p>'


def agency_html(r: dict[str, Any]) -> str:
    d = r["dossiers"]
    parts = [
        f'<form method="get"><input type="hidden" name="cq" value="{escape(r["agency"]["code"])}">'
        f'Tháng: <input name="thang" value="{escape(r["month"])}" pattern="\\d{{4}}-\\d{{2}}"> '
        '<button type="submit">Xem</button> · <a href="/bao-cao/thanh-pho?thang='
        + escape(r["month"])
        + '">Xếp hạng toàn thành phố</a></form>',
        "<h2>I. Tiếp nhận và giải quyết hồ sơ</h2>",
        _table(
            ["Chỉ tiêu", "Số lượng"],
            [
                ["Hồ sơ tiếp nhận trong tháng", _n(d["received"])],
                ["Hồ sơ đã giải quyết trong tháng", _n(d["resolved"])],
                ["– Trước hạn", _n(d["early"])],
                ["– Đúng hạn", _n(d["on_time"])],
                ["– Quá hạn", _n(d["late"])],
                ["Tỷ lệ giải quyết đúng hạn", _pct(d["on_time_pct"])],
                ["Hồ sơ từ chối trong tháng", _n(d["rejected"])],
                ["Chưa giải quyết cuối kỳ", _n(d["open_at_end"])],
                ["– trong đó quá hạn", _n(d["overdue_open"])],
                ["Phiếu xin lỗi lập trong tháng", _n(r["apologies"]["issued"])],
                ["Hồ sơ quá hạn chưa có phiếu xin lỗi", _n(r["apologies"]["missing"])],
            ],
        ),
        svg_bars(
            [f"{t['month'][5:]}/{t['month'][:4]}" for t in r["on_time_trend"]],
            [t["on_time_pct"] for t in r["on_time_trend"]],
            title="Tỷ lệ đúng hạn 6 tháng gần nhất",
        ),
        "<h2>II. Hồ sơ quá hạn và phiếu xin lỗi</h2>",
    ]
    reg = r["overdue_register"]
    parts.append(
        _table(
            ["Mã hồ sơ", "Thủ tục", "Hạn trả ban đầu", "Tình trạng", "Phiếu xin lỗi", "Hẹn trả lại"],
            [
                [
                    x["code"],
                    _short(x["procedure"]),
                    _when(x["original_due_at"]),
                    f"Có kết quả {_when(x['resolved_at'])}" if x["resolved_at"] else "Chưa có kết quả",
                    f"Số {x['apology']['number']}, {_when(x['apology']['issued_at'])}"
                    if x["apology"]
                    else "CHƯA CÓ",
                    _when(x["apology"]["new_due_at"]) if x["apology"] else "",
                ]
                for x in reg
            ],
            flags=[i for i, x in enumerate(reg) if x["missing_apology"]],
            numeric_from=99,
            cls="reg",
        )
        if reg
        else '<p class="note">Không có hồ sơ quá hạn.</p>'
    )
    rt = r["ratings"]
    parts.append("<h2>III. Mức độ hài lòng</h2>")
    if rt is None:
        parts.append(_absent("đánh giá"))
    else:
        parts.append(
            _table(
                ["Chỉ tiêu", "Số lượng"],
                [
                    *[[LEVEL_LABELS.get(k, k), _n(v)] for k, v in rt["by_level"].items()],
                    ["Số lượt mời đánh giá", _n(rt["offered"])],
                    ["Số lượt đánh giá", _n(rt["rated"])],
                    ["Tỷ lệ đánh giá", _pct(rt["response_pct"])],
                    ["Tỷ lệ hài lòng", _pct(rt["satisfied_pct"])],
                ],
            )
        )
        groups = list(rt["by_group"].values())
        parts.append(
            _table(
                ["Nhóm tiêu chí SIPAS", "Câu trả lời", "Tỷ lệ hài lòng", "Chỉ tiêu", "Kết quả"],
                [
                    [
                        g["label"],
                        _n(g["answers"]),
                        _pct(g["satisfied_pct"]),
                        _pct(g["target_pct"]),
                        "—" if g["meets_target"] is None else ("Đạt" if g["meets_target"] else "Không đạt"),
                    ]
                    for g in groups
                ],
                flags=[i for i, g in enumerate(groups) if g["meets_target"] is False],
            )
        )
        parts.append(
            svg_bars(
                [SIPAS_TICKS[k] for k in rt["by_group"]],
                [g["satisfied_pct"] for g in groups],
                [g["target_pct"] for g in groups],
                title="Tỷ lệ hài lòng theo nhóm SIPAS (đường đứt: chỉ tiêu)",
            )
        )
    q = r["queue"]
    parts.append("<h2>IV. Xếp hàng lấy số</h2>")
    parts.append(
        _absent("xếp hàng")
        if q is None
        else _table(
            ["Dịch vụ", "Số phát", "Đã phục vụ", "Vắng mặt", "Chờ TB", "Chờ P90"],
            [
                [
                    s["name"],
                    _n(s["tickets"]),
                    _n(s["served"]),
                    _n(s["no_shows"]),
                    _dur(s["wait_avg_s"]),
                    _dur(s["wait_p90_s"]),
                ]
                for s in q["by_service"]
            ]
            + [
                [
                    "Tổng cộng",
                    _n(q["tickets"]),
                    _n(q["served"]),
                    _n(q["no_shows"]),
                    _dur(q["wait_avg_s"]),
                    _dur(q["wait_p90_s"]),
                ]
            ],
        )
    )
    p = r["payments"]
    parts.append("<h2>V. Phí, lệ phí</h2>")
    parts.append(
        _absent("thu phí")
        if p is None
        else _table(
            ["Chỉ tiêu", "Giá trị"],
            [
                ["Tổng số tiền đã thu", _n(p["total_vnd"]) + " ₫"],
                ["Số lượt nộp", _n(p["payments"])],
                ["Tỷ lệ không dùng tiền mặt (theo lượt)", _pct(p["cashless_pct"])],
            ],
        )
    )
    f = r["feedback"]
    parts.append("<h2>VI. Phản ánh, kiến nghị</h2>")
    parts.append(
        _absent("phản ánh")
        if f is None
        else _table(
            ["Chỉ tiêu", "Số lượng"],
            [
                ["Tiếp nhận trong tháng", _n(f["received"])],
                ["Trả lời trong tháng", _n(f["answered"])],
                ["– đúng hạn", _n(f["answered_in_time"])],
                ["– quá hạn", _n(f["answered_late"])],
                ["Chưa trả lời cuối kỳ", _n(f["open"])],
                ["– đã quá hạn", _n(f["overdue"])],
            ],
        )
    )
    parts.append(
        '<p class="note">Đúng hạn so với thời hạn hẹn trả ban đầu (hồ sơ đã xin lỗi vẫn tính theo hạn cũ); '
        "trước hạn: có kết quả vào ngày trước ngày hẹn. Số liệu từ dữ liệu các quầy đã đồng bộ.</p>"
    )
    title = f"Báo cáo chất lượng phục vụ tháng {r['month'][5:]}/{r['month'][:4]} — {r['agency']['code']}"
    return _page(title, "".join(parts))


def city_html(c: dict[str, Any]) -> str:
    rows = [
        [
            str(a["rank"]),
            a["agency"],
            _n(a["received"]),
            _n(a["resolved"]),
            _pct(a["on_time_pct"]),
            _n(a["overdue_open"]),
            _n(a["apologies_missing"]),
            _pct(a["satisfied_pct"]),
        ]
        for a in c["agencies"]
    ]
    links = "".join(
        f'<li><a href="/bao-cao?cq={escape(a["agency"])}&amp;thang={escape(c["month"])}">{escape(a["agency"])}</a></li>'
        for a in c["agencies"]
    )
    t = c["totals"]
    body = (
        f'<form method="get">Tháng: <input name="thang" value="{escape(c["month"])}"> <button>Xem</button></form>'
        + _table(
            [
                "Hạng",
                "Cơ quan",
                "Tiếp nhận",
                "Đã giải quyết",
                "Đúng hạn",
                "Tồn quá hạn",
                "Quá hạn chưa xin lỗi",
                "Hài lòng",
            ],
            rows,
            flags=[i for i, a in enumerate(c["agencies"]) if a["apologies_missing"]],
            numeric_from=2,
        )
        + f"<p>Toàn thành phố: {_n(t['agencies'])} cơ quan, tiếp nhận {_n(t['received'])}, đã giải quyết "
        f"{_n(t['resolved'])}, đúng hạn {_pct(t['on_time_pct'])}, tồn quá hạn {_n(t['overdue_open'])}.</p>"
        '<p class="note">Xếp hạng theo tỷ lệ giải quyết đúng hạn, rồi tỷ lệ hài lòng; cơ quan chưa có hồ sơ '
        "giải quyết trong tháng xếp cuối.</p>"
        f"<h2>Báo cáo từng cơ quan</h2><ul>{links}</ul>"
    )
    return _page(f"Xếp hạng chất lượng phục vụ các cơ quan tháng {c['month'][5:]}/{c['month'][:4]}", body)


# --- routes ----------------------------------------------------------------------------------------------

router = APIRouter(tags=["reports"])


def _json(value: Any) -> Response:
    return Response(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        media_type="application/json",
    )


async def _agency(request: Request, agency: str, month: str) -> dict[str, Any]:
    try:
        return await run_in_threadpool(agency_report, request.app.state.store, agency.strip(), month.strip())
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None
    except LookupError:
        raise HTTPException(404, f"không có dữ liệu của cơ quan '{agency}'") from None


async def _city(request: Request, month: str) -> dict[str, Any]:
    try:
        return await run_in_threadpool(city_report, request.app.state.store, month.strip())
    except AdminError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/api/v1/reports/monthly", summary="Báo cáo tháng của một cơ quan (JSON)")
async def agency_json(
    request: Request, agency: str = Query(..., max_length=40), month: str = Query(..., max_length=7)
) -> Response:
    return _json(await _agency(request, agency, month))


@router.get("/api/v1/reports/city", summary="Xếp hạng các cơ quan theo tỷ lệ đúng hạn và hài lòng (JSON)")
async def city_json(request: Request, month: str = Query(..., max_length=7)) -> Response:
    return _json(await _city(request, month))


@router.get("/bao-cao", response_class=HTMLResponse, summary="Báo cáo tháng của một cơ quan")
async def agency_page(
    request: Request, cq: str = Query(..., max_length=40), thang: str = Query(..., max_length=7)
) -> HTMLResponse:
    return HTMLResponse(agency_html(await _agency(request, cq, thang)))


@router.get("/bao-cao/thanh-pho", response_class=HTMLResponse, summary="Xếp hạng các cơ quan trong tháng")
async def city_page(request: Request, thang: str = Query(..., max_length=7)) -> HTMLResponse:
    return HTMLResponse(city_html(await _city(request, thang)))


__all__ = ["agency_report", "city_report", "router", "stats"]
