"""The office (office mode): its PCs, one row per window kind running on a PC, kept fresh by its heartbeat
(counter_app/services/presence.py; not business data: no audit row, no outbox event); and the settings the
whole office shares (counter_app/services/office_settings.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONText, LocalDateTime


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


class OfficeSetting(Base):
    """An office-wide config key (counter_app/config.py, scope OFFICE) set for the whole office; a key not
    here has its declared default. PC keys never come here: they stay in each PC's config.toml."""

    __tablename__ = "office_settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONText)  # the parsed value (text, number or true/false)
    updated_at: Mapped[datetime] = mapped_column(LocalDateTime)
    updated_by: Mapped[str] = mapped_column(String(64))  # the clerk's account; "" for a script or first start
