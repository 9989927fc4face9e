"""The monthly figures' formulas, on plain records: the counter (counter_app/services/reports.py, from
its own tables) and the city (city_server/report_figures.py, from the synced events) fetch their
records each their own way and compute every figure here, so both give the same numbers.

Times are local ISO 8601 text with the +07:00 offset, as both sides store them: text order is time
order and the first 10 characters are the local date. A month is [00:00 on the 1st, 00:00 on the 1st
of the next month) local time; "as of" is the month end, or now while the month runs.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from contract.labels import (
    CASHLESS_METHODS,
    LEVEL_VI,
    PAYMENT_METHODS,
    SATISFIED_LEVELS,
    SIPAS_GROUPS,
    sipas_group_of,
)

# --- arithmetic --------------------------------------------------------------------------------------


def pct(part: int, whole: int) -> float | None:
    """part ÷ whole as a percentage with one decimal; None (not 0) when there is nothing to divide."""
    if whole <= 0:
        return None
    return round(100.0 * part / whole + 1e-9, 1)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def round_s(value: float | None) -> int | None:
    return None if value is None else int(round(value))


def mean_s(values: Sequence[int]) -> int | None:
    return round_s(sum(values) / len(values)) if values else None


# --- the month ---------------------------------------------------------------------------------------

_MONTH_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def month_bounds(month: str) -> tuple[str, str]:
    """[start, end) of a "YYYY-MM" month as local ISO text; ValueError when not that shape."""
    if not _MONTH_RE.fullmatch(month):
        raise ValueError(month)
    y, m = int(month[:4]), int(month[5:])
    nxt = f"{y + (m == 12):04d}-{(m % 12) + 1:02d}"
    return f"{month}-01T00:00:00+07:00", f"{nxt}-01T00:00:00+07:00"


# --- dossiers ----------------------------------------------------------------------------------------

Timeliness = Literal["early", "on_time", "late"]


def timeliness(resolved_at: str, original_due_at: str) -> Timeliness:
    """Judged against the ORIGINAL due time (an apology's new date does not make a late dossier
    punctual). early: the result exists on an earlier local date than the due date; on_time: not
    early and at or before the due time; late: after it."""
    if resolved_at[:10] < original_due_at[:10]:
        return "early"
    return "on_time" if resolved_at <= original_due_at else "late"


def is_overdue(due_in_force: str | None, as_of: str, *, clock_stopped: bool) -> bool:
    """An open dossier is overdue when the appointment in force then (the latest recorded, so an
    apology's new date counts) has passed and its clock is running (a supplement pause with office
    time left stops it)."""
    return not clock_stopped and due_in_force is not None and due_in_force < as_of


class DossierFigures(TypedDict):
    received: int
    resolved: int
    early: int
    on_time: int
    late: int
    on_time_pct: float | None  # (early + on_time) ÷ resolved
    open_at_end: int
    overdue_open: int
    rejected: int
    stopped: int  # dừng giải quyết in the month: ended without a result, neither open nor late


def dossier_figures(
    *,
    received: int,
    rejected: int,
    stopped: int,
    resolved: Iterable[tuple[str, str]],
    open_at_end: int,
    overdue_open: int,
) -> DossierFigures:
    """`resolved`: (resolved_at, original_due_at) of each dossier resolved (ready or returned) in the
    month; rejected and stopped dossiers are not resolved."""
    n = {"early": 0, "on_time": 0, "late": 0}
    for res, due in resolved:
        n[timeliness(res, due)] += 1
    total = sum(n.values())
    return {
        "received": received,
        "resolved": total,
        "early": n["early"],
        "on_time": n["on_time"],
        "late": n["late"],
        "on_time_pct": pct(n["early"] + n["on_time"], total),
        "open_at_end": open_at_end,
        "overdue_open": overdue_open,
        "rejected": rejected,
        "stopped": stopped,
    }


# --- queue -------------------------------------------------------------------------------------------

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


def bin_label(lo: int, hi: int | None) -> str:
    # "từ 60", not "≥60": the bundled Noto fonts have no "≥" glyph.
    return f"từ {lo}" if hi is None else f"{lo}–{hi}"


def wait_histogram(waits_s: Sequence[int]) -> list[tuple[str, int]]:
    out = []
    for lo, hi in WAIT_BINS_MIN:
        n = sum(1 for w in waits_s if w >= lo * 60 and (hi is None or w < hi * 60))
        out.append((bin_label(lo, hi), n))
    return out


@dataclass(frozen=True)
class TicketRecord:
    """One ticket issued on a local day of the month. wait_s: from (re)queueing to the call, summed
    over transfers; None until called. service_s: from the call to the finish."""

    service: str
    status: str  # waiting | serving | finished | skipped
    wait_s: int | None
    service_s: int | None


class TicketFigures(TypedDict):
    tickets: int
    served: int
    no_shows: int  # skipped at the counter
    wait_avg_s: int | None
    wait_p90_s: int | None
    service_avg_s: int | None
    service_p90_s: int | None


def waits_of(tickets: Iterable[TicketRecord]) -> list[int]:
    return [t.wait_s for t in tickets if t.wait_s is not None]


def ticket_figures(tickets: Sequence[TicketRecord]) -> TicketFigures:
    waits = waits_of(tickets)
    services = [t.service_s for t in tickets if t.service_s is not None and t.status == "finished"]
    return {
        "tickets": len(tickets),
        "served": sum(1 for t in tickets if t.status == "finished"),
        "no_shows": sum(1 for t in tickets if t.status == "skipped"),
        "wait_avg_s": mean_s(waits),
        "wait_p90_s": round_s(percentile(waits, 90)),
        "service_avg_s": mean_s(services),
        "service_p90_s": round_s(percentile(services, 90)),
    }


def tickets_by_service(tickets: Iterable[TicketRecord]) -> dict[str, list[TicketRecord]]:
    """Grouped by service, services in sorted order."""
    out: dict[str, list[TicketRecord]] = {}
    for t in sorted(tickets, key=lambda t: t.service):
        out.setdefault(t.service, []).append(t)
    return out


# --- fees --------------------------------------------------------------------------------------------


class PaymentFigures(TypedDict):
    payments: int
    total_vnd: int
    by_method: dict[str, int]  # method → VND
    by_method_count: dict[str, int]  # method → number of payments
    cashless_vnd: int
    cashless_pct: float | None  # by number of payments: (transfer + VietQR) ÷ all


def payment_figures(payments: Iterable[tuple[str, int]]) -> PaymentFigures:
    """`payments`: (method, amount_vnd) of each fee paid in the month."""
    count: dict[str, int] = {}
    amount: dict[str, int] = {}
    for method, vnd in payments:
        count[method] = count.get(method, 0) + 1
        amount[method] = amount.get(method, 0) + int(vnd)
    n = sum(count.values())
    return {
        "payments": n,
        "total_vnd": sum(amount.values()),
        "by_method": {k: amount.get(k, 0) for k in PAYMENT_METHODS},
        "by_method_count": {k: count.get(k, 0) for k in PAYMENT_METHODS},
        "cashless_vnd": sum(amount.get(k, 0) for k in CASHLESS_METHODS),
        "cashless_pct": pct(sum(count.get(k, 0) for k in CASHLESS_METHODS), n),
    }


# --- feedback ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackRecord:
    received_at: str | None
    due_at: str | None
    answered_at: str | None


class FeedbackFigures(TypedDict):
    received: int
    answered: int
    answered_in_time: int
    answered_late: int
    open: int
    overdue: int


def feedback_figures(items: Iterable[FeedbackRecord], start: str, end: str, as_of: str) -> FeedbackFigures:
    """received: received in the month. answered / in time / late: answers given in the month, judged
    against each one's deadline. open / overdue: unanswered at `as_of` (whenever received), overdue when
    its deadline had passed."""
    items = list(items)
    answered = [f for f in items if f.answered_at and start <= f.answered_at < end]
    in_time = sum(1 for f in answered if f.due_at and f.answered_at and f.answered_at <= f.due_at)
    open_ = [
        f
        for f in items
        if f.received_at and f.received_at < as_of and not (f.answered_at and f.answered_at < as_of)
    ]
    return {
        "received": sum(1 for f in items if f.received_at and start <= f.received_at < end),
        "answered": len(answered),
        "answered_in_time": in_time,
        "answered_late": len(answered) - in_time,
        "open": len(open_),
        "overdue": sum(1 for f in open_ if f.due_at and f.due_at < as_of),
    }


# --- ratings -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferRecord:
    """One rating offer made in the month and not cancelled (a cancelled offer — superseded or withdrawn
    by the clerk — was never put to the citizen). level: the quick rating, None when not rated."""

    level: str | None
    clerk: str = ""
    field: str = ""
    answers: Mapping[str, bool] = dataclasses.field(default_factory=dict)  # SIPAS criterion → satisfied
    kind: str = ""  # intake | return | ticket (what was rated)
    ref: str | None = None  # the dossier code for an intake or a return (contract/index766.py lists them)


class GroupScore(TypedDict):
    label: str
    target_pct: float
    answers: int
    satisfied: int
    satisfied_pct: float | None
    meets_target: bool | None


class Breakdown(TypedDict):
    key: str
    rated: int
    satisfied: int
    satisfied_pct: float | None
    by_level: dict[str, int]


class RatingFigures(TypedDict):
    offered: int
    rated: int
    by_level: dict[str, int]
    satisfied: int
    satisfied_pct: float | None  # (Rất hài lòng + Hài lòng) ÷ rated
    response_pct: float | None  # rated ÷ offered
    surveys: int
    by_group: dict[str, GroupScore]
    by_clerk: list[Breakdown]
    by_field: list[Breakdown]


# Clerk names of no person: empty (a counter's script, run with no --clerk) and "system" (what older
# counters recorded for it). Their ratings count in every total, never as a clerk's row.
NO_CLERK = frozenset({"", "system"})


def level_keys(shown: Sequence[str], used: Iterable[str]) -> list[str]:
    """The levels a report lists, best first: those shown on the screen plus any stored (a level
    recorded under a 4-level setting stays visible after switching back to 3), unknown ones last."""
    used = set(used)
    return [k for k in LEVEL_VI if k in shown or k in used] + sorted(used - set(LEVEL_VI))


def group_score(answers: Sequence[bool], label: str, target_pct: float) -> GroupScore:
    p = pct(sum(answers), len(answers))
    return {
        "label": label,
        "target_pct": target_pct,
        "answers": len(answers),
        "satisfied": sum(answers),
        "satisfied_pct": p,
        "meets_target": None if p is None else p >= target_pct,
    }


def rating_figures(
    offers: Sequence[OfferRecord], *, shown_levels: Sequence[str], targets: Mapping[str, float] | None = None
) -> RatingFigures:
    """rated ⊆ offered; SIPAS groups: the share of satisfied answers per group in the detailed surveys
    of the month's offers, against `targets` (default: contract.labels.SIPAS_GROUPS)."""
    rated = [o for o in offers if o.level is not None]
    keys = level_keys(shown_levels, (str(o.level) for o in rated))

    def levels_of(group: Sequence[OfferRecord]) -> dict[str, int]:
        out = dict.fromkeys(keys, 0)
        for o in group:
            out[str(o.level)] += 1
        return out

    def breakdown(attr: str) -> list[Breakdown]:
        out: list[Breakdown] = []
        for key in sorted({getattr(o, attr) for o in rated}):
            if attr == "clerk" and key in NO_CLERK:
                continue  # a script's ratings count in the totals, in nobody's row
            mine = [o for o in rated if getattr(o, attr) == key]
            ok = sum(1 for o in mine if o.level in SATISFIED_LEVELS)
            out.append(
                {
                    "key": key,
                    "rated": len(mine),
                    "satisfied": ok,
                    "satisfied_pct": pct(ok, len(mine)),
                    "by_level": levels_of(mine),
                }
            )
        return out

    answers: dict[str, list[bool]] = {}
    for o in offers:
        for criterion, ok in o.answers.items():
            answers.setdefault(sipas_group_of(criterion), []).append(bool(ok))
    satisfied = sum(1 for o in rated if o.level in SATISFIED_LEVELS)
    return {
        "offered": len(offers),
        "rated": len(rated),
        "by_level": levels_of(rated),
        "satisfied": satisfied,
        "satisfied_pct": pct(satisfied, len(rated)),
        "response_pct": pct(len(rated), len(offers)),
        "surveys": sum(1 for o in offers if o.answers),
        "by_group": {
            g.key: group_score(answers.get(g.key, []), g.vi, (targets or {}).get(g.key, g.target_pct))
            for g in SIPAS_GROUPS
        },
        "by_clerk": breakdown("clerk"),
        "by_field": breakdown("field"),
    }


def city_ranking_key(on_time_pct: float | None, satisfied_pct: float | None, agency: str) -> tuple[Any, ...]:
    """Agencies ranked by on-time %, then satisfaction; one without a figure ranks after those with."""
    return (on_time_pct is None, -(on_time_pct or 0), satisfied_pct is None, -(satisfied_pct or 0), agency)
