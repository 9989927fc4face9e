"""Satisfaction: rating offers (a finished transaction to rate), ratings, SIPAS survey answers, feedback."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONText, LocalDateTime


class RatingOffer(Base):
    """One finished transaction (an intake, a return of results, a queue ticket) the citizen may rate.

    `txn_key` names the transaction ("intake:<code>", "return:<code>", "ticket:<day>:<number>"); being
    unique it keeps one offer, hence one rating, per transaction.
    state: pending → rated | no_rating (timed out) | cancelled (superseded or withdrawn by the clerk).
    """

    __tablename__ = "rating_offers"
    __table_args__ = (Index("ix_rating_offers_counter_state", "counter_number", "state"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    txn_key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    ref: Mapped[str] = mapped_column(String(60))
    clerk: Mapped[str] = mapped_column(String(64))
    counter_number: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(100))
    offered_at: Mapped[datetime] = mapped_column(LocalDateTime, index=True)
    state: Mapped[str] = mapped_column(String(12))
    closed_at: Mapped[datetime | None] = mapped_column(LocalDateTime)


class Rating(Base):
    """The citizen's answer; at most one per offer (unique offer_id)."""

    __tablename__ = "ratings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("rating_offers.id"), unique=True)
    level: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[Any] = mapped_column(JSONText)  # list of SIPAS criterion keys
    comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime] = mapped_column(LocalDateTime, index=True)
    # Reasons for "Không hài lòng" arrive after the tap that already stored the level.
    explained_at: Mapped[datetime | None] = mapped_column(LocalDateTime)


class SurveyAnswer(Base):
    """One SIPAS criterion answered in the optional detailed survey after a rating."""

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("offer_id", "criterion"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("rating_offers.id"), index=True)
    group_key: Mapped[str] = mapped_column(String(20))
    criterion: Mapped[str] = mapped_column(String(40))
    satisfied: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(LocalDateTime, index=True)


class Feedback(Base):
    """Phản ánh, kiến nghị from a citizen, with its answer deadline in working days and the answer."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_open_due", "answered_at", "due_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    category: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(10))
    counter_number: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(LocalDateTime, index=True)
    due_at: Mapped[datetime] = mapped_column(LocalDateTime)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(LocalDateTime)
    answered_by: Mapped[str | None] = mapped_column(String(64))
