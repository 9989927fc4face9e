"""The QĐ 766 index on the city server: one agency's indicators, and every agency ranked by them.

The same figures as the counter's `counter-app report index` (counter_app/services/index766.py): both
compute with contract/index766.py from records each reads its own way — here from what the counters
synced: the `dossiers` view (received, resolved, original due time), the stored `dossier.received`
events (channel, checklist size), `dossier.file_attached` events (papers and results digitised, reuse),
`payment.recorded` events (method) and the rating events (queries.rating_offers). Every agency is
judged with the default formulas (the counter's formula choices are an office's own settings).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from city_server.db import Store
from city_server.models import DossierState, Event
from city_server.reports import queries as q
from city_server.reports.figures import _period
from contract import events
from contract import index766 as ix
from contract.labels import RESOLVED_STATES

_CHUNK = 500


def _dossier_facts(s: Any, agency: str, start: str, end: str, cutoff: str) -> list[ix.DossierFacts]:
    D = DossierState
    rows = s.execute(
        select(D.code, D.received_at, D.resolved_at, D.legal_due_at, D.status, D.has_base).where(
            D.agency_code == agency,
            ((D.has_base.is_(True)) & (D.received_at >= start) & (D.received_at < end))
            | ((D.resolved_at >= start) & (D.resolved_at < end) & D.status.in_(RESOLVED_STATES)),
        )
    ).all()
    codes = [str(r[0]) for r in rows]
    base: dict[str, dict[str, Any]] = {}
    files: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(codes), _CHUNK):
        subjects = [f"dossier:{c}" for c in codes[i : i + _CHUNK]]
        found = s.execute(
            select(Event.type, Event.payload)
            .where(
                Event.agency_code == agency,
                Event.type.in_([events.DOSSIER_RECEIVED, events.DOSSIER_FILE_ATTACHED]),
                Event.subject.in_(subjects),
            )
            .order_by(Event.seq, Event.id)  # one database's order, as reports/queries.py stored_events
        ).all()
        for etype, raw in found:
            try:
                p = json.loads(raw)
            except ValueError:
                continue
            code = str(p.get("code"))
            if etype == events.DOSSIER_RECEIVED:
                base.setdefault(code, p)
            elif (q.vn(p.get("at")) or "") < cutoff:
                files.setdefault(code, []).append(p)
    out = []
    for code, received, resolved, due, status, has_base in rows:
        p = base.get(code, {})
        papers = p.get("components")
        digitised: set[int] = set()
        reused: set[int] = set()
        result = False
        for f in files.get(code, []):
            if f.get("role") == "result":
                result = True
            elif isinstance(f.get("paper"), int):
                digitised.add(f["paper"])
                if f.get("reused_from_code"):
                    reused.add(f["paper"])
        is_resolved = status in RESOLVED_STATES and resolved is not None
        out.append(
            ix.DossierFacts(
                code=code,
                received_at=received if has_base else None,
                channel=str(p.get("channel") or "counter"),
                papers=len(papers) if isinstance(papers, list) else 0,
                digitised=frozenset(digitised),
                reused=frozenset(reused),
                resolved_at=resolved if is_resolved else None,
                original_due_at=due if is_resolved else None,
                result_digitised=result,
            )
        )
    return out


def _payment_facts(s: Any, agency: str, start: str, end: str) -> list[ix.PaymentFact]:
    """Fees paid in the month, with their dossier (the same events queries.payments reads)."""
    out = []
    for ev in q.stored_events(s, agency, (events.PAYMENT_RECORDED,), q.shift(start, -1), q.shift(end, 1)):
        p = ev["payload"]
        at = q.vn(p.get("paid_at")) or q.vn(ev["created_at"])
        if at and start <= at < end and isinstance(p.get("amount_vnd"), int):
            out.append(ix.PaymentFact(str(p.get("code")), str(p.get("method")), at))
    return out


def _rating_facts(s: Any, agency: str, start: str, end: str) -> list[ix.RatingFact]:
    return [
        ix.RatingFact(o.ref if o.kind in ("intake", "return") else None, o.level)
        for o in q.rating_offers(s, agency, start, end)
    ]


def _indicators(s: Any, agency: str, start: str, end: str, cutoff: str) -> list[ix.IndicatorValue]:
    return ix.indicators(
        start,
        end,
        _dossier_facts(s, agency, start, end, cutoff),
        _payment_facts(s, agency, start, end),
        _rating_facts(s, agency, start, end),
    )


def _public(v: ix.IndicatorValue, *, with_codes: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": v["key"],
        "name": v["name"],
        "group": ix.GROUP_VI[v["group"]],
        "numerator": v["numerator"],
        "denominator": v["denominator"],
        "value_pct": v["value_pct"],
        "formula": v["formula"],
        "source": v["source"],
    }
    if with_codes:
        out["below"] = v["below"]
    return out


def agency_index(store: Store, agency: str, month: str, *, now: str | None = None) -> dict[str, Any]:
    """One agency's indicators (the shape of `counter-app report index --json`); LookupError when the
    city has nothing of the agency."""
    start, end, cutoff = _period(month, now)
    with store.read() as s:
        if not q.agency_known(s, agency):
            raise LookupError(agency)
        values = _indicators(s, agency, start, end, cutoff)
    return {
        "month": month,
        "agency": agency,
        "as_of": cutoff,
        "score": ix.index_score(values),
        "indicators": [_public(v, with_codes=True) for v in values],
    }


def city_index(store: Store, month: str, *, now: str | None = None) -> dict[str, Any]:
    """Every agency's indicators, ranked by the index score (the mean of the indicators that have a
    value, contract/index766.py index_score); an agency without any value ranks last, then by code."""
    start, end, cutoff = _period(month, now)
    with store.read() as s:
        scored = []
        for agency in q.agencies(s):
            values = _indicators(s, agency, start, end, cutoff)
            scored.append((ix.index_score(values), agency, values))
    scored.sort(key=lambda r: (r[0] is None, -(r[0] or 0.0), r[1]))
    rows = [
        {
            "rank": i,
            "agency": agency,
            "score": score,
            "indicators": [_public(v, with_codes=False) for v in values],
        }
        for i, (score, agency, values) in enumerate(scored, 1)
    ]
    return {
        "month": month,
        "as_of": cutoff,
        "indicators": [
            {"key": i.key, "name": i.name_vi, "group": ix.GROUP_VI[i.group]} for i in ix.INDICATORS
        ],
        "agencies": rows,
    }
