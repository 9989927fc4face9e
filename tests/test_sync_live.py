"""The city sees the office live: one uploader at a time per office database (a lock, not luck), a live
run in office hours that uploads the queue (and says it is alive when there is nothing to send), and the
ticket page (/so-thu-tu) telling who is called, how many are ahead, an estimate and the age of its
figures. A real city server on 127.0.0.1; the counter on SQLite and on the office's PostgreSQL."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select, update

from city_server.ingest import server_now
from city_server.models import Counter
from counter_app.services.calendar import CalendarService
from counter_app.services.context import AppContext
from counter_app.services.live_sync import live_due, live_loop
from counter_app.services.queue import open_queue
from counter_app.services.sync import SyncService
from counter_app.services.upload_lock import BUSY, upload_lock
from counter_app.timeutil import VN_TZ
from db.models.sync import SyncRun
from tests.citykit import (  # noqa: F401 - fixtures
    City,
    city,
    city_module,
    client_event_ids,
    configure_counter,
    make_activity,
    new_counter,
    sync,
    wait_for,
)
from tests.conftest import FakeClock, run_cli


def _runs(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(SyncRun)) or 0)


def test_a_second_uploader_skips_while_the_first_holds_the_lock(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    make_activity(ctx, 2)
    with upload_lock(ctx) as first:
        assert first
        # Another uploader in this process (the clerk window's live run) and in another (the nightly
        # task, a second PC on the office database): both skip at once, nothing sent, nothing logged.
        skipped = sync(ctx, pull=False)
        assert (skipped.skipped, skipped.sent) == (BUSY, 0) and skipped.pending > 0
        cli = run_cli("sync", "--json", "--no-pull", data_dir=ctx.data_dir)
        assert cli.returncode == 0, cli.stderr
        assert json.loads(cli.stdout)["skipped"] == BUSY
        text = run_cli("sync", "--no-pull", data_dir=ctx.data_dir)
        assert "Bỏ qua lần đồng bộ này: đang có máy khác gửi" in text.stdout
        assert city.db.event_ids(cred["counter_id"]) == []
    done = sync(ctx, pull=False)
    assert done.skipped is None and done.sent == len(client_event_ids(ctx))


def test_a_live_run_uploads_and_says_it_is_alive_with_nothing_to_send(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    open_queue(ctx).issue("A", print_ticket=False, actor="kiosk")
    before = _runs(ctx)
    first = SyncService(ctx).run(trigger="live", live=True)
    assert first.sent >= 1 and _runs(ctx) == before + 1
    with city.db.store.write() as s:
        s.execute(
            update(Counter)
            .where(Counter.id == cred["counter_id"])
            .values(last_seen_at="2000-01-01T00:00:00+07:00")
        )
    idle = SyncService(ctx).run(trigger="live", live=True)
    # Nothing to send: an empty batch all the same, and no row in the sync log every 30 seconds.
    assert idle.sent == 0 and _runs(ctx) == before + 1
    with city.db.store.read() as s:
        seen = s.scalar(select(Counter.last_seen_at).where(Counter.id == cred["counter_id"]))
    assert seen is not None and seen[:10] == server_now()[:10]


def test_live_sync_runs_in_office_hours_only(ctx: AppContext, clock: FakeClock) -> None:
    def due(at: str) -> bool:
        return live_due(ctx, datetime.fromisoformat(at).replace(tzinfo=VN_TZ))

    # Monday 23/11/2026, office hours 07:30–11:30, 13:30–17:00; half an hour either side of the day.
    assert [due(f"2026-11-23T{t}") for t in ("06:59", "07:00", "12:00", "17:29", "17:30")] == [
        False,
        True,
        True,
        True,
        False,
    ]
    assert not due("2026-11-22T09:00")  # Sunday
    ctx.config.set("sync.live_seconds", 0)
    assert not due("2026-11-23T09:00")


def test_the_live_loop_follows_a_new_interval_set_on_another_pc_without_a_restart(
    ctx: AppContext, backend: str, tmp_path: Path
) -> None:
    ctx.config.set("sync.live_seconds", 3600)
    runs: list[float] = []
    stop = threading.Event()
    loop = threading.Thread(
        target=live_loop, args=(ctx, lambda: runs.append(time.monotonic())), kwargs={"stop": stop}
    )
    loop.start()
    try:
        wait_for(lambda: len(runs) == 1)  # at once, then not again for an hour…
        if backend == "postgresql":  # an office key: `config set` on another PC of the office
            other = tmp_path / "pc2"
            other.mkdir()
            url = ctx.config.database.url
            (other / "config.toml").write_text(f'[database]\nurl = "{url}"\n[counter]\nnumber = 2\n', "utf-8")
            proc = run_cli("config", "set", "sync.live_seconds", "1", data_dir=other)
            assert proc.returncode == 0, proc.stderr
        else:  # one PC: the settings window's way
            ctx.config.set("sync.live_seconds", 1)
        wait_for(lambda: len(runs) >= 3, timeout=30)  # …unless the interval changes meanwhile
    finally:
        stop.set()
        loop.join(timeout=30)
    assert not loop.is_alive()


def _serve_line(ctx: AppContext, clock: FakeClock) -> list[str]:
    """A morning at counter 1: eight A tickets issued, the first two served 3 minutes each, the third
    being served. Their numbers (A001… or the counter's block: docs/domain.md, Dossier code)."""
    queue = open_queue(ctx)
    numbers = []
    for _ in range(8):
        numbers.append(queue.issue("A", print_ticket=False, actor="kiosk").number)
        clock.advance(seconds=20)
    for _ in range(2):
        queue.call_next(1, actor="")
        clock.advance(minutes=3)  # the next call finishes this one
    queue.call_next(1, actor="")
    return numbers


def test_the_ticket_page_tells_who_is_called_how_many_wait_and_how_old_that_is(
    ctx: AppContext, city: City, clock: FakeClock
) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    clock.set(datetime.now(VN_TZ).replace(hour=9, minute=0, second=0, microsecond=0))
    a = _serve_line(ctx, clock)
    assert SyncService(ctx).run(trigger="live", live=True).rejected == 0
    params = {"so": a[7], "cq": ctx.agency_code}
    page = httpx.get(f"{city.url}/so-thu-tu", params=params, timeout=10)
    assert page.status_code == 200
    assert (
        f"Đang gọi số <b>{a[2]}</b> · trước bạn còn <b>4</b> người · dự kiến khoảng <b>12</b> phút · cập nhật lúc "
        in page.text
    )
    assert '<meta http-equiv="refresh" content="30">' in page.text and "Số liệu đã cũ" not in page.text
    live = httpx.get(f"{city.url}/api/v1/tickets", params=params, timeout=10).json()["live"]
    assert (live["calling"], live["ahead"], live["estimate_minutes"], live["stale"]) == (a[2], 4, 12, False)
    first = httpx.get(f"{city.url}/so-thu-tu", params={"so": a[3], "cq": ctx.agency_code}, timeout=10)
    assert "bạn là người tiếp theo" in first.text

    # Ten minutes without news from the counter: the page says its figures are old, and how old.
    old = (datetime.fromisoformat(server_now()) - timedelta(minutes=10)).isoformat()
    with city.db.store.write() as s:
        s.execute(update(Counter).where(Counter.agency_code == ctx.agency_code).values(last_seen_at=old))
    stale = httpx.get(f"{city.url}/so-thu-tu", params=params, timeout=10)
    assert "Số liệu đã cũ" in stale.text and "cách đây 10 phút" in stale.text
    # The live run brings it back.
    SyncService(ctx).run(trigger="live", live=True)
    assert "Số liệu đã cũ" not in httpx.get(f"{city.url}/so-thu-tu", params=params, timeout=10).text


def test_the_live_command_sends_one_line_per_run_in_office_hours(ctx: AppContext, city: City) -> None:
    cred = new_counter(city.db, ctx)
    configure_counter(ctx, city.url, cred)
    # The real clock in the subprocess: make today a working day open all day.
    ctx.config.update({"sync.live_seconds": 1, "office.hours": "00:00-24:00"})
    CalendarService(ctx).set_day(datetime.now(VN_TZ).date(), True, "kiểm thử", actor="admin")
    open_queue(ctx).issue("A", print_ticket=False, actor="kiosk")
    out = run_cli("sync", "--live", "--json", "--max-runs", "2", data_dir=ctx.data_dir)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 2 and lines[0]["sent"] >= 2 and lines[1]["sent"] == 0, lines
    assert "at" in lines[0] and len(city.db.event_ids(cred["counter_id"])) == lines[0]["accepted"]
    ctx.config.set("sync.live_seconds", 0)
    off = run_cli("sync", "--live", data_dir=ctx.data_dir)
    assert off.returncode == 2 and "sync.live_seconds" in off.stderr
