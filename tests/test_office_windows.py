"""The citizens' screens of an office PC (kiosk, board, rating screen) and the office server going away, on
a PostgreSQL of the test's own (tests/office_db.py `private_server`, stopped and started at will):

- the outage banner speaks the citizen's language on the rating screen, like the rest of that screen;
- a screen started while the server is down opens with the banner instead of a start-failure dialog, and
  carries on by itself once the server is back (ui/office_wait.py), as a real `counter-app kiosk|display|
  rating` process and in this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from counter_app.services.context import AppContext
from counter_app.services.queue import open_queue
from counter_app.storage_errors import OFFICE_DOWN, OfficeServerDown, storage_failure
from tests import office_db
from tests.clerk_support import finish
from tests.conftest import ROOT, run_cli
from ui.display.app import DISPLAY_DOWN, DisplayBoard
from ui.kiosk.app import KIOSK_DOWN, KioskWindow
from ui.office_wait import OfficeWaitScreen
from ui.qt_app import make_app
from ui.rating.window import RATING_DOWN, RatingWindow

TWO_SCREENS = ROOT / "tests" / "qt-two-screens.json"
# Waits for what a real server does (start, stop, a process starting Python and Qt), not timings under test.
SLOW_MS = 30_000


@pytest.fixture(scope="module")
def office_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[office_db.PrivateServer]:
    yield from office_db.module_server(tmp_path_factory)


@pytest.fixture
def running(office_server: office_db.PrivateServer) -> Iterator[office_db.PrivateServer]:
    """The private server, started again after the test whatever happened (the next test needs it)."""
    yield office_server
    if not office_server.running():
        office_server.start()


def pc(root: Path, url: str, counter: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.toml").write_text(
        f'[database]\nurl = "{url}"\n\n[counter]\nnumber = {counter}\n', encoding="utf-8"
    )
    return root


def _migrated(url: str, folder: Path) -> None:
    AppContext(pc(folder, url, 1)).close()  # the office's first PC made the database


def _is_outage(exc: BaseException) -> bool:
    return isinstance(storage_failure(exc, None), OfficeServerDown)


def test_the_outage_banner_speaks_the_citizens_language_on_the_rating_screen(
    qtbot: Any, tmp_path: Path, running: office_db.PrivateServer
) -> None:
    make_app()
    url = running.create_database("rating_language")
    ctx = AppContext(pc(tmp_path / "rating", url, 3))
    rating = RatingWindow(ctx, poll_ms=500)
    qtbot.addWidget(rating)
    rating.resize(1024, 600)
    rating.show()
    try:
        running.stop()
        banner = rating.office_banner
        qtbot.waitUntil(lambda: banner.showing, timeout=SLOW_MS)
        assert banner.text() == RATING_DOWN and banner.text().startswith(OFFICE_DOWN)
        qtbot.mouseClick(rating.lang_button, Qt.MouseButton.LeftButton)  # the citizen's "English"
        assert rating.lang == "en" and rating.lang_button.text() == "Tiếng Việt"
        assert banner.text().startswith("The connection to the office server is lost")
        assert "ratings cannot be recorded just now" in banner.text()
        rating.grab().save(str(tmp_path / "rating-down-en.png"))
        qtbot.mouseClick(rating.lang_button, Qt.MouseButton.LeftButton)
        assert banner.text() == RATING_DOWN
        running.start()
        qtbot.waitUntil(lambda: not banner.showing, timeout=SLOW_MS)
    finally:
        rating.shutdown()
        finish(qtbot)
        ctx.close()


def test_screens_started_while_the_office_server_is_down_wait_on_screen_then_open(
    qtbot: Any, tmp_path: Path, running: office_db.PrivateServer
) -> None:
    make_app()
    url = running.create_database("started_down")
    _migrated(url, tmp_path / "first")
    running.stop()
    folders = {name: pc(tmp_path / name, url, 3) for name in ("kiosk", "display", "rating")}
    screens = {
        name: OfficeWaitScreen(name, lambda f=folder: AppContext(f), _is_outage, every_s=0.5)
        for name, folder in folders.items()
    }
    contexts: dict[str, AppContext] = {}
    windows: list[Any] = []
    try:
        for screen in screens.values():
            qtbot.addWidget(screen)
            screen.resize(1024, 600)
            screen.show()
        texts = {name: s.banner.text() for name, s in screens.items()}
        assert texts == {"kiosk": KIOSK_DOWN, "display": DISPLAY_DOWN, "rating": RATING_DOWN}
        assert all(s.showing for s in screens.values())
        qtbot.waitUntil(lambda: all(s.attempts >= 2 for s in screens.values()), timeout=SLOW_MS)

        for name, screen in screens.items():
            screen.opened.connect(lambda ctx, n=name: contexts.__setitem__(n, ctx))
        running.start()
        qtbot.waitUntil(lambda: len(contexts) == 3, timeout=SLOW_MS)

        # The real windows open on what was waited for, and work: the kiosk issues the day's first number.
        kiosk = KioskWindow(open_queue(contexts["kiosk"]), db=contexts["kiosk"].db, idle_seconds=60)
        board = DisplayBoard(
            open_queue(contexts["display"]), db=contexts["display"].db, clock=contexts["display"].now
        )
        rating = RatingWindow(contexts["rating"], poll_ms=500)
        windows = [kiosk, board, rating]
        for w in windows:
            qtbot.addWidget(w)
            w.show()
        qtbot.waitUntil(lambda: kiosk.lines != [] and kiosk.service_button("A").isEnabled(), timeout=SLOW_MS)
        with qtbot.waitSignal(kiosk.issued, timeout=SLOW_MS) as issued:
            qtbot.mouseClick(kiosk.service_button("A"), Qt.MouseButton.LeftButton)
        assert issued.args[0].number == "A001"
        qtbot.waitUntil(lambda: "1 người chờ" in board.waiting_label.text(), timeout=SLOW_MS)
        assert not any(w.office_banner.showing for w in windows)
    finally:
        for s in screens.values():
            s.stop()
        for w in windows:
            w.close()
        if windows:
            windows[2].shutdown()
        finish(qtbot)
        for c in contexts.values():
            c.close()


def _office_roles(data_dir: Path) -> set[str]:
    proc = run_cli("office", "status", "--json", data_dir=data_dir)
    if proc.returncode != 0:
        return set()
    return {p["role"] for p in json.loads(proc.stdout)["pcs"]}


def test_kiosk_board_and_rating_processes_started_while_the_office_server_is_down_carry_on_by_themselves(
    tmp_path: Path, running: office_db.PrivateServer
) -> None:
    url = running.create_database("processes_down")
    _migrated(url, tmp_path / "first")
    running.stop()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("COUNTER_APP_HOME", None)
    env.pop("COUNTER_APP_SCREENSHOT", None)
    procs: dict[str, subprocess.Popen[str]] = {}
    try:
        for name in ("kiosk", "display", "rating"):
            folder = pc(tmp_path / name, url, 3)
            # The rating screen's PC has a monitor facing the citizen: that is where it waits too.
            platform = f"offscreen:configfile={TWO_SCREENS}" if name == "rating" else "offscreen"
            procs[name] = subprocess.Popen(
                [sys.executable, "-m", "counter_app", "--data-dir", str(folder), name],
                cwd=ROOT,
                env={**env, "QT_QPA_PLATFORM": platform},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )

        def waiting(name: str) -> str:
            log = tmp_path / name / "logs" / f"{name}.log"
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            return next((line for line in text.splitlines() if "waits for it" in line), "")

        office_db_wait(lambda: all(waiting(n) for n in procs), procs)  # the waiting screen, not a dialog
        assert "DISPLAY2-CITIZEN" in waiting("rating")  # not full screen over the clerk's monitor
        running.start()
        # Each window runs for real once the server answers: its heartbeat reaches the office.
        office_db_wait(lambda: _office_roles(tmp_path / "first") >= {"kiosk", "board", "rating"}, procs)
    finally:
        for p in procs.values():
            p.terminate()
        for p in procs.values():
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def office_db_wait(condition: Any, procs: dict[str, subprocess.Popen[str]], timeout_s: float = 60) -> None:
    """Poll `condition` while the processes run; a process that ended is a failure with its stderr."""
    import time

    deadline = time.monotonic() + timeout_s
    while not condition():
        for name, p in procs.items():
            if p.poll() is not None:
                raise AssertionError(f"{name} ended ({p.returncode}): {p.stderr.read() if p.stderr else ''}")
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.2)
