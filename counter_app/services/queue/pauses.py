"""A counter's pause (tạm nghỉ): `queue pause --counter 3 --reason "Nghỉ trưa"` until `queue resume`.

While paused the counter calls nobody (call_next refuses with the reason) and every board says
"Quầy 3 tạm nghỉ: Nghỉ trưa". One row per counter (db/models/queue.py QueueCounter), so every PC of
the office sees the same; a pause counts only on the day it was taken.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from contract import events, payloads
from counter_app.domain.text import clean_text
from counter_app.errors import ConflictError
from counter_app.services import journal
from counter_app.services.queue.lookups import QueueLookups, elapsed_seconds
from counter_app.services.queue.validation import parse_counter
from counter_app.services.queue.views import CounterPause
from counter_app.timeutil import day_start
from db.models.queue import QueueCounter


class CounterPauses(QueueLookups):
    """Pausing and resuming a counter."""

    def pause(self, counter: int, reason: str, *, actor: str) -> CounterPause:
        c = parse_counter(counter)
        why = clean_text(reason, field="reason", label="Lý do tạm nghỉ", max_len=100)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            row = s.get(QueueCounter, c)
            current = _pause_of(row, now.date())
            if current is not None:
                raise ConflictError(
                    f"quầy {c} đang tạm nghỉ ({current.reason}) từ {current.since:%H:%M}",
                    field="counter",
                    label="Số quầy",
                )
            if row is None:
                row = QueueCounter(counter=c)
                s.add(row)
            row.paused, row.reason, row.paused_at, row.paused_by = True, why, now, actor
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_COUNTER_PAUSED,
                entity="counter",
                entity_id=str(c),
                payload=payloads.QueueCounterPaused({"counter": c, "reason": why}),
            )
            return CounterPause(c, why, now)

    def resume(self, counter: int, *, actor: str) -> CounterPause:
        """End the counter's pause; returns what the pause was."""
        c = parse_counter(counter)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            row = s.get(QueueCounter, c)
            current = _pause_of(row, now.date())
            if row is None or current is None:
                raise ConflictError(f"quầy {c} không tạm nghỉ", field="counter", label="Số quầy")
            row.paused = False
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_COUNTER_RESUMED,
                entity="counter",
                entity_id=str(c),
                payload=payloads.QueueCounterResumed(
                    {
                        "counter": c,
                        "reason": current.reason,
                        "paused_seconds": elapsed_seconds(now, current.since),
                    }
                ),
            )
            return current

    def pauses(self) -> list[CounterPause]:
        """Today's paused counters, in counter order."""
        with self.ctx.db.read() as s:
            return paused_counters(s, self.ctx.now().date())

    def _refuse_if_paused(self, s: Session, counter: int, day: date) -> None:
        current = _pause_of(s.get(QueueCounter, counter), day)
        if current is not None:
            raise ConflictError(
                f"quầy {counter} đang tạm nghỉ ({current.reason}); tiếp tục làm việc "
                f"(`queue resume --counter {counter}`, F11) rồi mới gọi số",
                field="counter",
                label="Số quầy",
            )


def paused_counters(s: Session, day: date) -> list[CounterPause]:
    """The counters paused on `day`, in counter order (also read by the queue's status, board.py)."""
    rows = s.scalars(
        select(QueueCounter)
        .where(QueueCounter.paused.is_(True), QueueCounter.paused_at >= day_start(day))
        .order_by(QueueCounter.counter)
    )
    return [p for p in (_pause_of(r, day) for r in rows) if p is not None]


def _pause_of(row: QueueCounter | None, day: date) -> CounterPause | None:
    if row is None or not row.paused or row.paused_at is None or row.paused_at < day_start(day):
        return None
    at: datetime = row.paused_at
    return CounterPause(row.counter, row.reason or "", at)
