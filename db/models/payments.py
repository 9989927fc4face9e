"""Fees paid on a dossier (phí, lệ phí): one row per payment, in integer VND."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, LocalDateTime


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint("method IN ('cash', 'transfer', 'vietqr')", name="method_known"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    amount_vnd: Mapped[int] = mapped_column(Integer)
    paid_at: Mapped[datetime] = mapped_column(LocalDateTime)
    clerk: Mapped[str] = mapped_column(String(64))
    # The counter where it was paid (any counter serves any dossier); NULL before counters were kept.
    counter_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Bank transaction reference for transfers, when the clerk has it.
    reference: Mapped[str | None] = mapped_column(String(100))
