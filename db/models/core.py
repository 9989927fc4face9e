"""Core tables: catalog, dossiers and their history, meta (users, audit, outbox: db/models/admin.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, JSONText, LocalDateTime


class Meta(Base):
    """Small key/value facts about this database (catalog version, last sync …)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Procedure(Base):
    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    field: Mapped[str] = mapped_column(String(100))
    processing_days: Mapped[int] = mapped_column(Integer)
    fee_vnd: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    components: Mapped[list[ProcedureComponent]] = relationship(
        back_populates="procedure",
        order_by="ProcedureComponent.position",
        cascade="all, delete-orphan",
    )


class ProcedureComponent(Base):
    __tablename__ = "procedure_components"
    __table_args__ = (UniqueConstraint("procedure_code", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=1)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    procedure: Mapped[Procedure] = relationship(back_populates="components")


# A dossier still being worked on (lifecycle RECEIVED or PROCESSING), spelled with literals: SQLite uses a
# partial index only for a query whose WHERE repeats the index's condition word for word.
OPEN_WORK_SQL = "status IN ('received', 'processing')"


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_phone", "phone"),
        Index("ix_dossiers_id_number", "id_number"),
        Index("ix_dossiers_received_at", "received_at"),
        Index("ix_dossiers_status_due", "status", "due_at"),
        # A whole name typed from its start ("nguyen van a…") is a range on this, read from the index
        # alone (migrations 0101, 0602).
        Index("ix_dossiers_name_folded", "applicant_name_folded", "id"),
        # The board's "due soon" and "overdue" tabs walk this in due order and stop after a page
        # (counter_app/services/board.py; migration 1001).
        Index(
            "ix_dossiers_open_due",
            "due_at",
            "id",
            sqlite_where=text(OPEN_WORK_SQL),
            # PostgreSQL's index has the same condition (migration 1001); naming it here
            # (postgresql_where) would load SQLAlchemy's PostgreSQL dialect, and asyncio with it, in
            # every start on SQLite (tests/test_startup_imports.py).
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code"))
    # Snapshots: a later catalog change must not rewrite what the citizen was told.
    procedure_name: Mapped[str] = mapped_column(String(300))
    field: Mapped[str] = mapped_column(String(100))
    processing_days: Mapped[int] = mapped_column(Integer)
    fee_vnd: Mapped[int] = mapped_column(Integer)
    applicant_name: Mapped[str] = mapped_column(String(100))
    applicant_name_folded: Mapped[str] = mapped_column(String(100))
    id_number: Mapped[str] = mapped_column(String(12))
    phone: Mapped[str] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sets: Mapped[int] = mapped_column(Integer)
    delivery: Mapped[str] = mapped_column(String(10))
    # Where it was received: "counter" or "online" (contract/index766.py CHANNELS; migration 0401).
    channel: Mapped[str] = mapped_column(String(10), default="counter", server_default="counter")
    post_address: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(LocalDateTime)
    due_at: Mapped[datetime] = mapped_column(LocalDateTime)
    # While a supplement is awaited the clock stops: the office minutes still left are kept here.
    paused_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    remaining_minutes: Mapped[int | None] = mapped_column(Integer)
    ready_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    returned_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    clerk: Mapped[str] = mapped_column(String(64))
    counter_number: Mapped[int] = mapped_column(Integer)
    register_book: Mapped[str] = mapped_column(String(20))
    # Printed under the receipt's QR: the city's public lookup needs it beside the code (None: older).
    tracking_key: Mapped[str | None] = mapped_column(String(8))
    register_number: Mapped[int] = mapped_column(Integer)

    components: Mapped[list[DossierComponent]] = relationship(
        back_populates="dossier", order_by="DossierComponent.position", cascade="all, delete-orphan"
    )
    history: Mapped[list[DossierHistory]] = relationship(
        back_populates="dossier", order_by="DossierHistory.id", cascade="all, delete-orphan"
    )
    apology: Mapped[Apology | None] = relationship(back_populates="dossier", uselist=False)


class DossierComponent(Base):
    __tablename__ = "dossier_components"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)
    dossier: Mapped[Dossier] = relationship(back_populates="components")


class DossierHistory(Base):
    """Every change of a dossier: who, when, from which state to which, and why."""

    __tablename__ = "dossier_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    __table_args__ = (
        # "Mine" on the board: dossiers with a step done at this counter (migration 1001).
        Index("ix_dossier_history_counter", "counter_number", "dossier_id"),
    )
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(LocalDateTime)
    clerk: Mapped[str] = mapped_column(String(64))
    # The counter (counter.number of the PC) where the step was done; NULL for lines from before it was kept.
    counter_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[Any] = mapped_column(JSONText, nullable=True)
    dossier: Mapped[Dossier] = relationship(back_populates="history")


class Apology(Base):
    """Phiếu xin lỗi và hẹn lại ngày trả: at most one per dossier, ever (unique dossier_id)."""

    __tablename__ = "apologies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), unique=True)
    number: Mapped[str] = mapped_column(String(40))
    issued_at: Mapped[datetime] = mapped_column(LocalDateTime)
    old_due_at: Mapped[datetime] = mapped_column(LocalDateTime)
    new_due_at: Mapped[datetime] = mapped_column(LocalDateTime)
    reason: Mapped[str] = mapped_column(Text)
    clerk: Mapped[str] = mapped_column(String(64))
    dossier: Mapped[Dossier] = relationship(back_populates="apology")
