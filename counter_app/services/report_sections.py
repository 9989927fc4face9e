"""The monthly report's sections on the counter: SQL reads the local tables into the contract's plain
records, and the contract's formulas (contract/figures.py) compute every figure, the same ones the
city computes from the synced events (city_server/reports/figures.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from contract import figures as f
from contract.labels import LEVEL_VI, READY, REJECTED, RETURNED, SIPAS_GROUPS, STOPPED, SUPPLEMENT
from counter_app.domain import sipas
from counter_app.services.report_model import (
    DossierFigures,
    FeedbackFigures,
    FieldDossierFigures,
    GroupScore,
    Month,
    PaymentFigures,
    QueueFigures,
    RatingBreakdown,
    RatingFigures,
    RegisterEntry,
    ServiceQueueFigures,
    TrendPoint,
    stored_text,
)
from counter_app.timeutil import parse_local

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

TREND_MONTHS = 6
NO_FIELD_VI = "Không gắn lĩnh vực (số thứ tự)"


def _dt(raw: Any) -> datetime | None:
    return None if raw is None else parse_local(str(raw))


# --- dossiers ------------------------------------------------------------------------------------------

# Resolution moment and the original due time, as SQL expressions over dossiers d LEFT JOIN apologies a.
_RESOLVED = "COALESCE(d.ready_at, d.returned_at)"
_ORIG_DUE = "COALESCE(a.old_due_at, d.due_at)"
_IS_RESOLVED = f"d.status IN ('{READY}', '{RETURNED}') AND {_RESOLVED} IS NOT NULL"


def _resolved_in(s: Session, month: Month) -> list[tuple[str, str, str]]:
    """(field, resolved_at, original_due_at) of the dossiers resolved in the month."""
    q = f"""
        SELECT d.field, {_RESOLVED}, {_ORIG_DUE}
        FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
        WHERE {_IS_RESOLVED} AND {_RESOLVED} >= :s AND {_RESOLVED} < :e
    """
    span = {"s": stored_text(month.start), "e": stored_text(month.end)}
    return [(str(r[0]), str(r[1]), str(r[2])) for r in s.execute(text(q), span)]


def dossier_figures(
    s: Session, month: Month, as_of: datetime
) -> tuple[DossierFigures, list[FieldDossierFigures]]:
    start, end = stored_text(month.start), stored_text(month.end)
    received_by_field: dict[str, int] = {
        str(k): int(n)
        for k, n in s.execute(
            text(
                "SELECT field, count(*) FROM dossiers WHERE received_at >= :s AND received_at < :e GROUP BY field"
            ),
            {"s": start, "e": end},
        ).all()
    }
    rejected = int(
        s.execute(
            text(
                "SELECT count(DISTINCT dossier_id) FROM dossier_history "
                f"WHERE to_status = '{REJECTED}' AND at >= :s AND at < :e"
            ),
            {"s": start, "e": end},
        ).scalar_one()
    )
    stopped = int(
        s.execute(
            text(
                "SELECT count(DISTINCT dossier_id) FROM dossier_history "
                f"WHERE to_status = '{STOPPED}' AND at >= :s AND at < :e"
            ),
            {"s": start, "e": end},
        ).scalar_one()
    )
    resolved = _resolved_in(s, month)
    by_field = []
    for name in sorted(set(received_by_field) | {r[0] for r in resolved}):
        mine = f.dossier_figures(
            received=received_by_field.get(name, 0),
            rejected=0,
            stopped=0,
            resolved=[(res, due) for fld, res, due in resolved if fld == name],
            open_at_end=0,
            overdue_open=0,
        )
        by_field.append(
            FieldDossierFigures(
                field=name,
                received=mine["received"],
                resolved=mine["resolved"],
                late=mine["late"],
                on_time_pct=mine["on_time_pct"],
            )
        )
    open_ids = _open_at(s, as_of)
    at = stored_text(as_of)
    figures = f.dossier_figures(
        received=sum(received_by_field.values()),
        rejected=rejected,
        stopped=stopped,
        resolved=[(res, due) for _fld, res, due in resolved],
        open_at_end=len(open_ids),
        overdue_open=sum(
            f.is_overdue(stored_text(due), at, clock_stopped=paused)
            for due, paused in _replay(s, open_ids, as_of).values()
        ),
    )
    return DossierFigures(**figures), by_field


def _open_at(s: Session, moment: datetime) -> list[int]:
    """Dossiers received before `moment` and neither resolved nor rejected by then."""
    q = f"""
        SELECT d.id FROM dossiers d
        WHERE d.received_at < :m
          AND NOT ({_RESOLVED} IS NOT NULL AND {_RESOLVED} < :m)
          AND NOT EXISTS (SELECT 1 FROM dossier_history h
                          WHERE h.dossier_id = d.id AND h.to_status IN ('{REJECTED}', '{STOPPED}')
                            AND h.at < :m)
        ORDER BY d.id
    """
    return [int(r[0]) for r in s.execute(text(q), {"m": stored_text(moment)})]


def _replay(s: Session, dossier_ids: Sequence[int], moment: datetime) -> dict[int, tuple[datetime, bool]]:
    """Each dossier's appointment in force at `moment` and whether its clock was stopped then.

    Replays its history up to `moment`: the latest recorded due time (at receipt, after a supplement,
    or the apology's new date), and whether a supplement pause with office time left held (a pause
    requested after the due time had passed does not make a late dossier punctual).
    """
    due: dict[int, datetime] = {}
    paused: dict[int, bool] = {}
    for i in range(0, len(dossier_ids), 500):
        chunk = ",".join(str(int(x)) for x in dossier_ids[i : i + 500])
        rows = s.execute(
            text(
                f"SELECT dossier_id, action, to_status, data FROM dossier_history "
                f"WHERE dossier_id IN ({chunk}) AND at < :m ORDER BY dossier_id, id"
            ),
            {"m": stored_text(moment)},
        )
        for dossier_id, action, to_status, raw in rows:
            data = json.loads(raw) if raw else {}
            if action == "apology" and data.get("new_due_at"):
                due[dossier_id] = parse_local(data["new_due_at"])
            elif data.get("due_at"):
                due[dossier_id] = parse_local(data["due_at"])
            if action == "status":
                paused[dossier_id] = to_status == SUPPLEMENT and int(data.get("remaining_minutes") or 0) > 0
        # A dossier with no history rows (imported): its stored due time.
        for dossier_id, stored in s.execute(text(f"SELECT id, due_at FROM dossiers WHERE id IN ({chunk})")):
            due.setdefault(dossier_id, parse_local(stored))
    return {d: (due[d], paused.get(d, False)) for d in dossier_ids}


def overdue_register(s: Session, month: Month, as_of: datetime) -> list[RegisterEntry]:
    """Resolved late in the month, or open at `as_of` past the original due time with the clock running."""
    start, end = stored_text(month.start), stored_text(month.end)
    cols = f"""
        d.code, d.procedure_name, d.field, d.clerk, d.received_at,
        {_ORIG_DUE} AS orig_due, {{resolved}} AS resolved_at, a.number, a.issued_at, a.new_due_at
    """
    resolved = f"""
        SELECT {cols.format(resolved=_RESOLVED)}
        FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
        WHERE {_IS_RESOLVED} AND {_RESOLVED} >= :s AND {_RESOLVED} < :e
    """
    entries = [
        _entry(r)
        for r in s.execute(text(resolved), {"s": start, "e": end})
        if f.timeliness(str(r[6]), str(r[5])) == "late"
    ]
    # Open at month end and past the original due time — unless waiting for a supplement with office
    # time left: that clock is stopped, the stored due time is not the real one yet.
    open_ids = [d for d, (_due, paused) in _replay(s, _open_at(s, as_of), as_of).items() if not paused]
    if open_ids:
        late_open = f"""
            SELECT {cols.format(resolved="NULL")}
            FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
            WHERE d.id IN ({",".join(str(i) for i in open_ids)}) AND {_ORIG_DUE} < :m
        """
        entries += [_entry(r) for r in s.execute(text(late_open), {"m": stored_text(as_of)})]
    entries.sort(key=lambda e: (e.original_due_at, e.code))
    return entries


def _entry(r: Any) -> RegisterEntry:
    received, orig_due = _dt(r[4]), _dt(r[5])
    assert received is not None and orig_due is not None
    return RegisterEntry(
        code=r[0],
        procedure_name=r[1],
        field=r[2],
        clerk=r[3],
        received_at=received,
        original_due_at=orig_due,
        resolved_at=_dt(r[6]),
        apology_number=r[7],
        apology_issued_at=_dt(r[8]),
        apology_new_due_at=_dt(r[9]),
    )


def apologies_issued(s: Session, month: Month) -> int:
    return int(
        s.execute(
            text("SELECT count(*) FROM apologies WHERE issued_at >= :s AND issued_at < :e"),
            {"s": stored_text(month.start), "e": stored_text(month.end)},
        ).scalar_one()
    )


def on_time_trend(s: Session, month: Month, months: int = TREND_MONTHS) -> list[TrendPoint]:
    out = []
    for m in month.last(months):
        d = f.dossier_figures(
            received=0,
            rejected=0,
            stopped=0,
            resolved=[(res, due) for _fld, res, due in _resolved_in(s, m)],
            open_at_end=0,
            overdue_open=0,
        )
        out.append(TrendPoint(str(m), d["resolved"], d["on_time_pct"]))
    return out


# --- queue, fees, feedback -----------------------------------------------------------------------------


def queue_figures(s: Session, m: Month) -> QueueFigures:
    """Tickets issued on a local day of the month (the queue service keeps each ticket's wait, summed
    over transfers, and service seconds)."""
    rows = s.execute(
        text(
            "SELECT service, service_name, status, wait_seconds, service_seconds FROM queue_tickets "
            "WHERE day >= :s AND day < :e ORDER BY service, id"
        ),
        {"s": m.start.date().isoformat(), "e": m.end.date().isoformat()},
    ).all()
    names: dict[str, str] = {
        str(k): str(v) for k, v in s.execute(text("SELECT prefix, name FROM queue_services"))
    }
    last_name = {str(r[0]): str(r[1]) for r in rows}  # rows are in id order: the latest wins
    tickets = [
        f.TicketRecord(
            service=str(r[0]),
            status=str(r[2]),
            wait_s=None if r[3] is None else int(r[3]),
            service_s=None if r[4] is None else int(r[4]),
        )
        for r in rows
    ]
    by_service = [
        ServiceQueueFigures(
            service=prefix, name=names.get(prefix) or last_name[prefix], **f.ticket_figures(group)
        )
        for prefix, group in f.tickets_by_service(tickets).items()
    ]
    return QueueFigures(
        **f.ticket_figures(tickets),
        by_service=by_service,
        wait_histogram=f.wait_histogram(f.waits_of(tickets)),
    )


def payment_figures(s: Session, m: Month) -> PaymentFigures:
    """Fees paid in the month."""
    rows = s.execute(
        text("SELECT method, amount_vnd FROM payments WHERE paid_at >= :s AND paid_at < :e"),
        {"s": stored_text(m.start), "e": stored_text(m.end)},
    ).all()
    return PaymentFigures(**f.payment_figures((str(method), int(vnd or 0)) for method, vnd in rows))


def feedback_figures(s: Session, m: Month, *, as_of: datetime) -> FeedbackFigures:
    """Feedback received before the month's end, with its deadline and answer."""
    start, end = stored_text(m.start), stored_text(m.end)
    rows = s.execute(
        text("SELECT received_at, due_at, answered_at FROM feedback WHERE received_at < :e"), {"e": end}
    ).all()
    items = [f.FeedbackRecord(*(None if v is None else str(v) for v in r)) for r in rows]
    return FeedbackFigures(**f.feedback_figures(items, start, end, stored_text(as_of)))


# --- ratings -------------------------------------------------------------------------------------------


def sipas_targets(ctx: AppContext) -> dict[str, float]:
    """Target % per SIPAS group: config `report.target.<group>` (defaults: contract/labels.py)."""
    return {g.key: float(ctx.config.report.target(g.key)) for g in SIPAS_GROUPS}


def rating_figures(ctx: AppContext, s: Session, m: Month) -> RatingFigures:
    """Ratings offered in the month and not cancelled, with their quick rating and detailed survey."""
    span = {"s": stored_text(m.start), "e": stored_text(m.end)}
    month_offers = "o.offered_at >= :s AND o.offered_at < :e AND o.state <> 'cancelled'"
    answers: dict[int, dict[str, bool]] = {}
    for offer_id, criterion, ok in s.execute(
        text(
            "SELECT a.offer_id, a.criterion, a.satisfied FROM survey_answers a "
            f"JOIN rating_offers o ON o.id = a.offer_id WHERE {month_offers} ORDER BY a.id"
        ),
        span,
    ):
        answers.setdefault(int(offer_id), {})[str(criterion)] = bool(ok)
    offers = [
        f.OfferRecord(
            level=None if level is None else str(level),
            clerk=str(clerk or ""),
            field=str(field or ""),
            answers=answers.get(int(offer_id), {}),
        )
        for offer_id, level, clerk, field in s.execute(
            text(
                "SELECT o.id, r.level, o.clerk, o.field FROM rating_offers o "
                f"LEFT JOIN ratings r ON r.offer_id = o.id WHERE {month_offers} ORDER BY o.id"
            ),
            span,
        )
    ]
    shown = [lv.key for lv in sipas.levels_for(ctx.config.rating.levels)]
    figures = f.rating_figures(offers, shown_levels=shown, targets=sipas_targets(ctx))
    names: dict[str, str] = {
        str(k): str(v) for k, v in s.execute(text("SELECT username, full_name FROM users"))
    }
    return RatingFigures(
        offered=figures["offered"],
        rated=figures["rated"],
        levels=[(k, LEVEL_VI.get(k, k)) for k in figures["by_level"]],
        by_level=figures["by_level"],
        satisfied=figures["satisfied"],
        satisfied_pct=figures["satisfied_pct"],
        response_pct=figures["response_pct"],
        surveys=figures["surveys"],
        by_group={
            key: GroupScore(
                key, g["label"], g["target_pct"], g["answers"], g["satisfied"], g["satisfied_pct"]
            )
            for key, g in figures["by_group"].items()
        },
        # Per clerk: accounts only. A script's offers (no clerk) and names that are no account (older data
        # recorded the CLI's "system") count in the totals above but are nobody's row.
        by_clerk=[
            b
            for b in _breakdowns(figures["by_clerk"], {k: f"{v} ({k})" for k, v in names.items()})
            if b.key in names
        ],
        by_field=_breakdowns(figures["by_field"], {"": NO_FIELD_VI}),
    )


def _breakdowns(rows: Sequence[f.Breakdown], labels: Mapping[str, str]) -> list[RatingBreakdown]:
    return [
        RatingBreakdown(
            b["key"],
            labels.get(b["key"], b["key"]),
            b["rated"],
            b["satisfied"],
            b["satisfied_pct"],
            b["by_level"],
        )
        for b in rows
    ]
