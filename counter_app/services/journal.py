"""Every business write calls `record` inside its own transaction: one audit row, one outbox event.

Keeping both in one place is how no write path can forget the city (outbox) or the auditor.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any, Protocol

from sqlalchemy import insert
from sqlalchemy.orm import Session

from counter_app.services.privacy import without_citizen_data


class Stamp(Protocol):
    """What an entry needs of the app context: the time, the agency and the counter. AppContext has it;
    this module does not import the context, which seeds the catalog (and so the journal) when it opens."""

    def now(self) -> datetime: ...

    @property
    def agency_code(self) -> str: ...

    @property
    def counter_number(self) -> int: ...

    @property
    def db(self) -> Notifier: ...


class Notifier(Protocol):
    """The database's way to announce a change to the office's other PCs (db/office_engine.py)."""

    def notify(self, session: Session, payload: str) -> None: ...


def record(
    session: Session,
    ctx: Stamp,
    *,
    actor: str,
    event_type: str,
    entity: str,
    entity_id: str,
    payload: Mapping[str, Any],  # a TypedDict of contract/payloads.py where the call site is simple
    sync: bool = True,
) -> str | None:
    """Append the audit entry and (when the city must know) the outbox event; returns the event id.
    Every PC listening is told of the change when the transaction commits (counter_app/services/live.py)."""
    at = ctx.now()
    audit_insert, outbox_insert = _statements()
    seq = session.execute(
        audit_insert,
        {
            "at": at,
            "actor": actor,
            "action": event_type,
            "entity": entity,
            "entity_id": str(entity_id),
            "detail": without_citizen_data(event_type, payload),  # who did what, not a second copy
        },
    ).scalar_one()
    from counter_app.services import live  # the change feed: loaded by the first write, not by reads

    live.announce(
        session,
        ctx.db,
        seq=seq,
        event_type=event_type,
        entity=entity,
        entity_id=entity_id,
        at=at.isoformat(),
        payload=payload,
    )
    if not sync:
        return None
    event_id = str(uuid.uuid4())
    session.execute(
        outbox_insert,
        {
            "event_id": event_id,
            "type": event_type,
            "agency_code": ctx.agency_code,
            "counter_number": ctx.counter_number,
            "payload": {**payload, "actor": actor},
            "created_at": at,
        },
    )
    return event_id


@cache
def _statements() -> tuple[Any, Any]:
    """The audit and outbox inserts: constant statements with separate parameters, compiled once and
    cached, unlike .values(...). Built by the first write: their tables (db/models/admin.py) are not
    mapped by a read such as `dossier find`."""
    from db.models.admin import AuditEntry, OutboxEvent

    return insert(AuditEntry).returning(AuditEntry.id), insert(OutboxEvent)
