"""Taking in one batch: store each new event once, fold the new ones into the views, same transaction.

Uniqueness lives in the database (events.event_id UNIQUE, INSERT … ON CONFLICT DO NOTHING RETURNING),
so a resent batch, two workers, or a retry after a cut connection can never store an event twice; only
the events this transaction actually inserted are folded into the views, so nothing is counted twice.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from city_server import projection as pj
from city_server.db import Store
from city_server.models import CodeConflict, Counter, DossierState, Event, Rating, TicketState
from city_server.validation import validate
from contract.envelope import (
    ACCEPTED,
    DUPLICATE,
    REFUSAL_OTHER_COUNTER,
    REJECTED,
    SCOPE_OFFICE,
    EventEnvelope,
    EventError,
    EventResult,
)

log = logging.getLogger("city_server.ingest")
_PG = postgresql.dialect()

DOSSIER_COLS = [c.name for c in DossierState.__table__.columns]
TICKET_COLS = [c.name for c in TicketState.__table__.columns]


def server_now() -> str:
    """The server's own times, in Vietnam time like the counters' (text order is time order)."""
    return datetime.now(pj.VN).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class CounterInfo:
    id: str
    agency_code: str
    counter_number: int  # 0 for an office credential: its events carry their own counter numbers
    office: bool = False  # a whole office database's credential (city_server/models.py Counter.scope)


class Forbidden(Exception):
    """The batch claims another counter or agency: refused whole (403), nothing stored. `refusal`: the
    cause the counter is told in the H_REFUSAL header (contract/envelope.py), when it has one."""

    def __init__(self, message: str, refusal: str | None = None) -> None:
        super().__init__(message)
        self.refusal = refusal


def _lock_key(agency_code: str) -> int:
    # Stable across processes (Python's hash() is salted per process).
    return zlib.crc32(agency_code.encode("utf-8"))


def check_claims(counter: CounterInfo, raw_events: list[Any]) -> None:
    """Every event must be the credential's own: same agency, own dossiers, and the credential's counter
    number (an office credential: any counter of its agency, the office database's PCs)."""
    for raw in raw_events:
        if not isinstance(raw, dict):
            continue  # malformed: rejected per event later
        if raw.get("agency_code") != counter.agency_code:
            raise Forbidden("sự kiện mang mã cơ quan khác với chứng thư của quầy")
        if not counter.office and raw.get("counter_number") != counter.counter_number:
            raise Forbidden(
                f"sự kiện của quầy {raw.get('counter_number')} gửi bằng chứng thư riêng của quầy "
                f"{counter.counter_number}; cơ sở dữ liệu văn phòng nhiều máy cần chứng thư văn phòng "
                "(city-server counter add --office)",
                REFUSAL_OTHER_COUNTER,
            )
        payload = raw.get("payload")
        if isinstance(payload, dict):
            number = raw.get("counter_number")
            probe: EventEnvelope = {  # only the fields claims_other_agency reads
                "event_id": "",
                "seq": 0,
                "type": str(raw.get("type", "")),
                "agency_code": counter.agency_code,
                "counter_number": number if isinstance(number, int) else counter.counter_number,
                "created_at": "",
                "payload": payload,
            }
            if pj.claims_other_agency(probe):
                raise Forbidden("sự kiện nói về hồ sơ của cơ quan khác")


def ingest(
    store: Store, counter: CounterInfo, raw_events: list[Any], *, plain: bool = False
) -> list[EventResult]:
    """Store and project one batch; one result per event, in order. Raises Forbidden before any write."""
    check_claims(counter, raw_events)
    now = server_now()
    results: list[EventResult | None] = [None] * len(raw_events)
    fresh: list[tuple[int, EventEnvelope, str | None]] = []
    first_index: dict[str, int] = {}
    for i, raw in enumerate(raw_events):
        try:
            ev, subject = validate(raw, plain=plain)
        except EventError as exc:
            event_id = raw.get("event_id") if isinstance(raw, dict) else None
            event_id = event_id if isinstance(event_id, str) else ""
            results[i] = {"event_id": event_id[:64], "status": REJECTED, "reason": exc.reason}
            continue
        if ev["event_id"] in first_index:
            results[i] = {"event_id": raw["event_id"], "status": DUPLICATE}
            continue
        first_index[ev["event_id"]] = i
        fresh.append((i, ev, subject))

    inserted: set[str] = set()
    with store.write() as s:
        # Even an empty batch says when the city last heard from the counter: the live ticket page
        # (/so-thu-tu) tells how old its figures are from it.
        s.execute(update_last_seen(counter.id, now))
        if fresh:
            if not store.is_sqlite:
                # Serialise the batches of one agency (its views) across workers; others run in parallel.
                s.execute(select(func.pg_advisory_xact_lock(_lock_key(counter.agency_code))))
            kin = same_database(s, [counter.id])
            for i, reason in refuse_foreign_codes(s, counter, fresh, now, kin[counter.id]).items():
                results[i] = {"event_id": raw_events[i]["event_id"], "status": REJECTED, "reason": reason}
            fresh = [f for f in fresh if results[f[0]] is None]
            inserted = _store_events(s, store.is_sqlite, counter.id, fresh, now) if fresh else set()
            new_events = [ev for _, ev, _ in fresh if ev["event_id"] in inserted]
            if new_events:
                project(s, new_events, now, {e["event_id"]: counter.id for e in new_events}, kin)
    for i, ev, _ in fresh:
        # Echo the id as the counter wrote it (stored lowercase: the dedup is case-blind).
        results[i] = {
            "event_id": raw_events[i]["event_id"],
            "status": ACCEPTED if ev["event_id"] in inserted else DUPLICATE,
        }
    out = [r for r in results if r is not None]
    log.info(
        "batch from %s: %d events, %d accepted, %d duplicate, %d rejected",
        counter.id,
        len(out),
        sum(r["status"] == ACCEPTED for r in out),
        sum(r["status"] == DUPLICATE for r in out),
        sum(r["status"] == REJECTED for r in out),
    )
    return out


def same_database(s: Session, counter_ids: list[str]) -> dict[str, set[str]]:
    """Credential id → the credentials that speak for the same database. An office credential's are every
    office credential of its agency (one office database; a new one replaces a leaked or lost one and goes
    on with the dossiers the old one sent); a counter's own, itself alone."""
    offices: dict[str, set[str]] = {
        agency: set()
        for agency in s.scalars(
            select(Counter.agency_code).where(Counter.id.in_(counter_ids), Counter.scope == SCOPE_OFFICE)
        )
    }
    if offices:
        for cid, agency in s.execute(
            select(Counter.id, Counter.agency_code).where(
                Counter.agency_code.in_(list(offices)), Counter.scope == SCOPE_OFFICE
            )
        ):
            offices[agency].add(cid)
    out = {cid: {cid} for cid in counter_ids}
    for kin in offices.values():
        out.update({cid: kin for cid in kin if cid in out})
    return out


def refuse_foreign_codes(
    s: Session,
    counter: CounterInfo,
    fresh: list[tuple[int, EventEnvelope, str | None]],
    now: str,
    kin: set[str],
) -> dict[int, str]:
    """Dossier events whose code already belongs to another counter's dossier: index → the reason.

    Two counters numbering alone under one agency could give two citizens one code; merging them would
    count one dossier instead of two and show one citizen's dossier under the other's code. So the
    first counter keeps the code, the other's events are refused (it sees why) and each refusal is kept
    in code_conflicts (counted by GET /api/v1/stats). `kin`: the credentials of the sender's own database
    (same_database). Runs under the agency's lock (see ingest)."""
    codes = list({ev["payload"]["code"] for _, ev, _ in fresh if ev["type"].startswith("dossier.")})
    if not codes:
        return {}
    owners: dict[str, tuple[str, int]] = {}
    for start in range(0, len(codes), 500):
        rows = s.execute(
            select(DossierState.code, DossierState.counter_id, DossierState.counter_number).where(
                DossierState.code.in_(codes[start : start + 500]),
                DossierState.counter_id.is_not(None),
                DossierState.counter_id.not_in(list(kin)),
            )
        )
        owners.update({code: (str(cid), number) for code, cid, number in rows})
    if not owners:
        return {}
    refused: dict[int, str] = {}
    rows_out: list[dict[str, Any]] = []
    for i, ev, _ in fresh:
        code = ev["payload"].get("code") if ev["type"].startswith("dossier.") else None
        if code not in owners:
            continue
        owner_id, owner_no = owners[code]
        number = ev["counter_number"]  # the sender's own (under an office credential, one of its counters)
        refused[i] = (
            f"mã hồ sơ {code} đã là mã của một hồ sơ khác do quầy {owner_no} ({owner_id}) gửi; "
            f"quầy {number} ({counter.id}) không được dùng lại mã này — hai hồ sơ không "
            "được gộp làm một. Hai quầy của một cơ quan dùng cơ sở dữ liệu riêng cần khối số khác nhau"
        )
        rows_out.append(
            {
                "event_id": ev["event_id"],
                "agency_code": counter.agency_code,
                "code": code,
                "type": ev["type"],
                "counter_id": counter.id,
                "counter_number": number,
                "owner_counter_id": owner_id,
                "owner_counter_number": owner_no,
                "created_at": pj.vn_time(ev["created_at"]) or now,
                "refused_at": now,
            }
        )
    ids = [r["event_id"] for r in rows_out]
    held = set(s.scalars(select(CodeConflict.event_id).where(CodeConflict.event_id.in_(ids))))
    new_rows = [r for r in rows_out if r["event_id"] not in held]  # a refusal sent again counts once
    if new_rows:
        s.execute(insert(CodeConflict), new_rows)
    log.warning(
        "refused %d dossier events of %s: their codes belong to other counters", len(refused), counter.id
    )
    return refused


def update_last_seen(counter_id: str, now: str) -> Any:
    return update(Counter).where(Counter.id == counter_id).values(last_seen_at=now)


_EVENT_COLS = (
    "event_id",
    "counter_id",
    "agency_code",
    "counter_number",
    "seq",
    "type",
    "created_at",
    "stored_at",
    "subject",
    "payload",
)


def _store_events(
    s: Session, is_sqlite: bool, counter_id: str, fresh: list[tuple[int, EventEnvelope, str | None]], now: str
) -> set[str]:
    """Insert the events not yet held; returns the ids this transaction inserted."""
    rows = [
        (
            ev["event_id"],
            counter_id,
            ev["agency_code"],
            ev["counter_number"],
            ev["seq"],
            ev["type"],
            ev["created_at"],
            now,
            subject,
            json.dumps(ev["payload"], ensure_ascii=False, separators=(",", ":")),
        )
        for _, ev, subject in fresh
    ]
    conn = s.connection()
    if is_sqlite:
        # The transaction holds SQLite's write lock (BEGIN IMMEDIATE): nobody can insert between the
        # look-up and the insert, so a plain executemany is exact — and far cheaper than RETURNING rows.
        ids = [r[0] for r in rows]
        held: set[str] = set()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            held.update(
                r[0]
                for r in conn.exec_driver_sql(
                    f"SELECT event_id FROM events WHERE event_id IN ({','.join('?' * len(chunk))})",
                    tuple(chunk),
                )
            )
        new_rows = [r for r in rows if r[0] not in held]
        if new_rows:
            conn.exec_driver_sql(
                f"INSERT INTO events ({', '.join(_EVENT_COLS)}) VALUES ({', '.join('?' * len(_EVENT_COLS))})",
                new_rows,
            )
        return {r[0] for r in new_rows}
    # PostgreSQL: other agencies' workers insert concurrently; the unique index decides, RETURNING tells.
    # One statement over arrays (unnest): one plan and one round trip for the whole batch.
    sql = (
        f"INSERT INTO events ({', '.join(_EVENT_COLS)}) SELECT * FROM {_unnest(Event.__table__, _EVENT_COLS)} "
        "ON CONFLICT (event_id) DO NOTHING RETURNING event_id"
    )
    return {r[0] for r in _pg_execute(conn, sql, _columns(rows, len(_EVENT_COLS)))}


_PG_ARRAY = {
    "VARCHAR": "text[]",
    "TEXT": "text[]",
    "INTEGER": "int[]",
    "BIGINT": "bigint[]",
    "BOOLEAN": "bool[]",
}


def _unnest(table: Any, cols: Sequence[str]) -> str:
    """`unnest(%s::text[], %s::int[], …)`: rows given as one array per column, typed by the table."""
    types = [_PG_ARRAY[table.c[c].type.compile(dialect=_PG).split("(")[0]] for c in cols]
    return f"unnest({', '.join(f'%b::{t}' for t in types)})"


def _columns(rows: Sequence[Sequence[Any]], width: int) -> tuple[list[Any], ...]:
    return tuple([r[i] for r in rows] for i in range(width))


def _pg_execute(conn: Any, sql: str, params: Sequence[Any]) -> list[Any]:
    """On the session's own connection (same transaction), arrays sent in binary (no text quoting)."""
    driver = conn.connection.driver_connection
    with driver.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall() if cur.description else []


# --- projection --------------------------------------------------------------------------------------


def _sent_by(view: dict[str, Any] | None, counter_id: str) -> dict[str, Any] | None:
    """A folded view row, marked with the credential that first sent it (kept once set)."""
    if view is not None and view.get("counter_id") is None:
        return {**view, "counter_id": counter_id}
    return view


def project(
    s: Session,
    events: list[EventEnvelope],
    now: str,
    sender: dict[str, str],
    kin: dict[str, set[str]] | None = None,
) -> None:
    """Fold newly stored events into the views (in the counter's sequence order); `sender`: event id →
    the credential that sent it (a dossier view belongs to the first one, and to the credentials of the
    same database: `kin`, same_database)."""
    kin = kin or {}
    events = sorted(events, key=lambda e: e["seq"])
    dossier_events = [e for e in events if e["type"].startswith("dossier.")]
    ticket_events = [e for e in events if e["type"].startswith("ticket.")]
    rating_rows = [r for e in events if e["type"].startswith("rating.") and (r := pj.rating_row(e))]
    if dossier_events:

        def fold_owned(state: dict[str, Any] | None, e: EventEnvelope, at: str) -> dict[str, Any] | None:
            owner = sender[e["event_id"]]
            held = state.get("counter_id") if state is not None else None
            if held is not None and held not in kin.get(owner, {owner}):
                return state  # another counter's dossier under this code: never merged into it
            return _sent_by(pj.fold_dossier(state, e, at), owner)

        _fold_into(
            s, DossierState, DOSSIER_COLS, dossier_events, fold_owned, lambda e: pj.dossier_code(e), now
        )
    if ticket_events:
        keyed = [e for e in ticket_events if pj.ticket_key(e)]

        def tkey(e: EventEnvelope) -> tuple[str, str, str]:
            key = pj.ticket_key(e)
            assert key is not None, "only keyed ticket events are folded"
            return (e["agency_code"], *key)

        def fold_ticket(state: dict[str, Any] | None, e: EventEnvelope, at: str) -> dict[str, Any] | None:
            return _sent_by(pj.fold_ticket(state, e, at), sender[e["event_id"]])

        if keyed:
            _fold_into(s, TicketState, TICKET_COLS, keyed, fold_ticket, tkey, now)
    if rating_rows:
        s.execute(insert(Rating), rating_rows)


def _fold_into(
    s: Session, model: Any, cols: list[str], events: list[EventEnvelope], fold: Any, key_of: Any, now: str
) -> None:
    table = model.__table__
    pk = [c.name for c in table.primary_key.columns]
    keys = {key_of(e) for e in events}
    current: dict[Any, dict[str, Any]] = {}
    key_list = list(keys)
    for start in range(0, len(key_list), 500):
        chunk = key_list[start : start + 500]
        if len(pk) == 1:
            where = table.c[pk[0]].in_([k for k in chunk])
        else:
            from sqlalchemy import tuple_

            where = tuple_(*(table.c[c] for c in pk)).in_(chunk)
        for row in s.execute(select(table).where(where)).mappings():
            k = row[pk[0]] if len(pk) == 1 else tuple(row[c] for c in pk)
            current[k] = dict(row)
    existed = set(current)
    for e in events:
        k = key_of(e)
        new = fold(current.get(k), e, now)
        if new is not None:
            current[k] = new
    inserts = [{c: v[c] for c in cols} for k, v in current.items() if k not in existed]
    updates = [
        {**{c: v[c] for c in cols}, **{f"k_{c}": v[c] for c in pk}}
        for k, v in current.items()
        if k in existed
    ]
    # Straight DBAPI: the views are plain rows, and this is the hot loop of every batch.
    conn = s.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    if inserts and mark == "%s":  # PostgreSQL: one statement over arrays
        _pg_execute(
            conn,
            f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT * FROM {_unnest(table, cols)}",
            _columns([tuple(r[c] for c in cols) for r in inserts], len(cols)),
        )
    elif inserts:
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})",
            [tuple(r[c] for c in cols) for r in inserts],
        )
    if updates:
        rest = [c for c in cols if c not in pk]
        conn.exec_driver_sql(
            f"UPDATE {table.name} SET {', '.join(f'{c} = {mark}' for c in rest)} "
            f"WHERE {' AND '.join(f'{c} = {mark}' for c in pk)}",
            [tuple(r[c] for c in rest) + tuple(r[f"k_{c}"] for c in pk) for r in updates],
        )


def rebuild_views(store: Store) -> dict[str, int]:
    """Recompute every view from the stored events (an operator's tool, and the idempotency check)."""
    from sqlalchemy import delete

    now = server_now()
    with store.write() as s:
        for model in (DossierState, TicketState, Rating):
            s.execute(delete(model))
        count = 0
        # The canonical order of a view is its counter's sequence, whatever order the batches came in.
        while True:
            rows = (
                s.execute(
                    select(Event).order_by(Event.counter_id, Event.seq, Event.id).offset(count).limit(5000)
                )
                .scalars()
                .all()
            )
            if not rows:
                break
            sender = {r.event_id: r.counter_id for r in rows}
            kin = same_database(s, sorted(set(sender.values())))
            events: list[EventEnvelope] = [
                {
                    "event_id": r.event_id,
                    "seq": r.seq,
                    "type": r.type,
                    "agency_code": r.agency_code,
                    "counter_number": r.counter_number,
                    "created_at": r.created_at,
                    "payload": json.loads(r.payload),
                }
                for r in rows
            ]
            project(s, events, now, sender, kin)
            count += len(events)
    return {"events": count}
