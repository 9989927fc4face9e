"""The city server's tables: counters and their credentials, the nonce store, every event received,
and the read models built from them (dossiers, tickets, ratings), plus what counters pull
(catalog versions, holiday overrides).

Times are ISO strings in +07:00 (the counters' and the server's own alike), so that text order is time
order on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# 64-bit on PostgreSQL; plain INTEGER on SQLite so that it stays the rowid alias (autoincrement).
BigId = BigInteger().with_variant(Integer(), "sqlite")
TS = String(40)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Counter(Base):
    """A credential: one counter's (scope "counter", a standalone SQLite file) or a whole office database's
    of one agency (scope "office", counter_number 0: its events carry any counter number of the agency;
    contract/envelope.py SCOPE_*). The secret is kept as issued: HMAC verification needs it."""

    __tablename__ = "counters"
    __table_args__ = (Index("ix_counters_agency", "agency_code", "counter_number"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    counter_number: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(10), default="counter", server_default="counter")
    secret: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[str] = mapped_column(TS)
    revoked_at: Mapped[str | None] = mapped_column(TS)
    last_seen_at: Mapped[str | None] = mapped_column(TS)


class Nonce(Base):
    """Nonces seen in the last minutes (shared by every worker: in the database, not in memory)."""

    __tablename__ = "nonces"
    counter_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[int] = mapped_column(BigInteger, index=True)  # Unix seconds


class Event(Base):
    """Every event ever accepted, unique by its UUID; unknown types are kept raw for later projections."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_counter_seq", "counter_id", "seq"),
        Index("ix_events_subject", "subject"),
        Index("ix_events_type", "type"),
        # One agency's events of some types in a period: what every monthly report reads.
        Index("ix_events_agency_type_created", "agency_code", "type", "created_at"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    counter_id: Mapped[str] = mapped_column(String(64))
    agency_code: Mapped[str] = mapped_column(String(40))
    counter_number: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[str] = mapped_column(TS)
    stored_at: Mapped[str] = mapped_column(TS)
    # What the event is about ("dossier:CODE", "ticket:AGENCY:DAY:A012"): rebuilding one view reads
    # only its events.
    subject: Mapped[str | None] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)  # the JSON as received


class DossierState(Base):
    """The current view of one dossier, folded from its events. No personal data but the masked name."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_agency_received", "agency_code", "received_at"),
        Index("ix_dossiers_agency_resolved", "agency_code", "resolved_at"),
        Index("ix_dossiers_agency_apologized", "agency_code", "apologized_at"),
    )
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    counter_number: Mapped[int] = mapped_column(Integer)
    # The credential whose events made this dossier: another counter's events under the same code are
    # refused, never merged (city_server/ingest.py, code_conflicts).
    counter_id: Mapped[str | None] = mapped_column(String(64))
    procedure_code: Mapped[str | None] = mapped_column(String(32))
    procedure_name: Mapped[str | None] = mapped_column(String(300))
    field: Mapped[str | None] = mapped_column(String(100))
    masked_name: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[str | None] = mapped_column(TS)
    due_at: Mapped[str | None] = mapped_column(TS)  # current promise (after an apology: the new date)
    legal_due_at: Mapped[str | None] = mapped_column(TS)  # the due time on-time is judged against
    resolved_at: Mapped[str | None] = mapped_column(TS)  # result ready (or returned)
    returned_at: Mapped[str | None] = mapped_column(TS)
    rejected_at: Mapped[str | None] = mapped_column(TS)
    apologized_at: Mapped[str | None] = mapped_column(TS)
    has_base: Mapped[bool] = mapped_column(Boolean)  # dossier.received applied
    # The key printed under the receipt's QR: a public lookup needs it beside the (sequential) code.
    tracking_key: Mapped[str | None] = mapped_column(String(8))
    last_seq: Mapped[int] = mapped_column(BigInteger)  # the counter's sequence of the last event folded in
    updated_at: Mapped[str] = mapped_column(TS)


class Agency(Base):
    """An agency's name, shown beside its code on the report pages (given when its counters are
    registered: `city-server counter add --agency-name`)."""

    __tablename__ = "agencies"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[str] = mapped_column(TS)


class TicketState(Base):
    """A queue ticket as the QR on it looks it up: number per agency per local day."""

    __tablename__ = "tickets"
    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    number: Mapped[str] = mapped_column(String(10), primary_key=True)
    service_name: Mapped[str | None] = mapped_column(String(100))
    # The line it waits in (a transfer moves it) and its priority: who is ahead on the ticket page, in the
    # queue of the database that issued it (its credential: counters on files of their own queue apart).
    service: Mapped[str | None] = mapped_column(String(10))
    counter_id: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20))
    issued_at: Mapped[str | None] = mapped_column(TS)
    called_at: Mapped[str | None] = mapped_column(TS)
    finished_at: Mapped[str | None] = mapped_column(TS)
    counter: Mapped[int | None] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[str] = mapped_column(TS)


class CodeConflict(Base):
    """A dossier event refused because its code already belongs to another counter's dossier (two
    counters numbering alone under one agency: docs/domain.md, Dossier code). One row per refused event;
    GET /api/v1/stats counts the refused `dossier.received` ones of a month."""

    __tablename__ = "code_conflicts"
    __table_args__ = (Index("ix_code_conflicts_agency_created", "agency_code", "created_at"),)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(60))
    type: Mapped[str] = mapped_column(String(60))
    counter_id: Mapped[str] = mapped_column(String(64))  # who sent it
    counter_number: Mapped[int] = mapped_column(Integer)
    owner_counter_id: Mapped[str] = mapped_column(String(64))  # whose dossier the code is
    owner_counter_number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(TS)  # the event's time at the counter
    refused_at: Mapped[str] = mapped_column(TS)


class Rating(Base):
    """One satisfaction answer (or "no rating") taken from rating.* events. The monthly figures do not
    read it: city_server/reports/queries.py counts ratings per offer from the stored events (the counter's definition)."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_agency_at", "agency_code", "at"),)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(TS)
    level: Mapped[str | None] = mapped_column(String(40))
    satisfied: Mapped[bool | None] = mapped_column(Boolean)  # None: no answer given


class CatalogVersion(Base):
    """A procedure catalog published by the city; counters pull the newest."""

    __tablename__ = "catalog_versions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    document: Mapped[str] = mapped_column(Text)
    published_at: Mapped[str] = mapped_column(TS)


class CalendarDay(Base):
    """A city-wide day off or make-up working day; `revision` grows with every change (pull since N)."""

    __tablename__ = "calendar_days"
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    working: Mapped[bool | None] = mapped_column(Boolean)  # None: cleared (kept so counters learn of it)
    note: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(BigInteger, index=True)
    updated_at: Mapped[str] = mapped_column(TS)


class AppRelease(Base):
    """A version of the counter software the city announces; counters show the newest to their
    administrator (contract/releases.py). Nothing is installed from here."""

    __tablename__ = "app_releases"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    notice: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[str] = mapped_column(TS)
