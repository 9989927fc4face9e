"""Idempotency keys of intakes: a retried intake (a crash after the commit, before the clerk saw the code)
answers the first result instead of receiving the dossier twice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONText, LocalDateTime


class IntakeRequest(Base):
    __tablename__ = "intake_requests"
    request_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    dossier_code: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(LocalDateTime)
    response: Mapped[Any] = mapped_column(JSONText)  # what the first intake answered, as sent
