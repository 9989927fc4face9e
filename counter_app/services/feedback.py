"""Citizens' feedback (phản ánh, kiến nghị): received on the rating screen, answered by a supervisor.

Each piece gets a number (PAKN-YYYY-NNNN, gap-free per year) and an answer deadline of
`feedback.answer_days` working days by the office calendar; lists show the overdue ones first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from contract import events, payloads
from counter_app.domain import feedback as fb
from counter_app.errors import ConflictError, NotFoundError
from counter_app.services import journal
from counter_app.services.sequences import next_value
from counter_app.timeutil import iso
from db.models.ratings import Feedback

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

ANSWER_MAX = 4000


@dataclass(frozen=True)
class FeedbackView:
    id: int
    number: str
    category: str
    text: str
    name: str | None
    phone: str | None
    counter_number: int
    received_at: datetime
    due_at: datetime
    answer: str | None
    answered_at: datetime | None
    answered_by: str | None

    @property
    def category_label(self) -> str:
        return fb.CATEGORIES[self.category].vi if self.category in fb.CATEGORIES else self.category

    @property
    def is_open(self) -> bool:
        return self.answered_at is None

    def is_overdue(self, at: datetime) -> bool:
        """Open past its deadline, or answered after it."""
        return (self.answered_at or at) > self.due_at

    def to_json(self, at: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "category": self.category,
            "category_label": self.category_label,
            "text": self.text,
            "name": self.name,
            "phone": self.phone,
            "counter": self.counter_number,
            "received_at": iso(self.received_at),
            "due_at": iso(self.due_at),
            "status": "open" if self.is_open else "answered",
            "overdue": self.is_overdue(at),
            "answer": self.answer,
            "answered_at": iso(self.answered_at),
            "answered_by": self.answered_by,
        }


def _view(f: Feedback) -> FeedbackView:
    return FeedbackView(
        id=f.id,
        number=f.number,
        category=f.category,
        text=f.text,
        name=f.name,
        phone=f.phone,
        counter_number=f.counter_number,
        received_at=f.received_at,
        due_at=f.due_at,
        answer=f.answer,
        answered_at=f.answered_at,
        answered_by=f.answered_by,
    )


class FeedbackService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def deadline(self, received_at: datetime) -> datetime:
        days = self.ctx.config.feedback.answer_days
        return self.ctx.calendar.due(received_at, days)

    def submit(
        self,
        category: str,
        text: str,
        name: str | None = None,
        phone: str | None = None,
        *,
        counter: int | None = None,
    ) -> FeedbackView:
        data = fb.validate(category, text, name, phone)
        counter = self.ctx.counter_number if counter is None else int(counter)
        now = self.ctx.now()
        due = self.deadline(now)
        with self.ctx.db.write() as s:
            seq = next_value(s, "feedback", str(now.year))
            f = Feedback(
                number=f"PAKN-{now.year}-{seq:04d}",
                category=data.category,
                text=data.text,
                name=data.name,
                phone=data.phone,
                counter_number=counter,
                received_at=now,
                due_at=due,
            )
            s.add(f)
            s.flush()
            # The citizen's name and phone stay at the office (they are for the reply, not for statistics).
            journal.record(
                s,
                self.ctx,
                actor="citizen",
                event_type=events.FEEDBACK_RECEIVED,
                entity="feedback",
                entity_id=f.number,
                payload=payloads.FeedbackReceived(
                    {
                        "number": f.number,
                        "category": f.category,
                        "text": f.text,
                        "counter": counter,
                        "received_at": iso(now),
                        "due_at": iso(due),
                        "has_contact": bool(f.name or f.phone),
                    }
                ),
            )
            return _view(f)

    def get(self, ident: int | str) -> FeedbackView:
        with self.ctx.db.read() as s:
            return _view(self._load(s, ident))

    def list(self, *, open_only: bool = False, limit: int = 1000) -> list[FeedbackView]:
        """Overdue open ones first (oldest deadline first), then the other open ones, then answered."""
        now = self.ctx.now()
        rank = case(
            (Feedback.answered_at.is_(None) & (Feedback.due_at < now), 0),
            (Feedback.answered_at.is_(None), 1),
            else_=2,
        )
        open_due = case((Feedback.answered_at.is_(None), Feedback.due_at), else_=None)
        q = select(Feedback).order_by(rank, open_due, Feedback.answered_at.desc(), Feedback.id)
        if open_only:
            q = q.where(Feedback.answered_at.is_(None))
        with self.ctx.db.read() as s:
            return [_view(f) for f in s.scalars(q.limit(limit))]

    def answer(self, ident: int | str, text: str, *, actor: str) -> FeedbackView:
        body = fb.clean_text(text, "answer", max_len=ANSWER_MAX)
        with self.ctx.db.write() as s:
            f = self._load(s, ident)
            if f.answered_at is not None:
                raise ConflictError(
                    f"phản ánh {f.number} đã được trả lời lúc {f.answered_at:%H:%M %d/%m/%Y}",
                    field="id",
                    label="Phản ánh",
                )
            now = self.ctx.now()
            f.answer, f.answered_at, f.answered_by = body, now, actor
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.FEEDBACK_ANSWERED,
                entity="feedback",
                entity_id=f.number,
                payload=payloads.FeedbackAnswered(
                    {
                        "number": f.number,
                        "answer": body,
                        "answered_at": iso(now),
                        "due_at": iso(f.due_at),
                        "in_time": now <= f.due_at,
                    }
                ),
            )
            return _view(f)

    @staticmethod
    def _load(s: Session, ident: int | str) -> Feedback:
        raw = str(ident).strip()
        if re.fullmatch(r"\d+", raw):
            f = s.get(Feedback, int(raw))
        else:
            f = s.scalar(select(Feedback).where(Feedback.number == raw.upper()))
        if f is None:
            raise NotFoundError(f"không có phản ánh '{raw}'", field="id", label="Phản ánh")
        return f
