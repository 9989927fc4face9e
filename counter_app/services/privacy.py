"""Which parts of an event's payload are a citizen's data, and the payload without them.

The audit log keeps who did what (actor, action, entity, time and the non-personal facts); the
citizen's own data lives once, in its table (dossiers, feedback, ratings). The outbox needs the whole
payload only until the city has acknowledged it: `sync.keep_days` after that, SyncService drops the
same fields from sent events (counter_app/services/sync.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select, update

from contract import events


class Office(Protocol):
    """What forgetting needs of the app context (journal.record imports this module, and the context
    imports the journal: no import of the context here)."""

    @property
    def config(self) -> Any: ...

    @property
    def db(self) -> Any: ...

    def now(self) -> datetime: ...


# Per event type: the payload's keys that carry a citizen's data (identity, contact, address, or free
# text that may name them). Other types carry none.
CITIZEN_FIELDS: dict[str, tuple[str, ...]] = {
    events.DOSSIER_RECEIVED: ("applicant", "post_address", "history", "rejected_reason"),
    events.DOSSIER_STATUS_CHANGED: ("note", "rejected_reason"),
    events.DOSSIER_APOLOGIZED: ("reason",),
    events.DOSSIER_STOPPED: ("note", "rejected_reason"),
    events.FEEDBACK_RECEIVED: ("text", "name", "phone"),
    events.FEEDBACK_ANSWERED: ("answer",),
    events.RATING_EXPLAINED: ("comment",),
}
REMOVED = "personal_data_removed"  # set in a payload whose citizen's data was dropped


def has_citizen_data(event_type: str) -> bool:
    return event_type in CITIZEN_FIELDS


def without_citizen_data(event_type: str, payload: Any) -> Any:
    """A copy of `payload` without the citizen's data (the payload itself when it has none)."""
    fields = CITIZEN_FIELDS.get(event_type)
    if not fields or not isinstance(payload, dict) or not any(k in payload for k in fields):
        return payload
    out = {k: v for k, v in payload.items() if k not in fields}
    out[REMOVED] = True
    return out


def forget_sent_personal_data(ctx: Office, *, chunk: int = 2000) -> int:
    """Drop the citizen's data from events the city acknowledged more than `sync.keep_days` ago;
    returns how many payloads changed. Each chunk is its own short transaction, so windows writing
    meanwhile barely wait. Events not yet sent, or set aside as rejected, keep everything."""
    from db.models.admin import OutboxEvent  # here: journal.record imports this module on every read too

    now = ctx.now()
    cutoff = now - timedelta(days=ctx.config.sync.keep_days)
    due = (OutboxEvent.personal_removed_at.is_(None), OutboxEvent.sent_at < cutoff)
    with ctx.db.write() as s:  # the other types carry no citizen's data: only marked done
        s.execute(
            update(OutboxEvent)
            .where(*due, OutboxEvent.type.not_in(list(CITIZEN_FIELDS)))
            .values(personal_removed_at=now)
        )
    changed = 0
    while True:
        with ctx.db.write() as s:
            rows = s.execute(
                select(OutboxEvent.id, OutboxEvent.type, OutboxEvent.payload).where(*due).limit(chunk)
            ).all()
            for seq, etype, payload in rows:
                s.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id == seq)
                    .values(payload=without_citizen_data(etype, payload), personal_removed_at=now)
                )
        changed += len(rows)
        if len(rows) < chunk:
            return changed
