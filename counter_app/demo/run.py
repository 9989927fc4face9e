"""A demo run: the clock its AppContext reads, the run's state shared by the steps, and the step type."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.domain.calendar import WorkingCalendar
from counter_app.services.context import AppContext
from counter_app.services.users import NO_CLERK
from counter_app.timeutil import local


class DemoClock:
    """The clock the demo's AppContext reads; each step moves it to when its action happens."""

    def __init__(self, at: datetime) -> None:
        self.at = local(at)

    def __call__(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = local(at)


@dataclass
class DemoRun:
    ctx: AppContext  # opened on the data dir with `clock`
    clock: DemoClock
    end: datetime  # the demo's "now": nothing may happen after it
    rng: random.Random
    # username → (full name, role, demo password)
    users: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # story → dossier codes: "returned", "ready", "processing", "due_soon", "overdue", "apologised",
    # "apologised_late_again", "supplement", "supplement_resumed", "rejected", "received_today", "stopped"
    stories: dict[str, list[str]] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)  # printed at the end

    @property
    def calendar(self) -> WorkingCalendar:
        return self.ctx.calendar

    def at(self, when: datetime) -> None:
        if when > self.end:
            raise ValueError(f"demo step scheduled after the demo's end: {when} > {self.end}")
        self.clock.set(when)

    def back(self, minutes: int) -> datetime:
        """The moment `minutes` office minutes before the end (the inverse of add_office_minutes)."""
        return office_minutes_before(self.calendar, self.end, minutes)

    def clerks(self) -> list[str]:
        return [u for u, (_, role, _) in self.users.items() if role == "clerk"] or [NO_CLERK]

    def supervisor(self) -> str:
        return next((u for u, (_, role, _) in self.users.items() if role == "supervisor"), NO_CLERK)


def office_minutes_before(cal: WorkingCalendar, end: datetime, minutes: int) -> datetime:
    """The latest moment with `minutes` office minutes between it and `end` (an office moment)."""
    return cal.subtract_office_minutes(end, minutes)


DemoStep = Callable[[DemoRun], None]
