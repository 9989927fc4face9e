"""Changes as they happen, on every PC of the office: what the boards, the queue panels, the dossier
board and `counter-app queue watch` follow instead of asking the database again and again.

Every write goes through `journal.record`, which appends the audit row and calls `announce`: on the
office's PostgreSQL that is a NOTIFY on `counter_app_changes` (db/office_engine.py), delivered to every
listening PC when the write commits and never for a write that rolled back. The notice is small and
holds no personal data: the event type, what it is about (a ticket number, a counter, a dossier code),
its time, and the audit row's id, which orders the changes.

`ChangeFeed(db).changes()` yields them: on PostgreSQL from a dedicated connection that LISTENs and, when
the server went away, connects again by itself and first replays from the audit log what it missed; on
SQLite (one PC, one file) by looking at `PRAGMA data_version` a few times a second (a number SQLite
changes when another connection commits) and reading the new audit rows when it moved.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from db.models import AuditEntry
from db.office_engine import CONNECT_TIMEOUT_S, NOTIFY_CHANNEL

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db import AnyDatabase

# The payload keys a notice may carry besides type, entity, id and time: what a board or a script shows,
# never a citizen's name, ID number, phone or address (counter_app/services/privacy.py lists those).
SUMMARY_KEYS = ("number", "service", "counter", "from_service", "reason", "to", "recalls", "priority")
# Markers the feed yields besides changes: it could not reach the database / it is back (then anything
# may have changed meanwhile: read everything again).
OFFLINE = "live.offline"
RESYNC = "live.resync"
POLL_S = 0.2  # SQLite: how often data_version is looked at (a microsecond read)
RETRY_S = (0.5, 1.0, 2.0)  # PostgreSQL: waits between connection attempts, the last one repeated
REPLAY_LIMIT = 1000  # at most this many missed changes are replayed after an outage
SEEN_MAX = 5000  # how many change ids are remembered to yield each change once


@dataclass(frozen=True)
class Change:
    """One committed change (or a marker: OFFLINE, RESYNC)."""

    type: str  # an event type of contract/events.py, or a marker
    seq: int = 0  # the audit row's id: commit order
    entity: str = ""
    entity_id: str = ""
    at: str | None = None  # ISO 8601, +07:00
    data: dict[str, Any] = field(default_factory=dict)  # SUMMARY_KEYS found in the payload
    ts: float | None = None  # the writer's wall clock (seconds) when recorded; for latency figures

    @property
    def area(self) -> str:
        """'ticket', 'queue', 'dossier', … ('live' for markers)."""
        return self.type.partition(".")[0]

    @property
    def is_marker(self) -> bool:
        return self.type in (OFFLINE, RESYNC)


def summary(payload: Mapping[str, Any] | Any) -> dict[str, Any]:
    if not isinstance(payload, Mapping):
        return {}
    return {k: payload[k] for k in SUMMARY_KEYS if k in payload}


def announce(
    session: Session,
    db: Any,
    *,
    seq: int,
    event_type: str,
    entity: str,
    entity_id: str,
    at: str | None,
    payload: Mapping[str, Any],
) -> None:
    """Tell the office (at commit) that this change happened; a no-op on SQLite (db/engine.py)."""
    notice = {
        "seq": seq,
        "type": event_type,
        "entity": entity,
        "id": str(entity_id)[:80],
        "at": at,
        "ts": round(time.time(), 4),
        **summary(payload),
    }
    db.notify(session, json.dumps(notice, ensure_ascii=False, separators=(",", ":"), default=str))


def parse_notice(text: str) -> Change | None:
    try:
        raw = json.loads(text)
        return Change(
            type=str(raw["type"]),
            seq=int(raw.get("seq") or 0),
            entity=str(raw.get("entity") or ""),
            entity_id=str(raw.get("id") or ""),
            at=raw.get("at"),
            data=summary(raw),
            ts=float(raw["ts"]) if raw.get("ts") is not None else None,
        )
    except (ValueError, KeyError, TypeError):
        return None  # not ours (someone else NOTIFYing on the channel): ignored


def _from_audit(row: AuditEntry) -> Change:
    return Change(
        type=row.action,
        seq=int(row.id),
        entity=row.entity,
        entity_id=row.entity_id,
        at=row.at.isoformat() if row.at is not None else None,
        data=summary(row.detail),
    )


class ChangeFeed:
    """The office's changes in commit order, from now on. Iterate `changes(stop)` in a thread of its own
    (it blocks); it returns soon after `stop` is set."""

    def __init__(
        self, db: AnyDatabase, *, poll_s: float = POLL_S, application_name: str = "counter-app-live"
    ):
        self.db = db
        self.poll_s = poll_s
        self.application_name = application_name
        self.last_seq: int | None = None  # the newest change seen (None: not started)
        self._start = 0  # changes up to this id were committed before the feed started
        self._seen: set[int] = set()
        self._order: deque[int] = deque()

    def changes(self, stop: threading.Event | None = None, *, tick_s: float = 0.5) -> Iterator[Change]:
        stop = stop or threading.Event()
        if self.db.dialect == "postgresql":
            yield from self._listen(stop, tick_s)
        else:
            yield from self._poll(stop)

    # --- reading the audit log: the start, a replay ---
    def _top(self) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)

    def _since(self, after: int) -> list[Change]:
        with self.db.read() as s:
            rows = s.scalars(
                select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id).limit(REPLAY_LIMIT)
            )
            return [_from_audit(r) for r in rows]

    def _fresh(self, items: list[Change]) -> Iterator[Change]:
        """Each change once: a replay may overlap the notices. Ids are remembered rather than compared
        with the newest: the audit ids follow commit order only while every write holds the office's
        writer lock (db/office_engine.py), and a notice must not be lost if that ever changes."""
        for ch in items:
            if ch.seq:
                if ch.seq <= self._start or ch.seq in self._seen:
                    continue
                self._seen.add(ch.seq)
                self._order.append(ch.seq)
                if len(self._order) > SEEN_MAX:
                    self._seen.discard(self._order.popleft())
                self.last_seq = max(self.last_seq or 0, ch.seq)
            yield ch

    # --- SQLite: one file on this PC ---
    def _poll(self, stop: threading.Event) -> Iterator[Change]:
        path = self.db.path
        assert path is not None
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15, check_same_thread=False)
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            self.last_seq = self._start = self._top()
            yield Change(RESYNC)
            while not stop.wait(self.poll_s):
                now = conn.execute("PRAGMA data_version").fetchone()[0]
                if now == version:
                    continue
                version = now
                yield from self._fresh(self._since(self.last_seq or 0))
        finally:
            conn.close()

    # --- PostgreSQL: the office's shared database ---
    def _conninfo(self) -> str:
        url = self.db.engine.url.set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def _listen(self, stop: threading.Event, tick_s: float) -> Iterator[Change]:
        import psycopg

        attempt = 0
        online = True
        while not stop.is_set():
            try:
                conn = psycopg.connect(
                    self._conninfo(),
                    autocommit=True,
                    connect_timeout=CONNECT_TIMEOUT_S,
                    application_name=self.application_name,
                    keepalives=1,
                    keepalives_idle=5,
                    keepalives_interval=2,
                    keepalives_count=2,
                )
            except psycopg.Error:
                if online:
                    online = False
                    yield Change(OFFLINE)
                stop.wait(RETRY_S[min(attempt, len(RETRY_S) - 1)])
                attempt += 1
                continue
            try:
                conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                # Listening first, then reading: a change committed in between comes both ways, once.
                missed = [] if self.last_seq is None else self._since(self.last_seq)
                if self.last_seq is None:
                    self.last_seq = self._start = self._top()
                attempt, online = 0, True
                yield Change(RESYNC)
                yield from self._fresh(missed)
                while not stop.is_set():
                    for n in conn.notifies(timeout=tick_s):
                        ch = parse_notice(n.payload)
                        if ch is not None:
                            yield from self._fresh([ch])
                        if stop.is_set():
                            break
            except psycopg.Error:
                online = False
                yield Change(OFFLINE)
                stop.wait(RETRY_S[0])
            except OperationalError:  # the replay's read (through SQLAlchemy) hit the same outage
                online = False
                yield Change(OFFLINE)
                stop.wait(RETRY_S[0])
            finally:
                conn.close()
