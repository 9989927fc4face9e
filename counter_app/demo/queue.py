"""Demo step: this morning's queue — tickets taken at the kiosk, called to two counters, a recall, a
no-show, a transfer; some still waiting at the demo's "now" (so the board and the panel have life)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from counter_app.errors import NothingToDo
from counter_app.services.queue.local import LocalQueue

if TYPE_CHECKING:
    from counter_app.demo.run import DemoRun

SPAN_MINUTES = 150  # office minutes of queue before the demo's end


def add_queue_tickets(run: DemoRun) -> None:
    q = LocalQueue(run.ctx)
    rng = run.rng
    clerks = run.clerks()
    events: list[tuple[datetime, int, Callable[[], None]]] = []

    def at(minutes_before_end: int, action: Callable[[], None]) -> None:
        events.append((run.back(minutes_before_end), len(events), action))

    # Arrivals: ~one every 5 minutes, mostly civil status and certification, a few priority.
    minute = SPAN_MINUTES
    while minute > 3:
        service = rng.choices(["A", "B", "C"], weights=[50, 35, 15])[0]
        priority = rng.random() < 0.1
        at(minute, partial(_issue, q, service, priority))
        minute -= rng.randint(2, 8)

    # Two counters calling: every 7-13 minutes each, starting a little after the first arrival.
    for counter, clerk in ((1, clerks[0]), (2, clerks[-1])):
        minute = SPAN_MINUTES - rng.randint(3, 8)
        while minute > 2:
            roll = rng.random()
            if roll < 0.06:
                at(minute, partial(_skip_current, q, counter, clerk))
            elif roll < 0.10:
                at(minute, partial(_transfer_current, q, counter, clerk))
            at(minute, partial(_call, q, counter, clerk))
            if rng.random() < 0.15:
                at(max(1, minute - 1), partial(_recall, q, counter, clerk))
            minute -= rng.randint(7, 13)

    last = run.end
    for when, _, action in sorted(events, key=lambda e: (e[0], e[1])):
        run.at(when)
        action()
        last = when
    # Summarise the queue's day (the last office day: the demo may end on a weekend night).
    run.at(last)
    st = q.status()
    run.at(run.end)
    served = sum(1 for c in q.calls_since(0) if not c.recall)
    run.report.append(
        f"Số thứ tự ngày {st.day:%d/%m/%Y}: {served} lượt gọi; đang phục vụ "
        + (", ".join(f"quầy {s['counter']}: {s['number']}" for s in st.serving) or "không có")
        + f"; còn {st.waiting_total()} người chờ"
    )


def _issue(q: LocalQueue, service: str, priority: bool) -> None:
    q.issue(service, priority=priority, print_ticket=False, actor="kiosk")


def _call(q: LocalQueue, counter: int, clerk: str) -> None:
    try:
        q.call_next(counter, actor=clerk)
    except NothingToDo:  # nobody waiting at that moment: the clerk simply waits
        pass


def _recall(q: LocalQueue, counter: int, clerk: str) -> None:
    try:
        q.recall(counter, actor=clerk)
    except NothingToDo:
        pass


def _skip_current(q: LocalQueue, counter: int, clerk: str) -> None:
    current = q.serving(counter)
    if current is not None:
        q.skip(current.number, actor=clerk)


def _transfer_current(q: LocalQueue, counter: int, clerk: str) -> None:
    current = q.serving(counter)
    if current is not None:
        q.transfer(current.number, "C" if current.service != "C" else "A", actor=clerk)
