"""Monthly service-quality report: figures computed with SQL over the local database.

Every figure is for one calendar month in local time (Asia/Ho_Chi_Minh): from 00:00 on the 1st to
00:00 on the 1st of the next month. Definitions (they are what the PDF, the JSON and the tab show):

- received: dossiers whose `received_at` falls in the month.
- resolved: dossiers that became ready (or were returned, when no ready time was recorded) during
  the month — the moment the result existed. Rejected dossiers are not resolved.
- timeliness is judged against the ORIGINAL due time: for a dossier with an apology that is the
  apology's `old_due_at` (a new appointment does not make a late dossier punctual); otherwise its
  `due_at` (which already excludes time stopped waiting for a supplement).
  early = resolved on an earlier local date than the due date; on_time = not early and resolved at
  or before the due time; late = resolved after the due time.
  on_time_pct = (early + on_time) ÷ resolved × 100, one decimal; null when nothing was resolved.
- open at month end: received before the month end (or before now, for the running month), and
  neither resolved nor rejected by then. overdue_open: of those, the ones whose appointment in force
  at that moment (the latest due time recorded in their history, so a new date from an apology counts)
  had passed and whose clock was running (a supplement pause with office time left stops it).
- overdue register: every dossier resolved late in the month plus every dossier open at month end
  past its original due time, with its apology (number, date, new due). Those without an apology
  are listed separately and flagged: every late dossier must have exactly one.
- apologies.issued: apology letters dated in the month; apologies.missing: register entries without one.

The other sections (ratings, queue, payments, feedback) read their features' tables when those exist;
a section whose tables do not exist is reported as absent (None → null in JSON), never as zeros.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from counter_app.domain import sipas
from counter_app.domain.lifecycle import READY, REJECTED, RETURNED, STOPPED, SUPPLEMENT
from counter_app.errors import ValidationError
from counter_app.output_files import write_atomically
from counter_app.timeutil import day_start, iso, parse_local

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

TREND_MONTHS = 6

# --- the month ---------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, raw: str) -> Month:
        m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(raw or ""))
        if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
            raise ValidationError("phải có dạng YYYY-MM, ví dụ 2026-11", field="month", label="Tháng báo cáo")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date | datetime) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse_or_previous(cls, raw: str | None, now: datetime) -> Month:
        """The month asked for, or by default the last finished one (what a monthly report is for)."""
        return cls.parse(raw) if raw else cls.of(now).prev()

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label_vi(self) -> str:
        return f"tháng {self.month:02d}/{self.year}"

    @property
    def short_label(self) -> str:
        return f"{self.month:02d}/{self.year}"

    @property
    def start(self) -> datetime:
        return day_start(date(self.year, self.month, 1))

    @property
    def end(self) -> datetime:
        return self.next().start

    def next(self) -> Month:
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    def prev(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def last(self, n: int) -> list[Month]:
        """The n months ending with this one, oldest first."""
        out = [self]
        while len(out) < n:
            out.append(out[-1].prev())
        return out[::-1]


def _ts(dt: datetime) -> str:
    """The stored text form of a time (ISO, +07:00, seconds): what SQL compares against."""
    out = iso(dt)
    assert out is not None
    return out


def pct(part: int, whole: int) -> float | None:
    """part ÷ whole as a percentage with one decimal; None (not 0) when there is nothing to divide."""
    if whole <= 0:
        return None
    return round(100.0 * part / whole + 1e-9, 1)


# --- the figures -------------------------------------------------------------------------------------


class _FlatFigures:
    """Figures whose JSON is just their fields (no nested objects, times or renames)."""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DossierFigures(_FlatFigures):
    received: int
    resolved: int
    early: int
    on_time: int
    late: int
    on_time_pct: float | None
    open_at_end: int
    overdue_open: int
    rejected: int
    stopped: int = 0  # dừng giải quyết in the month: ended without a result, neither open nor late


@dataclass(frozen=True)
class FieldDossierFigures:
    field: str
    received: int
    resolved: int
    late: int
    on_time_pct: float | None


@dataclass(frozen=True)
class RegisterEntry:
    """One late dossier of the overdue register."""

    code: str
    procedure_name: str
    field: str
    clerk: str
    received_at: datetime
    original_due_at: datetime
    resolved_at: datetime | None  # None: still open at month end, past its original due time
    apology_number: str | None
    apology_issued_at: datetime | None
    apology_new_due_at: datetime | None

    @property
    def has_apology(self) -> bool:
        return self.apology_number is not None

    @property
    def state(self) -> str:
        return "resolved_late" if self.resolved_at is not None else "open_late"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "procedure": self.procedure_name,
            "field": self.field,
            "clerk": self.clerk,
            "received_at": iso(self.received_at),
            "original_due_at": iso(self.original_due_at),
            "resolved_at": iso(self.resolved_at),
            "state": self.state,
            "apology": None
            if self.apology_number is None
            else {
                "number": self.apology_number,
                "issued_at": iso(self.apology_issued_at),
                "new_due_at": iso(self.apology_new_due_at),
            },
            "missing_apology": not self.has_apology,
        }


@dataclass(frozen=True)
class ApologyFigures:
    issued: int
    missing: int

    def to_json(self) -> dict[str, Any]:
        return {"issued": self.issued, "missing": self.missing}


@dataclass(frozen=True)
class TrendPoint:
    month: str
    resolved: int
    on_time_pct: float | None


@dataclass(frozen=True)
class GroupScore:
    """One SIPAS group from the detailed survey, against its target."""

    key: str
    label: str
    target_pct: float
    answers: int
    satisfied: int
    satisfied_pct: float | None

    @property
    def meets_target(self) -> bool | None:
        return None if self.satisfied_pct is None else self.satisfied_pct >= self.target_pct

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "target_pct": self.target_pct,
            "answers": self.answers,
            "satisfied": self.satisfied,
            "satisfied_pct": self.satisfied_pct,
            "meets_target": self.meets_target,
        }


@dataclass(frozen=True)
class RatingBreakdown:
    """Quick ratings of one clerk or one procedure field."""

    key: str
    label: str
    rated: int
    satisfied: int
    satisfied_pct: float | None
    by_level: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "rated": self.rated,
            "satisfied": self.satisfied,
            "satisfied_pct": self.satisfied_pct,
            "by_level": dict(self.by_level),
        }


@dataclass(frozen=True)
class RatingFigures:
    offered: int
    rated: int
    levels: list[tuple[str, str]]  # (key, Vietnamese label) in scale order, best first
    by_level: dict[str, int]
    satisfied: int
    satisfied_pct: float | None
    response_pct: float | None
    surveys: int
    by_group: dict[str, GroupScore]
    by_clerk: list[RatingBreakdown]
    by_field: list[RatingBreakdown]

    def level_pct(self, key: str) -> float | None:
        return pct(self.by_level.get(key, 0), self.rated)

    def to_json(self) -> dict[str, Any]:
        return {
            "offered": self.offered,
            "rated": self.rated,
            "by_level": dict(self.by_level),
            "by_level_pct": {k: self.level_pct(k) for k, _ in self.levels},
            "satisfied": self.satisfied,
            "satisfied_pct": self.satisfied_pct,
            "response_pct": self.response_pct,
            "surveys": self.surveys,
            "by_group": {k: g.to_json() for k, g in self.by_group.items()},
            "by_clerk": [b.to_json() for b in self.by_clerk],
            "by_field": [b.to_json() for b in self.by_field],
        }


@dataclass(frozen=True)
class ServiceQueueFigures(_FlatFigures):
    service: str
    name: str
    tickets: int
    served: int
    no_shows: int
    wait_avg_s: int | None
    wait_p90_s: int | None
    service_avg_s: int | None
    service_p90_s: int | None


@dataclass(frozen=True)
class QueueFigures:
    tickets: int
    served: int
    no_shows: int
    wait_avg_s: int | None
    wait_p90_s: int | None
    service_avg_s: int | None
    service_p90_s: int | None
    by_service: list[ServiceQueueFigures]
    wait_histogram: list[tuple[str, int]]  # (bin label, tickets)

    def to_json(self) -> dict[str, Any]:
        return {
            "tickets": self.tickets,
            "served": self.served,
            "no_shows": self.no_shows,
            "wait_avg_s": self.wait_avg_s,
            "wait_p90_s": self.wait_p90_s,
            "service_avg_s": self.service_avg_s,
            "service_p90_s": self.service_p90_s,
            "by_service": [s.to_json() for s in self.by_service],
            "wait_histogram": [{"bin": b, "tickets": n} for b, n in self.wait_histogram],
        }


@dataclass(frozen=True)
class PaymentFigures(_FlatFigures):
    payments: int
    total_vnd: int
    by_method: dict[str, int]  # method → VND
    by_method_count: dict[str, int]  # method → number of payments
    cashless_vnd: int
    cashless_pct: float | None  # by number of payments


@dataclass(frozen=True)
class FeedbackFigures(_FlatFigures):
    received: int
    answered: int
    answered_in_time: int
    answered_late: int
    open: int
    overdue: int


@dataclass(frozen=True)
class MonthlyReport:
    month: str
    agency_code: str
    agency_name: str
    agency_parent: str
    generated_at: datetime
    as_of: datetime  # month end, or now for the running month
    dossiers: DossierFigures
    by_field: list[FieldDossierFigures]
    register: list[RegisterEntry]
    apologies: ApologyFigures
    trend: list[TrendPoint]
    ratings: RatingFigures | None
    queue: QueueFigures | None
    payments: PaymentFigures | None
    feedback: FeedbackFigures | None
    # section → "data" (its tables exist and were read) or why it is absent
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def late_with_apology(self) -> list[RegisterEntry]:
        return [r for r in self.register if r.has_apology]

    @property
    def late_without_apology(self) -> list[RegisterEntry]:
        return [r for r in self.register if not r.has_apology]

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "agency": {"code": self.agency_code, "name": self.agency_name},
            "generated_at": iso(self.generated_at),
            "as_of": iso(self.as_of),
            "dossiers": self.dossiers.to_json(),
            "dossiers_by_field": [dict(f.__dict__) for f in self.by_field],
            "apologies": self.apologies.to_json(),
            "overdue_register": [r.to_json() for r in self.register],
            "on_time_trend": [dict(t.__dict__) for t in self.trend],
            "ratings": None if self.ratings is None else self.ratings.to_json(),
            "queue": None if self.queue is None else self.queue.to_json(),
            "payments": None if self.payments is None else self.payments.to_json(),
            "feedback": None if self.feedback is None else self.feedback.to_json(),
            "sources": dict(self.sources),
        }


@dataclass(frozen=True)
class SatisfactionReport:
    """The ratings and feedback sections of a month's report, with the same JSON keys."""

    month: str
    as_of: datetime
    ratings: RatingFigures | None
    feedback: FeedbackFigures | None
    sources: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "as_of": iso(self.as_of),
            "ratings": None if self.ratings is None else self.ratings.to_json(),
            "feedback": None if self.feedback is None else self.feedback.to_json(),
            "sources": dict(self.sources),
        }


# --- SQL helpers ---------------------------------------------------------------------------------------


def _tables(s: Session) -> set[str]:
    return {r[0] for r in s.execute(text("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"))}


def _dt(raw: Any) -> datetime | None:
    return None if raw is None else parse_local(str(raw))


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _round_s(value: float | None) -> int | None:
    return None if value is None else int(round(value))


# Resolution moment and the original due time, as SQL expressions over dossiers d LEFT JOIN apologies a.
_RESOLVED = "COALESCE(d.ready_at, d.returned_at)"
_ORIG_DUE = "COALESCE(a.old_due_at, d.due_at)"
_IS_RESOLVED = f"d.status IN ('{READY}', '{RETURNED}') AND {_RESOLVED} IS NOT NULL"


def dossier_figures(
    s: Session, month: Month, as_of: datetime
) -> tuple[DossierFigures, list[FieldDossierFigures]]:
    start, end = _ts(month.start), _ts(month.end)
    received = int(
        s.execute(
            text("SELECT count(*) FROM dossiers WHERE received_at >= :s AND received_at < :e"),
            {"s": start, "e": end},
        ).scalar_one()
    )
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
    # Dates compare as the first 10 characters of the local ISO text: the stored offset is always +07:00.
    timeliness = f"""
        SELECT d.field AS field,
               count(*) AS resolved,
               sum(CASE WHEN substr({_RESOLVED}, 1, 10) < substr({_ORIG_DUE}, 1, 10) THEN 1 ELSE 0 END) AS early,
               sum(CASE WHEN substr({_RESOLVED}, 1, 10) >= substr({_ORIG_DUE}, 1, 10)
                         AND {_RESOLVED} <= {_ORIG_DUE} THEN 1 ELSE 0 END) AS on_time,
               sum(CASE WHEN {_RESOLVED} > {_ORIG_DUE} THEN 1 ELSE 0 END) AS late
        FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
        WHERE {_IS_RESOLVED} AND {_RESOLVED} >= :s AND {_RESOLVED} < :e
        GROUP BY d.field
    """
    rows = s.execute(text(timeliness), {"s": start, "e": end}).mappings().all()
    early = sum(int(r["early"]) for r in rows)
    on_time = sum(int(r["on_time"]) for r in rows)
    late = sum(int(r["late"]) for r in rows)
    resolved = sum(int(r["resolved"]) for r in rows)

    received_by_field: dict[str, int] = dict(
        s.execute(
            text(
                "SELECT field, count(*) FROM dossiers WHERE received_at >= :s AND received_at < :e GROUP BY field"
            ),
            {"s": start, "e": end},
        ).all()
    )
    resolved_by_field = {r["field"]: r for r in rows}
    by_field = []
    for name in sorted(set(received_by_field) | set(resolved_by_field)):
        r = resolved_by_field.get(name)
        n_res = int(r["resolved"]) if r else 0
        n_ok = int(r["early"]) + int(r["on_time"]) if r else 0
        by_field.append(
            FieldDossierFigures(
                field=name,
                received=int(received_by_field.get(name, 0)),
                resolved=n_res,
                late=int(r["late"]) if r else 0,
                on_time_pct=pct(n_ok, n_res),
            )
        )

    open_ids = _open_at(s, as_of)
    overdue_open = len(_overdue_at(s, open_ids, as_of))
    figures = DossierFigures(
        received=received,
        resolved=resolved,
        early=early,
        on_time=on_time,
        late=late,
        on_time_pct=pct(early + on_time, resolved),
        open_at_end=len(open_ids),
        overdue_open=overdue_open,
        rejected=rejected,
        stopped=stopped,
    )
    return figures, by_field


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
    return [int(r[0]) for r in s.execute(text(q), {"m": _ts(moment)})]


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
            {"m": _ts(moment)},
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


def _overdue_at(s: Session, dossier_ids: Sequence[int], moment: datetime) -> set[int]:
    """Of these dossiers, the ones whose appointment in force at `moment` had passed, clock running."""
    return {d for d, (due, paused) in _replay(s, dossier_ids, moment).items() if not paused and moment > due}


def overdue_register(s: Session, month: Month, as_of: datetime) -> list[RegisterEntry]:
    start, end = _ts(month.start), _ts(month.end)
    cols = f"""
        d.code, d.procedure_name, d.field, d.clerk, d.received_at,
        {_ORIG_DUE} AS orig_due, {{resolved}} AS resolved_at, a.number, a.issued_at, a.new_due_at
    """
    late_resolved = f"""
        SELECT {cols.format(resolved=_RESOLVED)}
        FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
        WHERE {_IS_RESOLVED} AND {_RESOLVED} >= :s AND {_RESOLVED} < :e AND {_RESOLVED} > {_ORIG_DUE}
    """
    entries = [_entry(r) for r in s.execute(text(late_resolved), {"s": start, "e": end})]
    # Open at month end and past the original due time — unless waiting for a supplement with office
    # time left: that clock is stopped, the stored due time is not the real one yet.
    open_ids = [d for d, (_due, paused) in _replay(s, _open_at(s, as_of), as_of).items() if not paused]
    if open_ids:
        late_open = f"""
            SELECT {cols.format(resolved="NULL")}
            FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
            WHERE d.id IN ({",".join(str(i) for i in open_ids)}) AND {_ORIG_DUE} < :m
        """
        entries += [_entry(r) for r in s.execute(text(late_open), {"m": _ts(as_of)})]
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
            {"s": _ts(month.start), "e": _ts(month.end)},
        ).scalar_one()
    )


def on_time_trend(s: Session, month: Month, months: int = TREND_MONTHS) -> list[TrendPoint]:
    out = []
    for m in month.last(months):
        q = f"""
            SELECT count(*), sum(CASE WHEN {_RESOLVED} <= {_ORIG_DUE} THEN 1 ELSE 0 END)
            FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
            WHERE {_IS_RESOLVED} AND {_RESOLVED} >= :s AND {_RESOLVED} < :e
        """
        n, ok = s.execute(text(q), {"s": _ts(m.start), "e": _ts(m.end)}).one()
        out.append(TrendPoint(str(m), int(n or 0), pct(int(ok or 0), int(n or 0))))
    return out


# --- the service ---------------------------------------------------------------------------------------


class ReportService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _period(self, month: str | Month) -> tuple[Month, datetime, datetime]:
        """The month, now, and the moment its figures are taken at (month end, or now if it is running)."""
        m = month if isinstance(month, Month) else Month.parse(month)
        now = self.ctx.now()
        if m.start > now:
            raise ValidationError(
                f"tháng {m.short_label} chưa bắt đầu; chỉ lập báo cáo cho tháng đã qua hoặc tháng hiện tại",
                field="month",
                label="Tháng báo cáo",
            )
        return m, now, min(m.end, now)

    def monthly(self, month: str | Month) -> MonthlyReport:
        m, now, as_of = self._period(month)
        cfg = self.ctx.config
        sources: dict[str, str] = {"dossiers": "data"}
        with self.ctx.db.read() as s:
            tables = _tables(s)
            dossiers, by_field = dossier_figures(s, m, as_of)
            register = overdue_register(s, m, as_of)
            apologies = ApologyFigures(
                issued=apologies_issued(s, m), missing=sum(1 for r in register if not r.has_apology)
            )
            trend = on_time_trend(s, m)
            ratings = self._section(sources, "ratings", tables, s, m)
            queue = self._section(sources, "queue", tables, s, m)
            payments = self._section(sources, "payments", tables, s, m)
            feedback = self._section(sources, "feedback", tables, s, m, as_of=as_of)
        return MonthlyReport(
            month=str(m),
            agency_code=self.ctx.agency_code,
            agency_name=cfg.agency.name,
            agency_parent=cfg.agency.parent,
            generated_at=now,
            as_of=as_of,
            dossiers=dossiers,
            by_field=by_field,
            register=register,
            apologies=apologies,
            trend=trend,
            ratings=ratings,
            queue=queue,
            payments=payments,
            feedback=feedback,
            sources=sources,
        )

    def satisfaction(self, month: str | Month) -> SatisfactionReport:
        """Only the satisfaction and feedback sections of `monthly` (same code, same definitions), for
        `counter-app rating summary`: no dossier figures, register or trend to compute."""
        m, _now, as_of = self._period(month)
        sources: dict[str, str] = {}
        with self.ctx.db.read() as s:
            tables = _tables(s)
            ratings = self._section(sources, "ratings", tables, s, m)
            feedback = self._section(sources, "feedback", tables, s, m, as_of=as_of)
        return SatisfactionReport(str(m), as_of, ratings, feedback, sources)

    def _section(
        self, sources: dict[str, str], name: str, tables: set[str], s: Session, m: Month, **kw: Any
    ) -> Any:
        spec = SECTIONS[name]
        missing = [t for t in spec.tables if t not in tables]
        if missing:
            sources[name] = "absent: no table " + ", ".join(missing)
            return None
        sources[name] = "data"
        return spec.compute(self.ctx, s, m, **kw)


@dataclass(frozen=True)
class _Section:
    tables: tuple[str, ...]
    compute: Any


# Wait-time histogram bins in minutes: [lo, hi); the last is open-ended.
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


def _bin_label(lo: int, hi: int | None) -> str:
    # "từ 60", not "≥60": the bundled Noto fonts have no "≥" glyph.
    return f"từ {lo}" if hi is None else f"{lo}–{hi}"


def wait_histogram(waits_s: Sequence[int]) -> list[tuple[str, int]]:
    out = []
    for lo, hi in WAIT_BINS_MIN:
        n = sum(1 for w in waits_s if w >= lo * 60 and (hi is None or w < hi * 60))
        out.append((_bin_label(lo, hi), n))
    return out


def queue_figures(ctx: AppContext, s: Session, m: Month) -> QueueFigures:
    """Tickets issued on a local day of the month. Wait = seconds from (re)queueing to the call, summed
    over transfers (kept by the queue service in `wait_seconds`); service = call to finish. A no-show is a
    ticket skipped at the counter. The 90th percentile interpolates between closest ranks."""
    rows = s.execute(
        text(
            "SELECT service, service_name, status, wait_seconds, service_seconds FROM queue_tickets "
            "WHERE day >= :s AND day < :e ORDER BY service, id"
        ),
        {"s": m.start.date().isoformat(), "e": m.end.date().isoformat()},
    ).all()
    names: dict[str, str] = dict(s.execute(text("SELECT prefix, name FROM queue_services")).all())

    def figures(group: Sequence[Any]) -> tuple[int, int, int, list[int], list[int]]:
        waits = [int(r[3]) for r in group if r[3] is not None]
        services = [int(r[4]) for r in group if r[4] is not None and r[2] == "finished"]
        served = sum(1 for r in group if r[2] == "finished")
        no_shows = sum(1 for r in group if r[2] == "skipped")
        return len(group), served, no_shows, waits, services

    by_service = []
    for prefix in sorted({r[0] for r in rows}):
        group = [r for r in rows if r[0] == prefix]
        n, served, no_shows, waits, services = figures(group)
        by_service.append(
            ServiceQueueFigures(
                service=prefix,
                name=str(names.get(prefix) or group[-1][1]),
                tickets=n,
                served=served,
                no_shows=no_shows,
                wait_avg_s=_round_s(sum(waits) / len(waits)) if waits else None,
                wait_p90_s=_round_s(percentile(waits, 90)),
                service_avg_s=_round_s(sum(services) / len(services)) if services else None,
                service_p90_s=_round_s(percentile(services, 90)),
            )
        )
    n, served, no_shows, waits, services = figures(rows)
    return QueueFigures(
        tickets=n,
        served=served,
        no_shows=no_shows,
        wait_avg_s=_round_s(sum(waits) / len(waits)) if waits else None,
        wait_p90_s=_round_s(percentile(waits, 90)),
        service_avg_s=_round_s(sum(services) / len(services)) if services else None,
        service_p90_s=_round_s(percentile(services, 90)),
        by_service=by_service,
        wait_histogram=wait_histogram(waits),
    )


CASHLESS_METHODS = ("transfer", "vietqr")


def payment_figures(ctx: AppContext, s: Session, m: Month) -> PaymentFigures:
    """Fees paid in the month. cashless_pct is by number of payments: (transfer + VietQR) ÷ all."""
    rows = s.execute(
        text(
            "SELECT method, count(*), sum(amount_vnd) FROM payments WHERE paid_at >= :s AND paid_at < :e "
            "GROUP BY method"
        ),
        {"s": _ts(m.start), "e": _ts(m.end)},
    ).all()
    count = {str(r[0]): int(r[1]) for r in rows}
    amount = {str(r[0]): int(r[2] or 0) for r in rows}
    n = sum(count.values())
    cashless_n = sum(count.get(k, 0) for k in CASHLESS_METHODS)
    return PaymentFigures(
        payments=n,
        total_vnd=sum(amount.values()),
        by_method={k: amount.get(k, 0) for k in ("cash", *CASHLESS_METHODS)},
        by_method_count={k: count.get(k, 0) for k in ("cash", *CASHLESS_METHODS)},
        cashless_vnd=sum(amount.get(k, 0) for k in CASHLESS_METHODS),
        cashless_pct=pct(cashless_n, n),
    )


def feedback_figures(ctx: AppContext, s: Session, m: Month, *, as_of: datetime) -> FeedbackFigures:
    """received: feedback received in the month. answered / in time / late: answers given in the month,
    judged against each one's deadline. open / overdue: unanswered at month end (whenever received),
    overdue when its deadline had passed."""
    start, end, at = _ts(m.start), _ts(m.end), _ts(as_of)
    received = int(
        s.execute(
            text("SELECT count(*) FROM feedback WHERE received_at >= :s AND received_at < :e"),
            {"s": start, "e": end},
        ).scalar_one()
    )
    answered, in_time = s.execute(
        text(
            "SELECT count(*), sum(CASE WHEN answered_at <= due_at THEN 1 ELSE 0 END) FROM feedback "
            "WHERE answered_at >= :s AND answered_at < :e"
        ),
        {"s": start, "e": end},
    ).one()
    open_, overdue = s.execute(
        text(
            "SELECT count(*), sum(CASE WHEN due_at < :m THEN 1 ELSE 0 END) FROM feedback "
            "WHERE received_at < :m AND (answered_at IS NULL OR answered_at >= :m)"
        ),
        {"m": at},
    ).one()
    return FeedbackFigures(
        received=received,
        answered=int(answered or 0),
        answered_in_time=int(in_time or 0),
        answered_late=int(answered or 0) - int(in_time or 0),
        open=int(open_ or 0),
        overdue=int(overdue or 0),
    )


def sipas_targets(ctx: AppContext) -> dict[str, float]:
    """Target % per SIPAS group: config `report.target.<group>`, defaulting to Hà Nội's 2021 targets (docs/domain.md)."""
    out: dict[str, float] = {}
    for g in sipas.GROUPS:
        try:
            out[g.key] = float(ctx.config.report.target(g.key))
        except ValidationError:  # key not declared (older config module): the published target
            out[g.key] = float(g.target_pct)
    return out


NO_FIELD_VI = "Không gắn lĩnh vực (số thứ tự)"


def rating_figures(ctx: AppContext, s: Session, m: Month) -> RatingFigures:
    """Ratings offered in the month (a cancelled offer — superseded or withdrawn by the clerk — was never
    put to the citizen, so it is not counted). rated ⊆ offered; satisfied = Rất hài lòng + Hài lòng of
    those who rated; response rate = rated ÷ offered. SIPAS groups: the share of satisfied answers per
    group in the detailed surveys attached to the month's offers."""
    span = {"s": _ts(m.start), "e": _ts(m.end)}
    offers = "FROM rating_offers o WHERE o.offered_at >= :s AND o.offered_at < :e AND o.state <> 'cancelled'"
    offered = int(s.execute(text(f"SELECT count(*) {offers}"), span).scalar_one())
    rows = s.execute(
        text(
            "SELECT r.level, o.clerk, o.field FROM ratings r JOIN rating_offers o ON o.id = r.offer_id "
            "WHERE o.offered_at >= :s AND o.offered_at < :e AND o.state <> 'cancelled'"
        ),
        span,
    ).all()
    satisfied_keys = {k for k, lv in sipas.LEVELS.items() if lv.satisfied}
    n_levels = ctx.config.rating.levels
    shown = [lv.key for lv in sipas.levels_for(n_levels)]
    # A level stored under a 4-level setting stays visible after switching back to 3.
    used = {str(r[0]) for r in rows}
    level_keys = [k for k in sipas.LEVELS if k in shown or k in used]
    levels = [(k, sipas.LEVELS[k].vi if k in sipas.LEVELS else k) for k in level_keys]
    levels += [(k, k) for k in sorted(used - set(sipas.LEVELS))]
    by_level = {k: 0 for k, _ in levels}
    for r in rows:
        by_level[str(r[0])] += 1
    rated = len(rows)
    satisfied = sum(n for k, n in by_level.items() if k in satisfied_keys)

    def breakdown(idx: int, labels: Mapping[str, str]) -> list[RatingBreakdown]:
        keys = sorted({r[idx] or "" for r in rows})
        out = []
        for key in keys:
            mine = [r for r in rows if (r[idx] or "") == key]
            lv = {k: sum(1 for r in mine if r[0] == k) for k, _ in levels}
            ok = sum(n for k, n in lv.items() if k in satisfied_keys)
            out.append(RatingBreakdown(key, labels.get(key, key), len(mine), ok, pct(ok, len(mine)), lv))
        return out

    names: dict[str, str] = dict(s.execute(text("SELECT username, full_name FROM users")).all())
    # Per clerk: accounts only. A script's offers (no clerk) and names that are no account (older data
    # recorded the CLI's "system") count in the totals above but are nobody's row.
    by_clerk = [b for b in breakdown(1, {k: f"{v} ({k})" for k, v in names.items()}) if b.key in names]
    by_field = breakdown(2, {"": NO_FIELD_VI})

    group_rows = dict(
        (str(g), (int(n), int(ok or 0)))
        for g, n, ok in s.execute(
            text(
                "SELECT a.group_key, count(*), sum(CASE WHEN a.satisfied THEN 1 ELSE 0 END) "
                "FROM survey_answers a JOIN rating_offers o ON o.id = a.offer_id "
                "WHERE o.offered_at >= :s AND o.offered_at < :e AND o.state <> 'cancelled' GROUP BY a.group_key"
            ),
            span,
        ).all()
    )
    surveys = int(
        s.execute(
            text(
                "SELECT count(DISTINCT a.offer_id) FROM survey_answers a JOIN rating_offers o ON o.id = a.offer_id "
                "WHERE o.offered_at >= :s AND o.offered_at < :e AND o.state <> 'cancelled'"
            ),
            span,
        ).scalar_one()
    )
    targets = sipas_targets(ctx)
    by_group = {}
    for g in sipas.GROUPS:
        n, ok = group_rows.get(g.key, (0, 0))
        by_group[g.key] = GroupScore(g.key, g.vi, targets[g.key], n, ok, pct(ok, n))
    return RatingFigures(
        offered=offered,
        rated=rated,
        levels=levels,
        by_level=by_level,
        satisfied=satisfied,
        satisfied_pct=pct(satisfied, rated),
        response_pct=pct(rated, offered),
        surveys=surveys,
        by_group=by_group,
        by_clerk=by_clerk,
        by_field=by_field,
    )


SECTIONS: dict[str, _Section] = {
    "ratings": _Section(("rating_offers", "ratings", "survey_answers"), rating_figures),
    "queue": _Section(("queue_tickets", "queue_services"), queue_figures),
    "payments": _Section(("payments",), payment_figures),
    "feedback": _Section(("feedback",), feedback_figures),
}


# --- exports ---------------------------------------------------------------------------------------------


def _flatten(prefix: str, value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, Mapping):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _flatten(f"{prefix}[{i}]", v, out)
    else:
        out.append((prefix, "" if value is None else str(value)))


def to_csv(report: MonthlyReport) -> str:
    """Every figure of the report as `key,value` rows (UTF-8 with BOM so Excel shows Vietnamese)."""
    rows: list[tuple[str, str]] = []
    _flatten("", report.to_json(), rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["chỉ tiêu", "giá trị"])
    w.writerows(rows)
    return "\ufeff" + buf.getvalue()


def write_csv(report: MonthlyReport, path: str | Path) -> Path:
    """`to_csv` written to `path` (whole, 0600, its folder made when missing, never over a device)."""
    return write_atomically(to_csv(report).encode("utf-8"), path, label="Tệp CSV", parents=True)
