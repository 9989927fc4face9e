"""The sync in the clerk window: a manual run with its progress bar, the schedule firing at sync.time,
the catch-up at start, and a failed night shown the next morning (real window, real city server)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.services.city_link import SyncError
from counter_app.services.context import AppContext
from counter_app.services.queue import open_queue
from counter_app.services.sync import SyncResult, SyncService
from db.models.sync import SyncRun
from tests.citykit import ServerDb, configure_counter, free_port, make_activity, new_counter, serve, sync
from tests.clerk_support import SHOTS, add_user, finish, open_window
from tests.conftest import FakeClock, run_cli
from ui.clerk import sync_controller
from ui.clerk.services import ClerkServices

pytest_plugins = ["tests.clerk_fixtures"]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    db = ServerDb("sqlite", tmp_path)
    gen = serve(db, faults=True)
    srv, faults = next(gen)
    srv.db, srv.faults = db, faults
    try:
        yield srv
    finally:
        gen.close()
        db.close()


def _open(qtbot: Any, ctx: AppContext, languages: Any) -> Any:
    window = open_window(qtbot, ClerkServices.from_ctx(ctx), add_user(ctx), languages)
    controller = window.sync_controller
    qtbot.waitUntil(lambda: controller.action in window.view_menu.actions(), timeout=5000)
    return window, controller


def _runs(ctx: AppContext) -> list[tuple[str, bool]]:
    with ctx.db.read() as s:
        return [(r.trigger, r.ok) for r in s.scalars(select(SyncRun).order_by(SyncRun.id))]


def test_manual_sync_shows_progress_then_the_new_status(
    qtbot: Any, ctx: AppContext, server: Any, languages: Any
) -> None:
    configure_counter(ctx, server.url, new_counter(server.db, ctx))
    ctx.config.update({"sync.batch_size": 3})
    make_activity(ctx, 4)
    total = SyncService(ctx).state()["pending"]
    window, controller = _open(qtbot, ctx, languages)
    seen: list[tuple[int, int]] = []
    controller.progressed.connect(lambda done, of: seen.append((done, of)))
    server.faults.delay_s = 0.15  # slow enough to look at the bar while it runs

    with qtbot.waitSignal(controller.finished, timeout=30_000) as done:
        assert controller.start("manual")
        assert not controller.start("manual")  # one run at a time
        qtbot.waitUntil(lambda: controller.progress.maximum() == total and controller.progress.value() >= 3)
        assert controller.progress.isVisible() and not controller.action.isEnabled()
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "sync_progress.png"))

    assert isinstance(done.args[0], SyncResult) and done.args[0].pending == 0
    assert seen[-1] == (total, total)
    assert not controller.progress.isVisible() and controller.action.isEnabled()
    qtbot.waitUntil(lambda: window.status.status is not None and window.status.status.pending == 0)
    assert "0" in window.status.pending.text() and window.status.status.last_success is not None
    assert _runs(ctx) == [("manual", True)]
    finish(qtbot)


def test_a_failed_night_is_shown_the_next_morning(
    qtbot: Any, ctx: AppContext, clock: FakeClock, server: Any, languages: Any
) -> None:
    cred = new_counter(server.db, ctx)
    configure_counter(ctx, f"http://127.0.0.1:{free_port()}", cred)  # the server was down that night
    make_activity(ctx, 1, advance=False)
    clock.set("2026-11-23T21:00")
    with pytest.raises(SyncError):
        sync(ctx)
    clock.set("2026-11-24T07:35")  # next morning
    configure_counter(ctx, server.url, cred)

    window, controller = _open(qtbot, ctx, languages)

    qtbot.waitUntil(lambda: controller.notice.isVisible())
    assert "21:00 23/11/2026" in controller.notice.text() and "không thành công" in controller.notice.text()
    assert "kết nối" in controller.notice.toolTip()
    assert "không đồng bộ được" in controller.notice.text()  # the reason is read without a mouse
    assert controller.retry_button.isVisible()
    window.grab().save(str(SHOTS / "sync_failed_night.png"))
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.retry_button.click()
    assert not controller.notice.isVisible()
    assert SyncService(ctx).state()["pending"] == 0
    finish(qtbot)


def test_catch_up_at_start_and_the_nightly_schedule(
    qtbot: Any,
    ctx: AppContext,
    clock: FakeClock,
    server: Any,
    languages: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_controller, "CATCH_UP_DELAY_MS", 50)
    configure_counter(ctx, server.url, new_counter(server.db, ctx))
    make_activity(ctx, 1)
    clock.set("2026-11-23T20:59:59")
    window, controller = _open(qtbot, ctx, languages)

    # Never synced: a catch-up starts by itself shortly after the window opens (it may already have
    # ended while the window was opening, so wait for its outcome, not for its signal).
    qtbot.waitUntil(lambda: _runs(ctx) == [("catch-up", True)] and not controller.running, timeout=30_000)
    assert _runs(ctx) == [("catch-up", True)]
    # The next run is armed for sync.time (21:00); when the time has come, it runs.
    assert controller.next_at is not None and controller.next_at.isoformat() == "2026-11-23T21:00:00+07:00"
    make_activity(ctx, 1, advance=False)
    clock.set("2026-11-23T21:00:01")
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        pass
    assert _runs(ctx)[-1] == ("schedule", True)
    assert controller.next_at.isoformat() == "2026-11-24T21:00:00+07:00"
    assert SyncService(ctx).state()["pending"] == 0
    finish(qtbot)


def test_the_live_run_goes_up_quietly_off_the_gui_thread_in_office_hours(
    qtbot: Any, ctx: AppContext, server: Any, languages: Any, clock: FakeClock
) -> None:
    window, controller = _open(qtbot, ctx, languages)  # not configured yet: no catch-up run at start
    assert controller.live_timer.isActive() and controller.live_timer.interval() == 30_000
    cred = new_counter(server.db, ctx)
    configure_counter(ctx, server.url, cred)
    open_queue(ctx).issue("A", print_ticket=False, actor="kiosk")
    threads: list[threading.Thread] = []
    job = controller._live_job

    def spy() -> Any:
        threads.append(threading.current_thread())
        return job()

    controller._live_job = spy  # type: ignore[method-assign]
    with qtbot.waitSignal(controller.live_finished, timeout=30_000) as done:
        assert controller.live_tick()  # what the timer does every sync.live_seconds
        assert not controller.progress.isVisible()  # quiet: no progress bar
    result = done.args[0]
    assert isinstance(result, SyncResult) and result.sent >= 1
    assert threads and threads[0] is not threading.main_thread()
    assert len(server.db.event_ids(cred["counter_id"])) == result.accepted
    # Sunday: not office hours, nothing is sent.
    clock.set("2026-11-22T09:00")
    with qtbot.waitSignal(controller.live_finished, timeout=30_000) as idle:
        assert controller.live_tick()
    assert idle.args[0] is None
    finish(qtbot)


def test_the_live_interval_follows_sync_live_seconds_set_on_another_pc_without_a_restart(
    qtbot: Any, ctx: AppContext, languages: Any, backend: str, tmp_path: Path
) -> None:
    window, controller = _open(qtbot, ctx, languages)
    assert controller.live_timer.interval() == 30_000
    if backend == "postgresql":  # an office key: `config set` on another PC of the office
        store = ctx.config.office_store
        assert store is not None
        store.ttl_s = store.listening_ttl_s = 3600.0  # only the office's change feed can bring it
        qtbot.waitUntil(lambda: store.listening, timeout=20_000)  # the clerk window follows it
        other = tmp_path / "pc2"
        other.mkdir()
        url = ctx.config.database.url
        (other / "config.toml").write_text(f'[database]\nurl = "{url}"\n[counter]\nnumber = 2\n', "utf-8")
        for value in ("5", "0", "12"):
            proc = run_cli("config", "set", "sync.live_seconds", value, data_dir=other)
            assert proc.returncode == 0, proc.stderr
            if value == "0":
                qtbot.waitUntil(lambda: not controller.live_timer.isActive(), timeout=20_000)
            else:
                want = int(value) * 1000
                qtbot.waitUntil(
                    lambda w=want: controller.live_timer.isActive() and controller.live_timer.interval() == w,
                    timeout=20_000,
                )
    else:  # one PC: the settings window's way
        ctx.config.set("sync.live_seconds", 5)
        qtbot.waitUntil(lambda: controller.live_timer.interval() == 5_000, timeout=20_000)
        ctx.config.set("sync.live_seconds", 0)
        qtbot.waitUntil(lambda: not controller.live_timer.isActive(), timeout=20_000)
    finish(qtbot)
