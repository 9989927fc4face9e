"""A log of sync runs: what each night sent and how it ended (the clerk window shows a failed night)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, LocalDateTime


class SyncRun(Base):
    __tablename__ = "sync_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(LocalDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    trigger: Mapped[str] = mapped_column(String(20))  # cli | schedule | catch-up | manual
    ok: Mapped[bool] = mapped_column(Boolean)
    sent: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
    duplicates: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    pending: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
