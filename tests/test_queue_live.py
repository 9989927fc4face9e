"""One queue for the whole office, live: changes announced on commit (LISTEN/NOTIFY, or the SQLite poll),
`queue watch --json` in another process, a counter's pause, a no-show reactivated, many counters calling at
once (counter_app/services/live.py, counter_app/services/queue/)."""

from __future__ import annotations

import json
import os
import queue as stdqueue
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, text

from counter_app.errors import ConflictError, NothingToDo
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.live import OFFLINE, RESYNC, Change, ChangeFeed
from counter_app.services.queue import open_queue
from db.models.queue import WAITING, QueueTicket
from tests.conftest import ROOT, intake_doc, run_cli
from tests.core_support import run_together

DEADLINE_S = 30


class Follower:
    """A ChangeFeed read in a thread, its changes in a queue the test waits on."""

    def __init__(self, ctx: AppContext, application_name: str = "counter-app-live") -> None:
        self.stop = threading.Event()
        self.items: stdqueue.Queue[Change] = stdqueue.Queue()
        self.feed = ChangeFeed(ctx.db, poll_s=0.05, application_name=application_name)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self.wait_for(lambda ch: ch.type == RESYNC)  # listening from here on

    def _run(self) -> None:
        for ch in self.feed.changes(self.stop, tick_s=0.1):
            self.items.put(ch)

    def wait_for(self, match: Any) -> Change:
        deadline = time.monotonic() + DEADLINE_S
        while True:
            left = deadline - time.monotonic()
            assert left > 0, "the change never came"
            ch = self.items.get(timeout=left)
            if match(ch):
                return ch

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=DEADLINE_S)


@pytest.fixture
def follower(ctx: AppContext) -> Iterator[Follower]:
    f = Follower(ctx)
    yield f
    f.close()


def test_every_write_is_announced_with_no_personal_data(
    ctx: AppContext, follower: Follower, data_dir: Path
) -> None:
    q = open_queue(ctx)
    q.issue("A", print_ticket=False, actor="kiosk")
    ch = follower.wait_for(lambda c: c.type == "ticket.issued")
    assert ch.data["number"] == "A001" and ch.data["service"] == "A" and ch.entity == "ticket"
    assert ch.at is not None and ch.at.endswith("+07:00") and ch.seq > 0
    # A second PC's writes (here another context on the same database) come the same way.
    other = AppContext(data_dir)
    try:
        IntakeService(other).receive(intake_doc(), actor="lan")
    finally:
        other.close()
    received = follower.wait_for(lambda c: c.type == "dossier.received")
    text = json.dumps(received.data, ensure_ascii=False) + received.entity_id
    for personal in ("Nguyễn Văn An", "079203001234", "0912345678", "Lê Lợi"):
        assert personal not in text
    assert received.entity == "dossier" and received.entity_id.startswith("000.00.06.H56-")


def test_a_rolled_back_write_is_not_announced(ctx: AppContext, follower: Follower) -> None:
    q = open_queue(ctx)
    with pytest.raises(NothingToDo):
        q.call_next(1, actor="lan")  # nobody waiting: nothing written
    q.issue("B", print_ticket=False, actor="kiosk")
    first = follower.wait_for(lambda c: not c.is_marker)
    assert first.type == "ticket.issued" and first.data["number"] == "B001"


def test_the_listener_comes_back_by_itself_and_replays_what_it_missed(ctx: AppContext, backend: str) -> None:
    """The office server drops the listening connection (a restart, a cut cable): the feed says it is
    offline, connects again by itself, and the change written meanwhile still arrives, once."""
    if backend != "postgresql":
        pytest.skip("SQLite has no connection to lose")
    name = f"live-test-{uuid.uuid4().hex[:8]}"
    follower = Follower(ctx, application_name=name)
    try:
        q = open_queue(ctx)
        with ctx.db.write() as s:
            s.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :n"),
                {"n": name},
            )
        q.issue("C", print_ticket=False, actor="kiosk")  # while the listener is gone or coming back
        follower.wait_for(lambda c: c.type == OFFLINE)
        after: list[Change] = []
        follower.wait_for(lambda c: after.append(c) or not c.is_marker)
        assert [c.type for c in after] == [RESYNC, "ticket.issued"] and after[-1].data["number"] == "C001"
        q.issue("C", print_ticket=False, actor="kiosk")
        nxt = follower.wait_for(lambda c: not c.is_marker)
        assert nxt.data["number"] == "C002"  # C001 came once, not again
    finally:
        follower.close()


def _reader(stream: Any, into: stdqueue.Queue[str]) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put("")


def _next_line(lines: stdqueue.Queue[str], deadline: float) -> str:
    line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
    assert line != "", "the stream ended"
    return line


def test_queue_watch_json_prints_another_process_events_and_ends_on_ctrl_c(
    ctx: AppContext, data_dir: Path
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "queue", "watch", "--json", "--data-dir", str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    out: stdqueue.Queue[str] = stdqueue.Queue()
    err: stdqueue.Queue[str] = stdqueue.Queue()
    for stream, into in ((proc.stdout, out), (proc.stderr, err)):
        threading.Thread(target=_reader, args=(stream, into), daemon=True).start()
    try:
        deadline = time.monotonic() + DEADLINE_S
        assert "Đang theo dõi hàng chờ" in _next_line(err, deadline)
        q = open_queue(ctx)
        q.issue("A", print_ticket=False, actor="kiosk")
        q.issue("A", print_ticket=False, actor="kiosk")
        q.call_next(3, actor="lan")
        q.recall(3, actor="lan")
        q.skip("A001", actor="lan")
        q.reactivate("A001", actor="lan")
        q.pause(3, "Nghỉ trưa", actor="lan")
        q.resume(3, actor="lan")
        q.call_next(3, actor="lan")  # A001 again: back in its original place, before A002
        q.transfer("A001", "B", actor="lan")
        q.call_next(4, service="B", actor="minh")
        q.finish("A001", actor="minh")
        expected = [
            ("issued", "A001", None),
            ("issued", "A002", None),
            ("called", "A001", 3),
            ("recalled", "A001", 3),
            ("skipped", "A001", 3),
            ("reactivated", "A001", None),
            ("paused", None, 3),
            ("resumed", None, 3),
            ("called", "A001", 3),
            ("transferred", "A001", None),
            ("called", "A001", 4),
            ("finished", "A001", 4),
        ]
        seen = []
        deadline = time.monotonic() + DEADLINE_S
        while len(seen) < len(expected):
            seen.append(json.loads(_next_line(out, deadline)))
        assert [(x["type"], x["number"], x["counter"]) for x in seen] == expected
        for x in seen:
            assert set(x) >= {"type", "number", "service", "counter", "at"}
            assert x["at"].endswith("+07:00")
        assert seen[6]["reason"] == "Nghỉ trưa"
        assert seen[9]["service"] == "B"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=DEADLINE_S) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_paused_counter_calls_nobody_until_it_resumes(data_dir: Path, ctx: AppContext) -> None:
    q = open_queue(ctx)
    q.issue("A", print_ticket=False, actor="kiosk")
    paused = run_cli("queue", "pause", "--counter", "3", "--reason", "Nghỉ trưa", data_dir=data_dir)
    assert paused.returncode == 0, paused.stderr
    assert paused.stdout.strip() == "Quầy 3 tạm nghỉ: Nghỉ trưa"
    refused = run_cli("queue", "call", "--counter", "3", data_dir=data_dir)
    assert refused.returncode == 2
    assert "quầy 3 đang tạm nghỉ (Nghỉ trưa)" in refused.stderr and "queue resume" in refused.stderr
    again = run_cli("queue", "pause", "--counter", "3", "--reason", "Họp", data_dir=data_dir)
    assert again.returncode == 2 and "đang tạm nghỉ" in again.stderr
    status = json.loads(run_cli("queue", "status", "--json", data_dir=data_dir).stdout)
    assert [(p["counter"], p["reason"]) for p in status["paused"]] == [(3, "Nghỉ trưa")]
    # Another counter is not held up by counter 3's pause.
    assert q.call_next(4, actor="minh").number == "A001"
    resumed = run_cli("queue", "resume", "--counter", "3", "--json", data_dir=data_dir)
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout)["paused"]["reason"] == "Nghỉ trưa"
    assert q.status().paused == []
    not_paused = run_cli("queue", "resume", "--counter", "3", data_dir=data_dir)
    assert not_paused.returncode == 2 and "không tạm nghỉ" in not_paused.stderr
    q.issue("A", print_ticket=False, actor="kiosk")
    assert q.call_next(3, actor="lan").number == "A002"


def test_an_empty_reason_is_refused_and_nothing_is_saved(ctx: AppContext) -> None:
    q = open_queue(ctx)
    proc = run_cli("queue", "pause", "--counter", "2", "--reason", "  ", data_dir=ctx.data_dir)
    assert proc.returncode == 2 and "Lý do tạm nghỉ" in proc.stderr
    assert q.pauses() == []


def test_a_pause_lasts_only_the_day_it_was_taken(ctx: AppContext, clock: Any) -> None:
    q = open_queue(ctx)
    q.pause(2, "Họp", actor="lan")
    assert [p.text for p in q.status().paused] == ["Quầy 2 tạm nghỉ: Họp"]
    clock.advance(days=1)
    assert q.status().paused == []
    q.issue("A", print_ticket=False, actor="kiosk")
    assert q.call_next(2, actor="lan").number == "A001"


def test_a_reactivated_no_show_waits_in_its_original_place(data_dir: Path) -> None:
    ctx = AppContext(data_dir)  # the real clock, as the command's
    request_close = ctx.close
    q = open_queue(ctx)
    for _ in range(3):
        q.issue("A", print_ticket=False, actor="kiosk")
    assert q.call_next(1, actor="lan").number == "A001"
    q.skip("A001", actor="lan")
    assert q.status().skipped == ["A001"]
    assert q.call_next(1, actor="lan").number == "A002"
    proc = run_cli("queue", "reactivate", "a1", "--json", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    back = json.loads(proc.stdout)
    assert (back["number"], back["status"], back["counter"]) == ("A001", "waiting", None)
    assert q.call_next(1, actor="lan").number == "A001"  # before A003: its place by issue time
    with pytest.raises(ConflictError, match="không phải số vắng mặt"):
        q.reactivate("A001", actor="lan")
    request_close()


def test_a_recall_is_marked_in_the_call_log(ctx: AppContext) -> None:
    q = open_queue(ctx)
    q.issue("A", print_ticket=False, actor="kiosk")
    q.call_next(2, actor="lan")
    q.recall(2, actor="lan")
    calls = q.calls_since(0)
    assert [(c.number, c.recall) for c in calls] == [("A001", False), ("A001", True)]


# --- many counters at once -----------------------------------------------------------------------------

CALLER = r"""
import json, sys, time
from pathlib import Path
from counter_app.errors import NothingToDo
from counter_app.services.context import AppContext
from counter_app.services.queue import open_queue

barrier, counter, data_dir = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
ctx = AppContext(data_dir)
q = open_queue(ctx)
q.status()  # connected and warm before the start
(barrier / f"ready-{counter}").touch()
deadline = time.monotonic() + 120
while not (barrier / "go").exists():
    if time.monotonic() > deadline:
        sys.exit("no start signal")
    time.sleep(0.001)
called = []
while True:
    try:
        called.append(q.call_next(counter, actor="").number)
    except NothingToDo:
        break
ctx.close()
print(json.dumps(called))
"""


def _issue_many(ctx: AppContext, total: int) -> list[str]:
    """`total` waiting tickets over lines A, B, C (every seventh a priority one), stored in one go: what
    the test is about is calling them, and issuing 2,000 one by one would take most of its time."""
    now = ctx.now()
    rows = []
    for i in range(total):
        line, seq = "ABC"[i % 3], i // 3 + 1
        rows.append(
            {
                "day": now.date(),
                "seq": seq,
                "number": f"{line}{seq:03d}",
                "service": line,
                "service_name": line,
                "priority": i % 7 == 0,
                "status": WAITING,
                "issued_at": now,
                "issued_by": "kiosk",
                "queued_at": now,
                "recalls": 0,
                "printed": False,
                "print_attempts": 0,
            }
        )
    with ctx.db.write() as s:
        s.execute(insert(QueueTicket), rows)
    return [str(r["number"]) for r in rows]


@pytest.mark.timeout(900)
def test_many_counters_calling_at_once_never_share_or_lose_a_ticket(
    data_dir: Path, backend: str, tmp_path: Path
) -> None:
    """10 counter processes press F6 in a loop from the same instant until nobody waits: every ticket
    is called exactly once (2,000 on the office's PostgreSQL; fewer on the one-PC SQLite file)."""
    total, procs_n = (2000, 10) if backend == "postgresql" else (300, 10)
    ctx = AppContext(data_dir)  # the real clock: the callers' "today"
    try:
        issued = _issue_many(ctx, total)
    finally:
        ctx.close()
    outs = run_together(
        tmp_path / "barrier",
        CALLER,
        str(data_dir),
        names=[str(c) for c in range(1, procs_n + 1)],
        ready_s=120,
        run_s=600,
    )
    per_counter = [json.loads(out) for out in outs]
    every = [n for called in per_counter for n in called]
    assert len(every) == len(set(every)), "a ticket was called to two counters"
    assert sorted(every) == sorted(issued), "a ticket was lost"
    assert sum(1 for called in per_counter if called) >= 2  # they really did call side by side
    ctx = AppContext(data_dir)
    try:
        status = open_queue(ctx).status()
        assert status.waiting_total() == 0
        assert len(status.serving) == sum(1 for called in per_counter if called)
    finally:
        ctx.close()
