"""Queue tables: the lines (services) citizens take numbers for, the tickets, and every call of one.

A ticket number (A001) is unique per local day; the same number comes back the next day. The call
log is what the waiting-room board replays (each call and recall is a row, so a recall sounds again).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONText, LocalDateTime

# Ticket states. A transferred ticket goes back to "waiting" in its new line (transferred_from is set).
WAITING = "waiting"
SERVING = "serving"
FINISHED = "finished"
SKIPPED = "skipped"


class QueueLine(Base):
    """One queue line (dịch vụ lấy số): letter prefix, name, the procedure fields and counters it serves."""

    __tablename__ = "queue_services"
    prefix: Mapped[str] = mapped_column(String(1), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # Procedure fields (lĩnh vực) this line receives; empty = every field no other line names.
    fields: Mapped[Any] = mapped_column(JSONText)
    # Counters that call from this line; empty = every counter.
    counters: Mapped[Any] = mapped_column(JSONText)
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(LocalDateTime)


class QueueTicket(Base):
    __tablename__ = "queue_tickets"
    __table_args__ = (
        UniqueConstraint("day", "number"),
        # The "call next" query: today's waiting tickets of a line, priority first, then oldest.
        Index("ix_queue_tickets_next", "day", "status", "service", "priority", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(8))
    service: Mapped[str] = mapped_column(String(1))  # current line (changes on transfer)
    service_name: Mapped[str] = mapped_column(String(100))  # snapshot: a renamed line keeps old tickets
    transferred_from: Mapped[str | None] = mapped_column(String(1))
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[datetime] = mapped_column(LocalDateTime)
    issued_by: Mapped[str] = mapped_column(String(64))
    # When it (re)entered the waiting state: issue, or transfer. Wait time counts from here.
    queued_at: Mapped[datetime] = mapped_column(LocalDateTime)
    called_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    counter: Mapped[int | None] = mapped_column(Integer)
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    skipped_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    transferred_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    # For reports: total seconds waiting (all lines) and at counters, kept as the ticket moves.
    wait_seconds: Mapped[int | None] = mapped_column(Integer)
    service_seconds: Mapped[int | None] = mapped_column(Integer)
    printed: Mapped[bool] = mapped_column(Boolean, default=False)
    printed_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    print_attempts: Mapped[int] = mapped_column(Integer, default=0)
    print_error: Mapped[str | None] = mapped_column(Text)


class QueueCall(Base):
    """Each call or recall of a ticket at a counter, in order; the display board follows this log."""

    __tablename__ = "queue_calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("queue_tickets.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(8))
    counter: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(LocalDateTime)
    recall: Mapped[bool] = mapped_column(Boolean, default=False)


class QueueCounter(Base):
    """A counter's pause (tạm nghỉ): while paused it calls no number and the board says why. A pause
    lasts until resumed or until the day it was taken ends (a forgotten one does not carry over)."""

    __tablename__ = "queue_counters"
    counter: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(String(100))
    paused_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    paused_by: Mapped[str | None] = mapped_column(String(64))
