"""What the city's operators and the public pages ask of the store: credentials, catalog and calendar
publishing, lookups. Plain functions over a Store; the CLI and the web app call them. Monthly figures
(the reports and GET /api/v1/stats) are city_server/reports/."""

from __future__ import annotations

import hmac
import json
import re
import secrets
from datetime import date
from typing import Any

from sqlalchemy import func, select

from city_server import projection as pj
from city_server.db import Store
from city_server.ingest import server_now
from city_server.models import Agency, CalendarDay, CatalogVersion, Counter, DossierState, TicketState
from city_server.ticket_live import live_facts
from contract.catalog import CatalogError, catalog_version_key, check_catalog
from contract.envelope import SCOPE_COUNTER, SCOPE_OFFICE, new_secret

AGENCY_RE = re.compile(r"[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}")


class AdminError(Exception):
    """A refused operator request; the message is Vietnamese and names the field."""


# --- counters -----------------------------------------------------------------------------------------


def add_counter(
    store: Store,
    agency_code: str,
    counter_number: int | None,
    label: str = "",
    agency_name: str = "",
    *,
    office: bool = False,
) -> dict[str, str]:
    """A new credential; `agency_name` (when given) names the agency on the report pages. `office`: for a
    whole office database of the agency (several PCs, PostgreSQL), whose events carry any counter number of
    the agency; else for one counter (`counter_number`) on a file of its own."""
    agency_code = agency_code.strip()
    if not AGENCY_RE.fullmatch(agency_code):
        raise AdminError(
            "Mã cơ quan (--agency): phải gồm các nhóm chữ số và chữ in hoa cách nhau bởi dấu chấm"
        )
    if office:
        if counter_number is not None:
            raise AdminError(
                "Số quầy (--counter): không dùng cùng --office (chứng thư văn phòng cho mọi quầy)"
            )
        counter_number = 0
    elif counter_number is None or not 1 <= counter_number <= 999:
        raise AdminError("Số quầy (--counter): phải từ 1 đến 999 (hoặc --office cho cả văn phòng)")
    counter_id = "q-" + secrets.token_hex(8)
    secret = new_secret()
    with store.write() as s:
        s.add(
            Counter(
                id=counter_id,
                agency_code=agency_code,
                counter_number=counter_number,
                scope=SCOPE_OFFICE if office else SCOPE_COUNTER,
                secret=secret,
                label=label.strip()[:200],
                created_at=server_now(),
            )
        )
        if agency_name.strip():
            _name_agency(s, agency_code, agency_name)
    return {"counter_id": counter_id, "secret": secret}


def _name_agency(s: Any, code: str, name: str) -> None:
    row = s.get(Agency, code)
    if row is None:
        row = Agency(code=code)
        s.add(row)
    row.name, row.updated_at = " ".join(name.split())[:300], server_now()


def agency_names(store: Store) -> dict[str, str]:
    """Code → name of every agency named so far (the report pages show both)."""
    with store.read() as s:
        return {code: name for code, name in s.execute(select(Agency.code, Agency.name))}


def revoke_counter(store: Store, counter_id: str) -> dict[str, Any]:
    with store.write() as s:
        c = s.get(Counter, counter_id)
        if c is None:
            raise AdminError(f"Mã quầy: không có quầy '{counter_id}'")
        if c.revoked_at is None:
            c.revoked_at = server_now()
        return {"counter_id": c.id, "revoked_at": c.revoked_at}


def list_counters(store: Store) -> list[dict[str, Any]]:
    with store.read() as s:
        return [
            {
                "counter_id": c.id,
                "agency_code": c.agency_code,
                "counter_number": c.counter_number,
                "scope": c.scope,
                "label": c.label,
                "created_at": c.created_at,
                "revoked_at": c.revoked_at,
                "last_seen_at": c.last_seen_at,
            }
            for c in s.scalars(
                select(Counter).order_by(Counter.agency_code, Counter.counter_number, Counter.id)
            )
        ]


# --- what counters pull ---------------------------------------------------------------------------------


def publish_catalog(store: Store, document: Any) -> dict[str, Any]:
    """Store a catalog version; counters import it on their next sync when it is newer than theirs.

    Checked by the counters' own rules first (a catalog they would refuse would fail every counter's
    nightly sync), and it must be newer than the latest one: counters never go back to an older version.
    """
    try:
        version, procedures = check_catalog(document)
    except CatalogError as exc:
        raise AdminError(f"Danh mục: {exc}") from None
    with store.write() as s:
        if not store.is_sqlite:
            s.execute(select(func.pg_advisory_xact_lock(728001)))  # two publishers: one after the other
        if s.scalar(select(CatalogVersion.id).where(CatalogVersion.version == version)) is not None:
            raise AdminError(f"Danh mục: phiên bản '{version}' đã được phát hành")
        latest = s.scalars(select(CatalogVersion.version).order_by(CatalogVersion.id.desc()).limit(1)).first()
        if latest is not None and catalog_version_key(version) <= catalog_version_key(latest):
            raise AdminError(
                f"Danh mục: phiên bản '{version}' không mới hơn phiên bản đã phát hành '{latest}'; "
                "các quầy chỉ nhận phiên bản mới hơn"
            )
        s.add(
            CatalogVersion(
                version=version, document=json.dumps(document, ensure_ascii=False), published_at=server_now()
            )
        )
    return {"version": version, "procedures": len(procedures)}


def latest_catalog(store: Store) -> tuple[str, dict[str, Any]] | None:
    with store.read() as s:
        row = s.scalars(select(CatalogVersion).order_by(CatalogVersion.id.desc()).limit(1)).first()
        return (row.version, json.loads(row.document)) if row else None


def set_calendar_day(store: Store, day: date, working: bool | None, note: str = "") -> dict[str, Any]:
    """A city-wide day off / make-up day (working=None clears it); each change gets the next revision."""
    with store.write() as s:
        if not store.is_sqlite:
            s.execute(select(func.pg_advisory_xact_lock(728002)))  # revisions strictly in commit order
        revision = (s.scalar(select(func.max(CalendarDay.revision))) or 0) + 1
        row = s.get(CalendarDay, day.isoformat())
        if row is None:
            row = CalendarDay(day=day.isoformat())
            s.add(row)
        row.working, row.note, row.revision, row.updated_at = working, note.strip(), revision, server_now()
    return {"date": day.isoformat(), "working": working, "note": note.strip(), "revision": revision}


def calendar_since(store: Store, since: int) -> dict[str, Any]:
    """Every change after revision `since`; all of them when the counter is ahead (a restored server)."""
    with store.read() as s:
        top = s.scalar(select(func.max(CalendarDay.revision))) or 0
        if since > top:
            since = 0
        rows = s.scalars(
            select(CalendarDay).where(CalendarDay.revision > since).order_by(CalendarDay.revision)
        )
        # `kind` as in the counter's `calendar holidays`: a working day the city sets is a make-up day
        # (làm bù), a day off a local one; counters read `working` and keep `note` as its source.
        days = [
            {
                "date": r.day,
                "working": r.working,
                "note": r.note,
                "kind": None if r.working is None else ("make_up_work" if r.working else "local"),
            }
            for r in rows
        ]
    return {"version": top, "days": days}


# --- public lookups ------------------------------------------------------------------------------------


_PUBLIC_COLS = [
    getattr(DossierState, c)
    for c in (
        "code",
        "agency_code",
        "procedure_code",
        "procedure_name",
        "field",
        "masked_name",
        "status",
        "received_at",
        "due_at",
        "resolved_at",
        "returned_at",
        "rejected_at",  # also when a stopped dossier stopped
        "apologized_at",
        "updated_at",
        "has_base",
        "tracking_key",
    )
]


def dossier_public(store: Store, code: str, key: str | None) -> dict[str, Any] | None:
    """What anyone holding the receipt may see: no CCCD, phone, address or full name. Only with the
    dossier's tracking key (printed under the receipt's QR): codes are sequential and guessable, and
    an unknown code, a wrong key and a dossier without a key all answer the same None."""
    if not key:
        return None
    with store.read() as s:
        # Core, not the ORM: this is the page every citizen's phone opens.
        d = s.execute(select(*_PUBLIC_COLS).where(DossierState.code == code.strip())).first()
        if d is None or not d.has_base:
            return None
        if not d.tracking_key or not hmac.compare_digest(d.tracking_key, key):
            return None
        return {
            "code": d.code,
            "agency_code": d.agency_code,
            "procedure": {"code": d.procedure_code, "name": d.procedure_name, "field": d.field},
            "applicant": d.masked_name,
            "status": d.status,
            "status_label": pj.STATUS_LABELS.get(d.status, d.status),
            "received_at": d.received_at,
            "due_at": d.due_at,
            "resolved_at": d.resolved_at,
            "returned_at": d.returned_at,
            "apologized": d.apologized_at is not None,
            "stopped_at": d.rejected_at if d.status == "stopped" else None,
            "updated_at": d.updated_at,
        }


def ticket_public(store: Store, number: str, agency: str, day: str | None = None) -> dict[str, Any] | None:
    """A ticket by its number and agency: the given day, else the most recent day it was issued."""
    with store.read() as s:
        q = select(TicketState).where(
            TicketState.agency_code == agency.strip(), TicketState.number == number.strip()
        )
        if day:
            q = q.where(TicketState.day == day)
        t = s.scalars(q.order_by(TicketState.day.desc()).limit(1)).first()
        if t is None:
            return None
        return {
            "number": t.number,
            "agency_code": t.agency_code,
            "day": t.day,
            "service": t.service_name,
            "status": t.status,
            "status_label": pj.TICKET_LABELS.get(t.status, t.status),
            "issued_at": t.issued_at,
            "called_at": t.called_at,
            "finished_at": t.finished_at,
            "counter": t.counter,
            "updated_at": t.updated_at,
            # Who is called, how many ahead, an estimate, how fresh (city_server/ticket_live.py).
            "live": live_facts(s, t, server_now()),
        }
