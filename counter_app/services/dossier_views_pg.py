"""Many dossiers' full views on PostgreSQL in one statement (counter_app/services/dossiers.py `load_views`).

Each dossier row carries its components and history as JSON arrays built by the server, and its apology
by a join: one round trip and one planned statement (the ids are one array parameter, so the text never
changes and the driver prepares it), instead of four queries each planned anew. The history's columns are
text and integers in the database (db/base.py LocalDateTime, JSONText), so the JSON carries them exactly;
they are decoded here as those column types decode them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.orm import Session

from counter_app.services.dossier_view import ApologyView, DossierView, HistoryEntry, view_from
from db.models import Apology, Dossier, DossierComponent, DossierHistory

_D, _C, _H, _A = (m.__table__ for m in (Dossier, DossierComponent, DossierHistory, Apology))


def _statement() -> Any:
    ids = (
        func.unnest(bindparam("ids", type_=ARRAY(Integer)))
        .table_valued("id", with_ordinality="n")
        .render_derived()
    )
    components = (
        select(
            func.json_agg(
                aggregate_order_by(func.json_build_array(_C.c.name, _C.c.kind, _C.c.count), _C.c.position)
            )
        )
        .where(_C.c.dossier_id == _D.c.id)
        .scalar_subquery()
    )
    history = (
        select(
            func.json_agg(
                aggregate_order_by(
                    func.json_build_array(
                        _H.c.at,
                        _H.c.clerk,
                        _H.c.action,
                        _H.c.from_status,
                        _H.c.to_status,
                        _H.c.note,
                        _H.c.data,
                        _H.c.counter_number,
                    ),
                    _H.c.id,
                )
            )
        )
        .where(_H.c.dossier_id == _D.c.id)
        .scalar_subquery()
    )
    apology = [
        _A.c[name].label(f"apology_{name}")
        for name in ("number", "issued_at", "old_due_at", "new_due_at", "reason", "clerk")
    ]
    return (
        select(
            *(c for c in _D.c if c.name not in ("applicant_name_folded", "paused_at", "remaining_minutes")),
            components.label("components_json"),
            history.label("history_json"),
            *apology,
        )
        .select_from(ids.join(_D, _D.c.id == ids.c.id).outerjoin(_A, _A.c.dossier_id == _D.c.id))
        .order_by(ids.c.n)
    )


_STATEMENT = _statement()


def load_views(s: Session, ids: list[int]) -> list[DossierView]:
    """The views of the dossiers `ids`, in that order (ids of no dossier left out)."""
    out = []
    loads, when = json.loads, datetime.fromisoformat
    for r in s.execute(_STATEMENT, {"ids": ids}):
        components = [{"name": n, "kind": k, "count": c} for n, k, c in r.components_json or ()]
        history = [
            HistoryEntry(
                when(at), clerk, action, from_, to, note, None if data is None else loads(data), counter
            )
            for at, clerk, action, from_, to, note, data, counter in r.history_json or ()
        ]
        apology = (
            ApologyView(
                r.apology_number,
                r.apology_issued_at,
                r.apology_old_due_at,
                r.apology_new_due_at,
                r.apology_reason,
                r.apology_clerk,
            )
            if r.apology_number is not None
            else None
        )
        out.append(view_from(r, components, history, apology))
    return out
