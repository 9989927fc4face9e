"""The monthly report's shape on the counter: the month, the figures as typed records with their JSON,
and the CSV export. What the figures mean is in reports.py; how they are computed, in report_sections.py
with the contract's formulas (contract/figures.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from contract.figures import pct
from counter_app.errors import ValidationError
from counter_app.output_files import write_atomically
from counter_app.timeutil import day_start, iso

__all__ = ["Month", "MonthlyReport", "RegisterEntry", "pct", "to_csv", "write_csv"]

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


def stored_text(dt: datetime) -> str:
    """The stored text form of a time (ISO, +07:00, seconds): what SQL compares against."""
    out = iso(dt)
    assert out is not None
    return out


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
