"""Queue rules over a real SQLite file: numbering per line per local day, priority then FIFO, the
ticket's life (call, recall, skip, transfer, finish), times for reports, outbox events, lines."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.errors import ConflictError, NotFoundError, NothingToDo, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.queue import QueueService, open_queue
from counter_app.services.queue.local import LocalQueue
from counter_app.services.queue.validation import normalise_number
from db.models import AuditEntry, OutboxEvent
from db.models.queue import QueueCall, QueueTicket


@pytest.fixture
def q(ctx: AppContext) -> LocalQueue:
    return LocalQueue(ctx)


def events(ctx: AppContext, prefix: str = "ticket.") -> list[tuple[str, dict]]:
    with ctx.db.read() as s:
        rows = s.scalars(
            select(OutboxEvent).where(OutboxEvent.type.like(f"{prefix}%")).order_by(OutboxEvent.id)
        )
        return [(r.type, r.payload) for r in rows]


def test_fresh_install_has_default_lines(q: LocalQueue) -> None:
    assert [x.to_json() for x in q.services()] == [
        {"prefix": "A", "name": "Hộ tịch", "fields": ["Hộ tịch"], "counters": []},
        {"prefix": "B", "name": "Chứng thực", "fields": ["Chứng thực"], "counters": []},
        {"prefix": "C", "name": "Khác", "fields": [], "counters": []},
    ]
    assert q.line_for_field("Hộ tịch").prefix == "A"  # type: ignore[union-attr]
    assert q.line_for_field("Đất đai").prefix == "C"  # type: ignore[union-attr]  (the catch-all line)


def test_local_queue_is_a_queue_service(ctx: AppContext) -> None:
    assert isinstance(open_queue(ctx), QueueService)


def test_numbers_run_per_line_and_the_issue_is_recorded_with_its_event(
    ctx: AppContext, q: LocalQueue
) -> None:
    got = [q.issue(s, print_ticket=False).number for s in ["A", "A", "B", "hộ tịch", "Chứng Thực", "c"]]
    assert got == ["A001", "A002", "B001", "A003", "B002", "C001"]
    issued = [p for t, p in events(ctx) if t == "ticket.issued"]
    assert [p["number"] for p in issued] == got
    assert issued[0]["day"] == "2026-11-23" and issued[0]["service"] == "A" and issued[0]["actor"] == "kiosk"
    with ctx.db.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "ticket.issued").limit(1)) is not None


def test_waiting_ahead_counts_who_will_be_called_first(q: LocalQueue) -> None:
    assert q.issue("A", print_ticket=False).waiting_ahead == 0
    assert q.issue("A", print_ticket=False).waiting_ahead == 1
    assert q.issue("B", print_ticket=False).waiting_ahead == 0  # another line
    assert q.issue("A", priority=True, print_ticket=False).waiting_ahead == 0  # jumps the normal ones
    assert q.issue("A", print_ticket=False).waiting_ahead == 3


def test_day_rollover_restarts_numbers_at_local_midnight(ctx: AppContext, clock, q: LocalQueue) -> None:
    clock.set("2026-11-23T23:58")
    q.issue("A", print_ticket=False)
    clock.set("2026-11-23T23:59")
    late = q.issue("A", print_ticket=False)
    clock.set("2026-11-24T00:01")
    early = q.issue("A", print_ticket=False)
    assert (late.number, early.number) == ("A002", "A001")
    assert (
        late.issued_at.date().isoformat() == "2026-11-23"
        and early.issued_at.date().isoformat() == "2026-11-24"
    )
    # 23:59 in Hà Nội is 16:59 UTC: the day is the local one, so the 00:01 ticket is day two's first.
    with ctx.db.read() as s:
        days = {(t.day.isoformat(), t.number) for t in s.scalars(select(QueueTicket))}
    assert days == {("2026-11-23", "A001"), ("2026-11-23", "A002"), ("2026-11-24", "A001")}
    # Yesterday's leftovers are not called today.
    called = q.call_next(1, actor="cb")
    assert called.number == "A001" and called.day.isoformat() == "2026-11-24"
    with pytest.raises(NothingToDo):
        q.call_next(1, actor="cb")


def test_priority_first_then_first_come_first_served(q: LocalQueue, clock) -> None:
    for service, prio in [("A", False), ("B", False), ("A", True), ("A", False), ("B", True)]:
        q.issue(service, priority=prio, print_ticket=False)
        clock.advance(minutes=1)
    order = [q.call_next(1, actor="cb").number for _ in range(5)]
    assert order == ["A002", "B002", "A001", "B001", "A003"]


def test_call_nothing_waiting_is_exit_3_with_a_clear_message(q: LocalQueue) -> None:
    with pytest.raises(NothingToDo) as err:
        q.call_next(2, actor="cb")
    assert err.value.exit_code == 3
    assert "không còn ai chờ" in str(err.value)


def test_call_only_from_lines_the_counter_serves(q: LocalQueue) -> None:
    q.update_service("B", counters=[2], actor="admin")
    q.issue("B", print_ticket=False)
    with pytest.raises(NothingToDo):
        q.call_next(1, actor="cb")
    assert q.call_next(2, actor="cb").number == "B001"
    # Asked for explicitly, counter 1 may still call from B.
    q.issue("B", print_ticket=False)
    assert q.call_next(1, service="B", actor="cb").number == "B002"


def test_ticket_life_with_wait_and_service_times(ctx: AppContext, clock, q: LocalQueue) -> None:
    q.issue("A", print_ticket=False)
    q.issue("A", print_ticket=False)
    clock.advance(minutes=4)
    first = q.call_next(3, actor="cb")
    assert (first.number, first.counter, first.wait_seconds, first.status) == ("A001", 3, 240, "serving")
    clock.advance(seconds=30)
    assert q.recall(3, actor="cb").recalls == 1
    clock.advance(minutes=6)
    done = q.finish("a1", actor="cb")
    assert (done.status, done.service_seconds) == ("finished", 390)
    second = q.call_next(3, actor="cb")
    assert second.number == "A002" and second.wait_seconds == 4 * 60 + 30 + 6 * 60
    with ctx.db.read() as s:
        calls = [(c.number, c.counter, c.recall) for c in s.scalars(select(QueueCall).order_by(QueueCall.id))]
    assert calls == [("A001", 3, False), ("A001", 3, True), ("A002", 3, False)]
    types = [t for t, _ in events(ctx)]
    assert types == [
        "ticket.issued",
        "ticket.issued",
        "ticket.called",
        "ticket.recalled",
        "ticket.finished",
        "ticket.called",
    ]
    finished = dict(events(ctx))["ticket.finished"]
    assert finished["wait_seconds"] == 240 and finished["service_seconds"] == 390 and finished["counter"] == 3


def test_calling_next_finishes_what_the_counter_was_serving(clock, q: LocalQueue) -> None:
    q.issue("A", print_ticket=False)
    q.issue("A", print_ticket=False)
    q.call_next(1, actor="cb")
    clock.advance(minutes=2)
    second = q.call_next(1, actor="cb")
    assert second.finished_previous == "A001"
    assert q.ticket("A001").status == "finished" and q.ticket("A001").service_seconds == 120


def test_nothing_waiting_leaves_the_current_ticket_alone(q: LocalQueue) -> None:
    q.issue("A", print_ticket=False)
    q.call_next(1, actor="cb")
    with pytest.raises(NothingToDo):
        q.call_next(1, actor="cb")
    assert q.ticket("A001").status == "serving"  # nothing half-saved


def test_skip_transfer_and_their_guards(ctx: AppContext, clock, q: LocalQueue) -> None:
    for _ in range(3):
        q.issue("A", print_ticket=False)
    q.issue("B", print_ticket=False)
    q.call_next(1, actor="cb")
    skipped = q.skip("A001", actor="cb")
    assert skipped.status == "skipped"
    with pytest.raises(ConflictError, match="vắng mặt"):
        q.finish("A001", actor="cb")
    with pytest.raises(ConflictError):
        q.skip("A001", actor="cb")
    # A002 is served at counter 1, then sent to line B: it waits there, ahead of B001 issued later.
    q.call_next(1, actor="cb")
    clock.advance(minutes=3)
    moved = q.transfer("A002", "B", actor="cb")
    assert (moved.service, moved.transferred_from, moved.status, moved.counter) == ("B", "A", "waiting", None)
    assert moved.service_seconds == 180 and moved.number == "A002"
    assert q.serving(1) is None
    with pytest.raises(ValidationError):
        q.transfer("A002", "B", actor="cb")
    assert q.call_next(2, service="B", actor="cb").number == "A002"
    assert dict(events(ctx))["ticket.transferred"]["from_service"] == "A"


def test_unknown_things_are_named(q: LocalQueue) -> None:
    with pytest.raises(NotFoundError, match="A \\(Hộ tịch\\)"):
        q.issue("Z", print_ticket=False)
    with pytest.raises(NotFoundError, match="A007"):
        q.finish("A7", actor="cb")
    with pytest.raises(ValidationError) as err:
        normalise_number("12A")
    assert err.value.label == "Số thứ tự"
    with pytest.raises(NothingToDo):
        q.recall(4, actor="cb")
    with pytest.raises(ValidationError):
        q.call_next(0, actor="cb")


def test_lines_add_set_remove(ctx: AppContext, q: LocalQueue) -> None:
    line = q.add_service("d", "  Đất   đai ", ["Đất đai", "Đất đai"], [2, 1, 2], actor="admin")
    assert line.to_json() == {"prefix": "D", "name": "Đất đai", "fields": ["Đất đai"], "counters": [1, 2]}
    assert q.issue("đất đai", print_ticket=False).number == "D001"
    with pytest.raises(ConflictError):
        q.add_service("D", "Trùng", actor="admin")
    with pytest.raises(ValidationError) as err:
        q.add_service("DD", "Hai chữ", actor="admin")
    assert err.value.field == "prefix"
    with pytest.raises(ValidationError):
        q.add_service("E", "   ", actor="admin")
    with pytest.raises(ValidationError):
        q.update_service("D", counters=[100], actor="admin")
    assert q.update_service("D", name="Đất đai - Xây dựng", counters=[], actor="admin").counters == []
    with pytest.raises(ConflictError, match="còn 1 số"):
        q.remove_service("D", actor="admin")
    q.call_next(1, service="D", actor="cb")
    q.finish("D001", actor="cb")
    q.remove_service("D", actor="admin")
    assert [x.prefix for x in q.services()] == ["A", "B", "C"]
    # The finished ticket keeps the name it was issued under.
    assert q.ticket("D001").service_name == "Đất đai"
    types = [t for t, _ in events(ctx, "queue.")]
    assert types == ["queue.service_added", "queue.service_updated", "queue.service_removed"]


def test_the_last_line_cannot_be_removed(q: LocalQueue) -> None:
    q.remove_service("B", actor="admin")
    q.remove_service("C", actor="admin")
    with pytest.raises(ConflictError, match="ít nhất một"):
        q.remove_service("A", actor="admin")


def test_status_waiting_per_line_serving_per_counter(q: LocalQueue) -> None:
    q.issue("A", print_ticket=False)
    q.issue("A", priority=True, print_ticket=False)
    q.issue("B", print_ticket=False)
    q.call_next(2, service="B", actor="cb")
    st = q.status().to_json()
    assert st["waiting"][0] == {"prefix": "A", "name": "Hộ tịch", "waiting": 2, "priority": 1}
    assert st["waiting"][1]["waiting"] == 0
    assert [(x["counter"], x["number"]) for x in st["serving"]] == [(2, "B001")]
    assert [c["number"] for c in st["last_calls"]] == ["B001"]


def test_two_processes_issuing_at_once_never_share_a_number(data_dir: Path, clock, ctx: AppContext) -> None:
    # Two contexts = two engines on the same file, as the kiosk and a clerk's window are.
    other = AppContext(data_dir, clock=clock)
    numbers: list[str] = []
    lock = threading.Lock()

    def worker(c: AppContext) -> None:
        q = LocalQueue(c)
        for _ in range(15):
            n = q.issue("A", print_ticket=False).number
            with lock:
                numbers.append(n)

    threads = [threading.Thread(target=worker, args=(c,)) for c in (ctx, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    other.close()
    assert sorted(numbers) == [f"A{i:03d}" for i in range(1, 31)]
