#!/usr/bin/env python3
"""Clerk window benchmark: how long the GUI thread is busy for the things a clerk does all day.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/clerk_bench.py [--dossiers 1000] [--rounds 30]

Everything slow (database, printing) already runs in jobs; these are the parts that stay on the GUI
thread, each of which must stay well under 100 ms (target: p95 ≤ 30 ms on a clerk's PC):
1. opening the main window (once per login);
2. one keystroke in the procedure search (filter + list refill);
3. picking a procedure (the papers checklist is rebuilt);
4. a CCCD scan (~110 key events + filling the applicant);
5. rendering a board snapshot of --dossiers dossiers into the four tabs;
and, for information, the time the board's snapshot query takes in its job.

Then the board's snapshot as the office grows (`--open`, default 10,000 open dossiers spread over three
months, benchmarks/board_fixture.py), on SQLite and, with `--pg-url` (any database on a PostgreSQL server;
a scratch database is made and dropped), on the office's PostgreSQL. Target: ≤ 50 ms per snapshot on
both. Printed beside it, from the same run: a bare baseline (the same rows read through the DB-API with
no application code) and the board's earlier way (four `DossierService.list` calls of full views).

    .venv/bin/python benchmarks/clerk_bench.py --open 10000 --pg-url postgresql+psycopg://postgres@127.0.0.1:55432/postgres
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from counter_app.services.board import TABS, BoardService  # noqa: E402
from counter_app.services.catalog import CatalogService  # noqa: E402
from counter_app.services.context import AppContext  # noqa: E402
from counter_app.services.intake import IntakeService  # noqa: E402
from counter_app.services.users import UserService  # noqa: E402
from counter_app.timeutil import parse_local  # noqa: E402
from ui.clerk.common import jobs_in_flight  # noqa: E402
from ui.clerk.main_window import MainWindow  # noqa: E402
from ui.clerk.services import ClerkServices  # noqa: E402
from ui.qt_app import make_app  # noqa: E402

CARD = (
    "079203001234|025123456|Nguyễn Thị Bích Ngọc|15041990|Nữ|45 Nguyễn Huệ, Phường Bến Nghé, Quận 1|20052021"
)


def settle(app: QApplication) -> None:
    while jobs_in_flight():
        app.processEvents()
    for _ in range(3):
        app.processEvents()


def timed(fn: Callable[[], object], app: QApplication) -> float:
    """Milliseconds of GUI-thread work, including the posted events (layout, paint) it caused."""
    start = time.perf_counter()
    fn()
    for _ in range(2):
        app.processEvents()
    return (time.perf_counter() - start) * 1000


def report(name: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(
        f"{name:<46} median {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms   max {samples[-1]:7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument(
        "--open", type=int, default=10_000, help="open dossiers for the snapshot part (0: skip)"
    )
    parser.add_argument("--pg-url", default="", help="a PostgreSQL server for the office backend's figures")
    parser.add_argument("--snapshot-only", action="store_true", help="only the grown office's snapshot")
    args = parser.parse_args()
    if args.snapshot_only:
        return grown_office(args)
    app = make_app()
    now = parse_local("2026-11-23T09:00")
    ctx = AppContext(Path(tempfile.mkdtemp()), clock=lambda: now)
    # One counter taking every number of the day (a standalone counter's own block stops at 999 a day:
    # counter_app/services/numbering.py), so that --dossiers may go past it.
    ctx.config.set("counter.number_block", "office")
    user = UserService(ctx).add("admin", "Trần Thị Mai", "admin", "matkhau-123", actor="system")
    required = [
        {"name": c.name, "kind": c.kind, "count": c.count}
        for c in CatalogService(ctx).get("1.001193").components
        if c.required
    ]
    intake = IntakeService(ctx)
    t = time.perf_counter()
    for i in range(args.dossiers):
        intake.receive(
            {
                "procedure": "1.001193",
                "components": required,
                "applicant": {
                    "full_name": "Nguyễn Văn An",
                    "id_number": "079203001234",
                    "phone": f"09{i:08d}",
                    "address": "12 Lê Lợi",
                },
            },
            actor="admin",
        )
    print(f"(fixture: {args.dossiers} dossiers received in {time.perf_counter() - t:.1f} s)")
    services = ClerkServices.from_ctx(ctx)

    opens = []
    window: MainWindow | None = None
    for _ in range(max(3, args.rounds // 10)):
        if window is not None:
            window.close()
            window.deleteLater()
            settle(app)

        def build() -> None:
            nonlocal window
            window = MainWindow(services, user)
            window.resize(1366, 768)
            window.show()

        opens.append(timed(build, app))
        settle(app)
    assert window is not None
    report("open the main window", opens)

    v, c = window.intake_view, window.intake
    v.proc_search.setFocus()
    keys = []
    for _ in range(args.rounds):
        v.proc_search.clear()
        for ch in "chung thuc":
            keys.append(timed(lambda ch=ch: v.proc_search.insert(ch), app))
    report("one keystroke in the procedure search", keys)

    picks = []
    for i in range(args.rounds):
        code = ("1.001193", "2.000815", "1.000689")[i % 3]
        picks.append(timed(lambda code=code: c.pick(code), app))
        settle(app)
    report("pick a procedure (papers rebuilt)", picks)

    scans = []
    field = v.fields["phone"]
    field.setFocus()

    def scan() -> None:
        for ch in CARD:
            for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    field, QKeyEvent(etype, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )
        for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(etype, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))

    for _ in range(args.rounds):
        field.setFocus()
        scans.append(timed(scan, app))
        assert v.fields["full_name"].text() == "Nguyễn Thị Bích Ngọc"
    report(f"CCCD scan ({len(CARD) + 1} keys, fill the form)", scans)

    queries = []
    snap = None
    for _ in range(max(3, args.rounds // 5)):
        t = time.perf_counter()
        snap = services.board.snapshot()
        queries.append((time.perf_counter() - t) * 1000)
    report(f"board snapshot query, in its job ({args.dossiers})", queries)
    assert snap is not None
    window.show_panel("board")
    settle(app)
    renders = []
    for _ in range(args.rounds):
        renders.append(timed(lambda: window.board._render(snap, window.board._load_ticket), app))
    report(f"render the board ({sum(len(snap.tab(k)) for k in TABS)} rows in 4 tabs)", renders)
    window.close()
    ctx.close()
    return grown_office(args) if args.open else 0


def grown_office(args: argparse.Namespace) -> int:
    from board_fixture import bare_baseline, fill_office, old_snapshot

    rounds = max(5, args.rounds // 3)
    now = parse_local("2026-11-23T09:00")
    backends: list[tuple[str, str]] = [("sqlite", "")]
    if args.pg_url:
        backends.append(("postgresql", args.pg_url))
    for name, server in backends:
        with office_dir(server) as folder:
            ctx = AppContext(folder, clock=lambda: now)
            t = time.perf_counter()
            fill_office(ctx, args.open, closed=args.open)
            print(
                f"\n[{name}] {args.open} open + {args.open} returned dossiers written in "
                f"{time.perf_counter() - t:.1f} s"
            )
            board = BoardService(ctx)
            board.snapshot()  # warm: caches, the calendar, the pool's connection
            snaps, mine, bare, old = [], [], [], []
            snap = board.snapshot()
            for _ in range(rounds):
                bare.append(bare_baseline(ctx, snap))
                t = time.perf_counter()
                snap = board.snapshot()
                snaps.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                board.snapshot(clerk="mai", counter=2)
                mine.append((time.perf_counter() - t) * 1000)
            for _ in range(min(3, rounds)):
                t = time.perf_counter()
                old_snapshot(ctx)
                old.append((time.perf_counter() - t) * 1000)
            rows = sum(snap.counts().values())
            totals = ", ".join(f"{k} {snap.total(k)}" for k in TABS)
            report(f"[{name}] bare baseline: same {rows} rows, DB-API", bare)
            report(f"[{name}] board snapshot, whole office ({totals})", snaps)
            report(f"[{name}] board snapshot, 'mine' (clerk + counter)", mine)
            report(f"[{name}] earlier: four lists of full views", old)
            base = statistics.median(bare)
            print(
                f"[{name}] snapshot / bare baseline: {statistics.median(snaps) / base:.1f}×   "
                f"earlier / snapshot: {statistics.median(old) / statistics.median(snaps):.0f}×   "
                f"target ≤ 50 ms: {'met' if statistics.median(snaps) <= 50 else 'NOT met'}"
            )
            ctx.close()
    return 0


@contextmanager
def office_dir(server: str) -> Iterator[Path]:
    """A data dir on SQLite, or one whose database.url names a scratch database on `server`."""
    folder = Path(tempfile.mkdtemp())
    if not server:
        yield folder
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"clerk_bench_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    (folder / "config.toml").write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    try:
        yield folder
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
