"""The QĐ 766 index of this office for a month: SQL reads the local tables into the contract's plain
records (contract/index766.py), whose functions compute every figure — the same ones the city computes
from the synced events (city_server/reports/index766.py).

What is read (a month is local time, as in the monthly report, counter_app/services/reports.py):
- dossiers received in the month, and dossiers resolved in it (ready, or returned without a ready time)
  with their original due time (an apology's old due time) — the monthly report's definitions;
- each one's checklist size (dossier_components), channel (dossiers.channel) and the files attached
  before the figures' moment (dossier_files: a paper by its 1-based checklist position, reused or not,
  and the result);
- fees paid in the month (payments), rating offers made in the month and not cancelled (rating_offers
  with their rating).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from contract import index766 as ix
from contract.labels import READY, RETURNED
from counter_app.errors import ValidationError
from counter_app.services.report_model import Month, stored_text
from counter_app.timeutil import iso

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

_RESOLVED = "COALESCE(d.ready_at, d.returned_at)"
_IS_RESOLVED = f"d.status IN ('{READY}', '{RETURNED}') AND {_RESOLVED} IS NOT NULL"
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class IndexReport:
    month: str
    as_of: datetime
    indicators: list[ix.IndicatorValue]
    targets: dict[str, int | None]  # indicator key → the office's target (%)

    def value(self, key: str) -> ix.IndicatorValue:
        return next(v for v in self.indicators if v["key"] == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "as_of": iso(self.as_of),
            "indicators": [
                {
                    "key": v["key"],
                    "name": v["name"],
                    "group": ix.GROUP_VI[v["group"]],
                    "numerator": v["numerator"],
                    "denominator": v["denominator"],
                    "value_pct": v["value_pct"],
                    "target_pct": self.targets.get(v["key"]),
                    "formula": v["formula"],
                    "formula_key": v["formula_key"],
                    "official_formula": v["official"],
                    "source": v["source"],
                    "below": v["below"],
                }
                for v in self.indicators
            ],
        }


class IndexService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def choices(self) -> dict[str, str]:
        """The office's formula choices (config report.index_formula.<key>), where it has one."""
        report = self.ctx.config.report
        return {i.key: c for i in ix.INDICATORS if (c := report.index_formula(i.key)) is not None}

    def targets(self) -> dict[str, int | None]:
        report = self.ctx.config.report
        return {i.key: report.index_target(i.key) for i in ix.INDICATORS}

    def month(self, month: str | Month) -> IndexReport:
        m = month if isinstance(month, Month) else Month.parse(month)
        now = self.ctx.now()
        if m.start > now:
            raise ValidationError(
                f"tháng {m.short_label} chưa bắt đầu; chỉ tính chỉ số cho tháng đã qua hoặc tháng hiện tại",
                field="month",
                label="Tháng",
            )
        as_of = min(m.end, now)
        start, end, cutoff = stored_text(m.start), stored_text(m.end), stored_text(as_of)
        with self.ctx.db.read() as s:
            dossiers = dossier_facts(s, start, end, cutoff)
            payments = payment_facts(s, start, end)
            ratings = rating_facts(s, start, end)
        values = ix.indicators(start, end, dossiers, payments, ratings, self.choices())
        return IndexReport(str(m), as_of, values, self.targets())

    def with_previous(self, month: str | Month) -> tuple[IndexReport, IndexReport]:
        """The month and the one before it (what the "Chỉ số 766" tab sets side by side)."""
        m = month if isinstance(month, Month) else Month.parse(month)
        return self.month(m), self.month(m.prev())


# --- the reads -------------------------------------------------------------------------------------------


def dossier_facts(s: Session, start: str, end: str, cutoff: str) -> list[ix.DossierFacts]:
    """Dossiers received or resolved in [start, end), with the files attached before `cutoff`."""
    rows = s.execute(
        text(f"""
            SELECT d.id, d.code, d.received_at, d.channel,
                   CASE WHEN {_IS_RESOLVED} THEN {_RESOLVED} END,
                   COALESCE(a.old_due_at, d.due_at),
                   (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = d.id)
            FROM dossiers d LEFT JOIN apologies a ON a.dossier_id = d.id
            WHERE (d.received_at >= :s AND d.received_at < :e)
               OR ({_IS_RESOLVED} AND {_RESOLVED} >= :s AND {_RESOLVED} < :e)
            ORDER BY d.id
        """),
        {"s": start, "e": end},
    ).all()
    ids = [int(r[0]) for r in rows]
    digitised: dict[int, set[int]] = {}
    reused: dict[int, set[int]] = {}
    result: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        chunk = ",".join(str(x) for x in ids[i : i + _CHUNK])
        for dossier_id, role, paper, reused_from in s.execute(
            text(
                f"SELECT dossier_id, role, paper, reused_from FROM dossier_files "
                f"WHERE dossier_id IN ({chunk}) AND at < :c"
            ),
            {"c": cutoff},
        ):
            if role == "result":
                result.add(int(dossier_id))
            elif paper is not None:
                digitised.setdefault(int(dossier_id), set()).add(int(paper))
                if reused_from is not None:
                    reused.setdefault(int(dossier_id), set()).add(int(paper))
    return [
        ix.DossierFacts(
            code=str(code),
            received_at=str(received),
            channel=str(channel or "counter"),
            papers=int(papers),
            digitised=frozenset(digitised.get(int(did), ())),
            reused=frozenset(reused.get(int(did), ())),
            resolved_at=None if resolved is None else str(resolved),
            original_due_at=None if resolved is None else str(due),
            result_digitised=int(did) in result,
        )
        for did, code, received, channel, resolved, due, papers in rows
    ]


def payment_facts(s: Session, start: str, end: str) -> list[ix.PaymentFact]:
    """Fees paid in the month (as the monthly report's payments section reads them)."""
    rows = s.execute(
        text(
            "SELECT d.code, p.method, p.paid_at FROM payments p JOIN dossiers d ON d.id = p.dossier_id "
            "WHERE p.paid_at >= :s AND p.paid_at < :e ORDER BY p.id"
        ),
        {"s": start, "e": end},
    ).all()
    return [ix.PaymentFact(str(code), str(method), str(at)) for code, method, at in rows]


def rating_facts(s: Session, start: str, end: str) -> list[ix.RatingFact]:
    """Rating offers made in the month and not cancelled (the monthly report's ratings section), with the
    dossier each was about (an intake or a return; a queue ticket's offer has none)."""
    rows = s.execute(
        text(
            "SELECT o.kind, o.ref, r.level FROM rating_offers o LEFT JOIN ratings r ON r.offer_id = o.id "
            "WHERE o.offered_at >= :s AND o.offered_at < :e AND o.state <> 'cancelled' ORDER BY o.id"
        ),
        {"s": start, "e": end},
    ).all()
    return [
        ix.RatingFact(
            str(ref) if kind in ("intake", "return") else None, None if level is None else str(level)
        )
        for kind, ref, level in rows
    ]
