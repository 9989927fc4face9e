"""The office's PCs (office mode): one row per window kind running on a PC, kept fresh by its heartbeat
(counter_app/services/presence.py). Not business data: no audit row, no outbox event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, LocalDateTime


class OfficePc(Base):
    __tablename__ = "office_pcs"
    # A PC is its data dir's stable id (a UUID kept in the data dir); one PC may run several windows
    # (the clerk window and the rating screen), one row each.
    pc_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)  # presence.ROLES
    counter_number: Mapped[int] = mapped_column(Integer)
    clerk: Mapped[str | None] = mapped_column(String(64))  # the logged-in account; None before login
    host: Mapped[str] = mapped_column(String(100))  # the PC's network name, for the supervisor
    version: Mapped[str] = mapped_column(String(32))  # the program's version, to spot a PC left behind
    started_at: Mapped[datetime] = mapped_column(LocalDateTime)
    last_seen: Mapped[datetime] = mapped_column(LocalDateTime)
