"""Tables of writes and administration: users, the audit log and the outbox (written together by
counter_app/services/journal.py), number sequences, the calendar's overrides.

Kept apart from db/models/core.py so that a read such as `dossier find` maps none of them
(benchmarks/startup_bench.py); db/models/__init__.py still exports them by name.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONText, LocalDateTime


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(LocalDateTime)


class AuditEntry(Base):
    """Append-only (triggers in the migration refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(LocalDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    detail: Mapped[Any] = mapped_column(JSONText, nullable=True)


class OutboxEvent(Base):
    """An event for the city server, written in the same transaction as the change it reports.

    `id` is the sequence (upload order); `event_id` the UUID the server deduplicates on.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_pending", "sent_at", "rejected_at", "id"),
        Index("ix_outbox_personal", "personal_removed_at", "sent_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(60))
    agency_code: Mapped[str] = mapped_column(String(40))
    counter_number: Mapped[int] = mapped_column(Integer)
    payload: Mapped[Any] = mapped_column(JSONText)
    created_at: Mapped[datetime] = mapped_column(LocalDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    rejected_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    # When the citizen's data was dropped from the payload, `sync.keep_days` after the city took it.
    personal_removed_at: Mapped[datetime | None] = mapped_column(LocalDateTime)


class Sequence(Base):
    """Last number handed out per named counter per period.

    e.g. ("dossier:000.00.06.H56", "2026-11-21") for the NNNN of dossier codes, ("register", "2026")
    for the register book, ("ticket:A", "2026-11-21") for queue numbers.
    """

    __tablename__ = "sequences"
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    period: Mapped[str] = mapped_column(String(20), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class CalendarOverride(Base):
    """The office's own days off and make-up working days; they win over the holiday package."""

    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(LocalDateTime)
