"""Monthly service-quality figures on the city server: one agency, and every agency ranked.

The same figures as the counter's own report (counter_app/services/reports.py): both compute them with
the contract's formulas (contract/figures.py) from records each reads its own way (here: queries.py,
over what the counters synced). A section with no events of its kind for the agency in the month
reports zeros only if such events were ever received from that agency; otherwise it is null (nothing
synced, nothing claimed). `stats` (GET /api/v1/stats and `city-server stats`) is the headline of the
agency report, from the same section functions.
"""

from __future__ import annotations

import copy
import threading
import time
from typing import Any

from sqlalchemy import func, select

from city_server.db import Store
from city_server.ingest import server_now
from city_server.models import CodeConflict, Event
from city_server.reports import queries as q
from city_server.service import AdminError
from contract import events
from contract import figures as f
from contract.labels import LEVELS_3, SUPPLEMENT

TREND_MONTHS = 6


def month_bounds(month: str) -> tuple[str, str]:
    """[start, end) of a "YYYY-MM" month in local time, as the stored text times compare."""
    try:
        return f.month_bounds(month)
    except ValueError:
        raise AdminError("Tháng (month): phải có dạng YYYY-MM") from None


def _period(month: str, now: str | None) -> tuple[str, str, str]:
    """The month's bounds and the moment its figures are taken at: month end, or now while it runs."""
    start, end = month_bounds(month)
    now = now or server_now()
    if start > now:
        raise AdminError("Tháng (month): tháng này chưa bắt đầu")
    return start, end, min(end, now)


# --- sections ------------------------------------------------------------------------------------------


def _dossiers(
    s: Any, agency: str, start: str, end: str, cutoff: str
) -> tuple[f.DossierFigures, list[dict[str, Any]]]:
    """The dossier figures and the overdue register: resolved late in the month, or open at `cutoff`
    past the original due time."""
    resolved = [r for r in q.resolved_in(s, agency, start, end) if r.legal_due_at and r.resolved_at]
    register: list[dict[str, Any]] = []
    for r in resolved:
        assert r.resolved_at and r.legal_due_at
        if f.timeliness(r.resolved_at, r.legal_due_at) == "late":
            register.append(_register_entry(r, r.resolved_at, "resolved_late"))
    open_rows = q.open_at(s, agency, cutoff)
    stopped = q.clock_stopped(s, agency, [r.code for r in open_rows if r.status == SUPPLEMENT])
    overdue_open = 0
    for r in open_rows:
        if r.code in stopped:
            continue  # waiting for a supplement with office time left: its due time is not set yet
        # The appointment in force at the cutoff: the apology's new date once the apology was issued.
        in_force = r.due_at if r.apologized_at and r.apologized_at < cutoff else r.legal_due_at
        overdue_open += f.is_overdue(in_force, cutoff, clock_stopped=False)
        if r.legal_due_at and r.legal_due_at < cutoff:
            register.append(_register_entry(r, None, "open_late"))
    apologies = q.apologies_for(s, agency, [r["code"] for r in register])
    for entry in register:
        a = apologies.get(entry["code"])
        entry["apology"] = a
        entry["missing_apology"] = a is None
    register.sort(key=lambda r: (r["original_due_at"], r["code"]))
    figures = f.dossier_figures(
        received=q.received_count(s, agency, start, end),
        rejected=q.rejected_count(s, agency, start, end),
        stopped=q.stopped_count(s, agency, start, end),
        resolved=[(r.resolved_at, r.legal_due_at) for r in resolved if r.resolved_at and r.legal_due_at],
        open_at_end=len(open_rows),
        overdue_open=overdue_open,
    )
    return figures, register


def _register_entry(r: q.DossierRow, resolved_at: str | None, state: str) -> dict[str, Any]:
    return {
        "code": r.code,
        "procedure": r.procedure,
        "received_at": r.received_at,
        "original_due_at": r.legal_due_at,
        "resolved_at": resolved_at,
        "state": state,
    }


def _ratings(s: Any, agency: str, start: str, end: str) -> f.RatingFigures | None:
    if not q.has_any(s, agency, events.RATING_TYPES):
        return None
    return f.rating_figures(q.rating_offers(s, agency, start, end), shown_levels=LEVELS_3)


def _queue(s: Any, agency: str, start: str, end: str) -> dict[str, Any] | None:
    if not q.has_tickets(s, agency):
        return None
    tickets = q.tickets(s, agency, start, end)
    by_service = []
    for name, group in f.tickets_by_service(tickets).items():
        g = f.ticket_figures(group)
        by_service.append(
            {
                "name": name,
                "tickets": g["tickets"],
                "served": g["served"],
                "no_shows": g["no_shows"],
                "wait_avg_s": g["wait_avg_s"],
                "wait_p90_s": g["wait_p90_s"],
            }
        )
    return {
        **f.ticket_figures(tickets),
        "by_service": by_service,
        "wait_histogram": [{"bin": b, "tickets": n} for b, n in f.wait_histogram(f.waits_of(tickets))],
    }


def _payments(s: Any, agency: str, start: str, end: str) -> f.PaymentFigures | None:
    if not q.has_any(s, agency, (events.PAYMENT_RECORDED,)):
        return None
    return f.payment_figures(q.payments(s, agency, start, end))


def _feedback(s: Any, agency: str, start: str, end: str, cutoff: str) -> f.FeedbackFigures | None:
    if not q.has_any(s, agency, events.FEEDBACK_TYPES):
        return None
    return f.feedback_figures(q.feedback(s, agency, end), start, end, cutoff)


def _apology_figures(
    s: Any, agency: str, start: str, end: str, register: list[dict[str, Any]]
) -> dict[str, int]:
    """Letters issued in the month; register entries (late dossiers) without one."""
    return {
        "issued": q.apologies_issued(s, agency, start, end),
        "missing": sum(1 for r in register if r["missing_apology"]),
    }


# --- the reports ---------------------------------------------------------------------------------------


def stats(store: Store, agency: str, month: str, *, now: str | None = None) -> dict[str, Any]:
    """GET /api/v1/stats and `city-server stats`: the headline figures of `agency_report`, computed by
    the same section functions (no definition of its own):

    received, resolved, on_time_pct: its `dossiers` section; overdue: the size of its overdue register
    (resolved late in the month + open at month end past the original due time); apologies: letters
    issued in the month; satisfied_pct: its `ratings` section (null when nothing was rated); conflicts:
    dossiers refused because their code already belonged to another counter's dossier (received in the
    month; city_server/ingest.py refuse_foreign_codes). An agency with no data gets zeros and nulls, not 404.
    """
    start, end, cutoff = _period(month, now)
    with store.read() as s:
        dossiers, register = _dossiers(s, agency, start, end, cutoff)
        apologies = _apology_figures(s, agency, start, end, register)
        ratings = _ratings(s, agency, start, end)
        conflicts = s.scalar(
            select(func.count())
            .select_from(CodeConflict)
            .where(
                CodeConflict.agency_code == agency,
                CodeConflict.type == events.DOSSIER_RECEIVED,
                CodeConflict.created_at >= start,
                CodeConflict.created_at < end,
            )
        )
    return {
        "agency": agency,
        "month": month,
        "received": dossiers["received"],
        "resolved": dossiers["resolved"],
        "on_time_pct": dossiers["on_time_pct"],
        "overdue": len(register),
        "apologies": apologies["issued"],
        "satisfied_pct": None if ratings is None else ratings["satisfied_pct"],
        "conflicts": int(conflicts or 0),
    }


def _trend(
    s: Any, agency: str, month: str, cutoff: str, this_month: f.DossierFigures
) -> list[dict[str, Any]]:
    """Resolved and on-time % of the last TREND_MONTHS months, oldest first, this one last."""
    trend = []
    y, m = int(month[:4]), int(month[5:])
    for k in range(TREND_MONTHS - 1, -1, -1):
        yy, mm = (y * 12 + m - 1 - k) // 12, (y * 12 + m - 1 - k) % 12 + 1
        label = f"{yy:04d}-{mm:02d}"
        a, b = month_bounds(label)
        t = _dossiers(s, agency, a, b, min(b, cutoff))[0] if k else this_month
        trend.append({"month": label, "resolved": t["resolved"], "on_time_pct": t["on_time_pct"]})
    return trend


def agency_report(store: Store, agency: str, month: str, *, now: str | None = None) -> dict[str, Any]:
    """The monthly report of one agency (JSON shape of `counter-app report monthly --json`)."""
    start, end, cutoff = _period(month, now)
    with store.read() as s:
        if not q.agency_known(s, agency):
            raise LookupError(agency)
        dossiers, register = _dossiers(s, agency, start, end, cutoff)
        out: dict[str, Any] = {
            "month": month,
            "agency": {"code": agency},
            "as_of": cutoff,
            "dossiers": dossiers,
            "apologies": _apology_figures(s, agency, start, end, register),
            "overdue_register": register,
            "on_time_trend": _trend(s, agency, month, cutoff, dossiers),
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
        return q.agencies(s)


def _ranking_row(s: Any, agency: str, start: str, end: str, cutoff: str) -> dict[str, Any]:
    """One agency's line of the ranking: the same section functions as its report, only those the
    ranking shows (no trend, queue, payments or feedback: a city has hundreds of agencies)."""
    d, register = _dossiers(s, agency, start, end, cutoff)
    apologies = _apology_figures(s, agency, start, end, register)
    rt = _ratings(s, agency, start, end)
    return {
        "agency": agency,
        "received": d["received"],
        "resolved": d["resolved"],
        "late": d["late"],
        "on_time_pct": d["on_time_pct"],
        "overdue_open": d["overdue_open"],
        "apologies_issued": apologies["issued"],
        "apologies_missing": apologies["missing"],
        "rated": rt["rated"] if rt else None,
        "satisfied_pct": rt["satisfied_pct"] if rt else None,
    }


# The ranking reads every agency's month: kept per (database, month) until an event arrives (the
# newest stored event id changes) or, for the month still running, until its cut-off moves on a
# little. Where computing it takes long (a big city: seconds), the previous figures keep being served
# while one thread recomputes them, so no reader waits for it. Per worker process.
_RANKING_FRESH_S = 300
_SLOW_S = 1.0
_ranking_cache: dict[tuple[str, str], tuple[tuple[Any, ...], dict[str, Any], float]] = {}
_ranking_busy: set[tuple[str, str]] = set()
_ranking_lock = threading.Lock()
_busy_lock = threading.Lock()


def city_report(store: Store, month: str, *, now: str | None = None) -> dict[str, Any]:
    """Every agency's headline figures, ranked by on-time % then satisfaction (no figure ranks last)."""
    start, end, cutoff = _period(month, now)
    with store.read() as s:
        newest = s.scalar(select(func.max(Event.id)))
    running = cutoff < end
    version = (newest, int(time.time() // _RANKING_FRESH_S) if running else None, now)
    key = (store.url, month)

    def compute() -> dict[str, Any]:
        t = time.perf_counter()
        report = _city_report(store, month, start, end, cutoff)
        _ranking_cache[key] = (version, report, time.perf_counter() - t)
        return report

    def refresh() -> None:
        try:
            compute()
        finally:
            with _busy_lock:
                _ranking_busy.discard(key)

    hit = _ranking_cache.get(key)
    if hit is not None and (hit[0] == version or hit[2] > _SLOW_S):
        with _busy_lock:
            start_refresh = hit[0] != version and key not in _ranking_busy
            if start_refresh:
                _ranking_busy.add(key)
        if start_refresh:
            threading.Thread(target=refresh, name="ranking-refresh", daemon=True).start()
        return copy.deepcopy(hit[1])
    with _ranking_lock:  # one computation at a time; the others then find it done
        hit = _ranking_cache.get(key)
        if hit is not None and hit[0] == version:
            return copy.deepcopy(hit[1])
        return copy.deepcopy(compute())


def _city_report(store: Store, month: str, start: str, end: str, cutoff: str) -> dict[str, Any]:
    with store.read() as s:
        rows = [_ranking_row(s, code, start, end, cutoff) for code in q.agencies(s)]
    rows.sort(key=lambda row: f.city_ranking_key(row["on_time_pct"], row["satisfied_pct"], row["agency"]))
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
            "on_time_pct": f.pct(ok, resolved),
            "overdue_open": sum(r["overdue_open"] for r in rows),
            "apologies_missing": sum(r["apologies_missing"] for r in rows),
        },
    }
