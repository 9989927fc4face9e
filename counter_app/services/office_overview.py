"""The supervisor's view of the office, one line per counter: who is logged in there, which number the
counter serves, whether it is paused (tạm nghỉ) and what it did today.

Read from what the counters already write: the PCs' heartbeats (counter_app/services/presence.py), the
queue's state (its serving tickets and pauses, counter_app/services/queue/) and today's tickets and dossier
steps (queue_tickets.counter, dossier_history.counter_number). One read, no writes: the supervisor's
window refreshes it on every change the office announces and on a short timer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from counter_app.services.presence import PresenceService
from counter_app.services.queue import open_queue
from counter_app.timeutil import day_start
from db.models import DossierHistory, User
from db.models.queue import QueueTicket

if TYPE_CHECKING:
    from counter_app.services.context import AppContext


@dataclass(frozen=True)
class CounterNow:
    counter: int
    online: bool  # a clerk window of this counter beat within presence.ONLINE_S
    clerk: str | None  # username logged in there (None: nobody / window closed)
    clerk_name: str | None
    serving: str | None  # the ticket number being served
    paused: str | None  # the pause's reason while the counter is paused
    paused_since: datetime | None
    tickets_today: int  # tickets called to this counter today
    dossiers_today: int  # dossiers with a step done at this counter today (received, paid… returned)
    last_seen: datetime | None

    def to_json(self) -> dict[str, Any]:
        from counter_app.timeutil import iso

        return {
            "counter": self.counter,
            "online": self.online,
            "clerk": self.clerk,
            "clerk_name": self.clerk_name,
            "serving": self.serving,
            "paused": self.paused,
            "paused_since": iso(self.paused_since),
            "tickets_today": self.tickets_today,
            "dossiers_today": self.dossiers_today,
            "last_seen": iso(self.last_seen),
        }


@dataclass(frozen=True)
class OfficeNow:
    at: datetime
    counters: list[CounterNow]


class OfficeOverview:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.presence = PresenceService(ctx)
        self.queue = open_queue(ctx)

    def now(self) -> OfficeNow:
        at = self.ctx.now()
        today = at.date()
        start = day_start(today)
        pcs = [p for p in self.presence.list() if p.role == "clerk"]
        status = self.queue.status()
        serving = {int(r["counter"]): str(r["number"]) for r in status.serving}
        paused = {p.counter: p for p in status.paused}
        with self.ctx.db.read() as s:
            tickets = dict(
                s.execute(
                    select(QueueTicket.counter, func.count())
                    .where(QueueTicket.day == today, QueueTicket.counter.is_not(None))
                    .group_by(QueueTicket.counter)
                ).all()
            )
            h = DossierHistory
            dossiers = dict(
                s.execute(
                    select(h.counter_number, func.count(func.distinct(h.dossier_id)))
                    .where(h.at >= start, h.at < start + timedelta(days=1), h.counter_number.is_not(None))
                    .group_by(h.counter_number)
                ).all()
            )
            names = dict(s.execute(select(User.username, User.full_name)).all())
        latest: dict[int, Any] = {}
        for p in pcs:  # freshest first: the first seen per counter is the one that counts
            latest.setdefault(p.counter, p)
        numbers = sorted(
            {*latest, *serving, *paused, *(int(c) for c in (*tickets, *dossiers) if c is not None)}
        )
        rows = []
        for n in numbers:
            pc = latest.get(n)
            online = bool(pc and pc.online)
            clerk = pc.clerk if pc and online else None
            pause = paused.get(n)
            rows.append(
                CounterNow(
                    counter=n,
                    online=online,
                    clerk=clerk,
                    clerk_name=names.get(clerk) if clerk else None,
                    serving=serving.get(n),
                    paused=pause.reason if pause else None,
                    paused_since=pause.since if pause else None,
                    tickets_today=int(tickets.get(n, 0)),
                    dossiers_today=int(dossiers.get(n, 0)),
                    last_seen=pc.last_seen if pc else None,
                )
            )
        return OfficeNow(at, rows)
