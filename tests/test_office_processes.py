"""One office, many PCs, one PostgreSQL of the test's own (tests/office_db.py `private_server`): real
counter processes (the command line of three PCs), a kiosk and a board share it; a dossier crosses counters;
then the server is stopped and started while the windows run (offscreen, in this process, each with a
context of its own as on its own PC): the banner comes, writes are refused with the one sentence and
leave nothing behind, and everything resumes by itself once the server is back.

The shared test server (CITY_SERVER_PG_URL) is never stopped: other tests use it at the same time.
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
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import text

from counter_app.services.context import AppContext
from counter_app.storage_errors import EXIT_OFFICE_DOWN, OFFICE_DOWN
from tests import office_db
from tests.clerk_support import add_user, finish
from tests.conftest import ROOT, intake_doc, required_components, run_cli
from tests.forms_support import APPLICANT, FEE_PROCEDURE
from ui import jobs
from ui.clerk.main_window import MainWindow
from ui.clerk.services import ClerkServices
from ui.display.app import DisplayBoard
from ui.kiosk.app import KIOSK_DOWN, KioskWindow
from ui.live import live_changes
from ui.qt_app import make_app
from ui.rating.window import RatingWindow

# Waits for what a real server does (start, stop, a process starting Python and Qt), not timings under test.
SLOW_MS = 20_000


@pytest.fixture(scope="module")
def office_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[office_db.PrivateServer]:
    yield from office_db.module_server(tmp_path_factory)


def pc(root: Path, url: str, counter: int) -> Path:
    """The data dir of one PC of the office: its own folder and counter number, the office's database."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.toml").write_text(
        f'[database]\nurl = "{url}"\n\n[counter]\nnumber = {counter}\n', encoding="utf-8"
    )
    return root


def cli(data_dir: Path, *args: str, clerk: str | None = None, stdin: str | None = None) -> Any:
    extra = ["--clerk", clerk] if clerk else []
    proc = run_cli(*args, *extra, data_dir=data_dir, stdin=stdin, env={"COUNTER_APP_CLERK": ""})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout) if "--json" in args else proc.stdout


def intake_json(ctx: AppContext) -> str:
    doc = intake_doc(
        procedure=FEE_PROCEDURE,
        components=required_components(ctx, FEE_PROCEDURE),
        applicant=dict(APPLICANT),
    )
    return json.dumps(doc, ensure_ascii=False)


def test_three_counters_a_kiosk_and_a_board_serve_one_dossier_and_one_queue(
    tmp_path: Path, office_server: office_db.PrivateServer
) -> None:
    url = office_server.create_database("crossing")
    counters = [pc(tmp_path / f"counter{n}", url, n) for n in (1, 2, 3)]
    kiosk, board_pc = pc(tmp_path / "kiosk", url, 9), pc(tmp_path / "board", url, 9)
    ctx = AppContext(counters[2])  # the first start migrates the office database
    try:
        for name in ("lan", "hung", "mai"):
            add_user(ctx, name, "clerk", f"Cán bộ {name}")
        doc = intake_json(ctx)
    finally:
        ctx.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("COUNTER_APP_HOME", None)
    board = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "--data-dir", str(board_pc), "display"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ticket = cli(kiosk, "queue", "issue", "A", "--no-print", "--json")
        assert ticket["number"] == "A001"
        called = cli(counters[0], "queue", "call", "--counter", "1", "--json")
        assert called["number"] == "A001"  # the kiosk's ticket, called at another PC

        code = cli(counters[0], "dossier", "receive", "--json", "-", clerk="lan", stdin=doc)["code"]
        cli(counters[1], "payment", "record", code, "--method", "cash", "--amount", "15000", clerk="hung")
        cli(counters[2], "dossier", "status", code, "ready", clerk="mai")
        cli(counters[2], "dossier", "status", code, "returned", clerk="mai")
        offer = cli(counters[2], "rating", "offer", "return", code, "--json", clerk="mai")
        rated = cli(counters[2], "rating", "rate", str(offer["id"]), "satisfied", "--json")
        assert (rated["counter"], rated["clerk"], rated["level"]) == (3, "mai", "satisfied")

        shown = cli(kiosk, "dossier", "show", code, "--json")  # any PC finds it
        assert shown["counter"] == 1 and shown["status"] == "returned"
        steps = [(h["action"], h["to_status"], h["clerk"], h["counter"]) for h in shown["history"]]
        assert steps == [
            ("receive", "received", "lan", 1),
            ("status", "ready", "mai", 3),
            ("status", "returned", "mai", 3),
        ]
        paid = shown["payment"]
        assert paid["status"] == "paid" and [(p["clerk"], p["counter"]) for p in paid["payments"]] == [
            ("hung", 2)
        ]
        assert board.poll() is None, board.stderr.read() if board.stderr else ""  # the board ran all along
    finally:
        board.terminate()
        board.wait(timeout=30)


def _count(url: str, sql: str) -> int:
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)
    finally:
        engine.dispose()


def test_the_office_server_stopped_and_started_mid_run(
    qtbot: Any, tmp_path: Path, office_server: office_db.PrivateServer
) -> None:
    make_app()
    url = office_server.create_database("outage")
    clerk_pc = pc(tmp_path / "counter3", url, 3)
    contexts = [AppContext(clerk_pc)]
    user = add_user(contexts[0], "mai", "clerk", "Lê Thị Mai")
    doc = intake_json(contexts[0])
    code = cli(pc(tmp_path / "counter1", url, 1), "dossier", "receive", "--json", "-", stdin=doc)["code"]
    for name in ("kiosk", "board", "rating"):
        contexts.append(AppContext(pc(tmp_path / name, url, 3)))
    clerk_ctx, kiosk_ctx, board_ctx, rating_ctx = contexts
    window = MainWindow(ClerkServices.from_ctx(clerk_ctx), user)
    kiosk = KioskWindow(kiosk_ctx_queue(kiosk_ctx), db=kiosk_ctx.db, idle_seconds=60)
    # The board reads only when the office's change feed says so (its timer is an hour): after the restart
    # it must be the feed that reconnects and tells it (ui/live.py).
    board = DisplayBoard(
        kiosk_ctx_queue(board_ctx),
        db=board_ctx.db,
        poll_ms=3_600_000,
        clock=board_ctx.now,
        changes=live_changes(board_ctx.db),
    )
    rating = RatingWindow(rating_ctx, clerk="mai", poll_ms=500)
    for w in (window, kiosk, board, rating):
        qtbot.addWidget(w)
        w.show()
    try:
        banners = [window.office_banner, kiosk.office_banner, board.office_banner, rating.office_banner]
        assert all(b is not None and not b.showing for b in banners)
        qtbot.waitUntil(lambda: kiosk.lines != [], timeout=SLOW_MS)
        window.show_panel("board")
        qtbot.waitUntil(lambda: window.board_view.counts["today"] == 1, timeout=SLOW_MS)
        tables = ("dossiers", "dossier_history", "audit_log", "outbox", "queue_tickets")
        before = {t: _count(url, f"SELECT count(*) FROM {t}") for t in tables}

        office_server.stop()
        qtbot.waitUntil(lambda: all(b is not None and b.showing for b in banners), timeout=SLOW_MS)
        for b in banners:
            assert b is not None and b.text().startswith(OFFICE_DOWN)

        # The kiosk rests: no number can be taken, and it says so in the citizen's words.
        button = kiosk.service_button("A")
        assert not button.isEnabled() and kiosk.error_label.text() == KIOSK_DOWN
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert not kiosk.busy and kiosk.last is None

        # A clerk's write is refused with the one sentence, never an "unexpected error" box.
        view = window.board_view
        view.show_tab("today")
        view.tables["today"].selectRow(0)
        processing = view.action_buttons["processing"]
        qtbot.waitUntil(processing.isEnabled, timeout=SLOW_MS)
        qtbot.mouseClick(processing, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.board.busy, timeout=SLOW_MS)
        assert OFFICE_DOWN in view.action_message.text()
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

        # A read on the GUI thread that escapes a slot: no "unexpected error" box either (the banner says it).
        with pytest.raises(Exception) as escaped:
            with clerk_ctx.db.read() as s:
                s.execute(text("SELECT 1"))
        jobs.excepthook(escaped.type, escaped.value, escaped.tb)
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

        # Another PC's command line: the same sentence, its own exit status, nothing saved.
        refused = run_cli("dossier", "receive", "--json", "-", data_dir=clerk_pc, stdin=doc)
        assert refused.returncode == EXIT_OFFICE_DOWN
        assert OFFICE_DOWN in refused.stderr.splitlines()[0] and "Traceback" not in refused.stderr

        office_server.start()
        qtbot.waitUntil(lambda: all(b is not None and not b.showing for b in banners), timeout=SLOW_MS)
        assert {t: _count(url, f"SELECT count(*) FROM {t}") for t in tables} == before  # nothing half-saved

        # Everything resumes without restarting a window: the kiosk issues the day's first number…
        qtbot.waitUntil(lambda: kiosk.service_button("A").isEnabled(), timeout=SLOW_MS)
        with qtbot.waitSignal(kiosk.issued, timeout=SLOW_MS) as issued:
            qtbot.mouseClick(kiosk.service_button("A"), Qt.MouseButton.LeftButton)
        assert issued.args[0].number == "A001"
        # …the board shows it waiting, the clerk's write goes through, the command line works again.
        qtbot.waitUntil(lambda: "1 người chờ" in board.waiting_label.text(), timeout=SLOW_MS)
        # A call at another PC reaches the board through the reconnected feed.
        cli(pc(tmp_path / "counter1", url, 1), "queue", "call", "--counter", "1", "--json")
        qtbot.waitUntil(
            lambda: board.tiles.get(1) is not None and board.tiles[1].number.text() == "A001", timeout=SLOW_MS
        )
        view.show_tab("today")
        view.tables["today"].selectRow(0)
        qtbot.waitUntil(processing.isEnabled, timeout=SLOW_MS)
        qtbot.mouseClick(processing, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: code in view.action_message.text(), timeout=SLOW_MS)
        assert cli(clerk_pc, "dossier", "show", code, "--json")["status"] == "processing"
        assert cli(clerk_pc, "dossier", "receive", "--json", "-", stdin=doc)["status"] == "received"
        assert isinstance(kiosk.service_button("A"), QPushButton)
    finally:
        for w in (window, kiosk, board, rating):
            w.close()
        rating.shutdown()
        finish(qtbot)
        for c in contexts:
            c.close()


def kiosk_ctx_queue(ctx: AppContext) -> Any:
    from counter_app.services.queue import open_queue

    return open_queue(ctx)


def test_a_clerk_window_started_while_the_office_server_is_down_waits_on_the_login(
    qtbot: Any, tmp_path: Path, office_server: office_db.PrivateServer
) -> None:
    """ui/clerk/app.py ClerkStartup: no start-failure dialog; the login says the server is down, the clerk
    types meanwhile, and the login goes through by itself once the server answers again."""
    import argparse

    from counter_app.cli.runtime import CliApp
    from tests.clerk_support import PASSWORD, type_text
    from ui.clerk.app import RETRY_OPEN_MS, ClerkStartup

    make_app()
    url = office_server.create_database("down_at_start")
    clerk_pc = pc(tmp_path / "counter2", url, 2)
    ctx = AppContext(clerk_pc)  # migrated, with an account
    try:
        add_user(ctx, "lan.nt", "clerk", "Nguyễn Thị Lan")
    finally:
        ctx.close()
    office_server.stop()
    app = CliApp(argparse.Namespace(data_dir=str(clerk_pc), command="gui"))
    said: list[str] = []
    startup = ClerkStartup(app, show_failure=said.append)
    login = startup.login
    qtbot.addWidget(login)
    try:
        qtbot.waitUntil(lambda: login.office_banner.isVisible(), timeout=SLOW_MS)
        assert login.office_banner.text().startswith(OFFICE_DOWN) and "Quầy 2" in login.title.text()
        assert startup.session is None and startup.exit_code is None and said == []
        # The clerk does not wait for the server to type: the login waits for the database.
        login.activateWindow()
        qtbot.waitUntil(login.isActiveWindow)
        type_text(qtbot, login.username, "lan.nt")
        qtbot.keyClick(login.username, Qt.Key.Key_Return)
        type_text(qtbot, login.password, PASSWORD)
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
        office_server.start()
        # Opened at the next try (every RETRY_OPEN_MS), the login typed meanwhile goes through.
        assert RETRY_OPEN_MS <= 1000
        qtbot.waitUntil(
            lambda: startup.session is not None and startup.session.window is not None, timeout=SLOW_MS
        )
        assert startup.session is not None and startup.session.window is not None
        qtbot.addWidget(startup.session.window)
        assert startup.session.window.user.username == "lan.nt" and said == []
        assert not login.office_banner.isVisible()
    finally:
        if not office_server.running():
            office_server.start()
        finish(qtbot)
        app.close()
