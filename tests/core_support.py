"""Helpers shared by the core tests (test_core_*.py): database snapshots and the CLI run in-process."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from counter_app.cli import main as cli_main
from counter_app.services.context import AppContext


def snapshot(db_file: Path) -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row, for every table (outbox, audit, sequences, FTS shadows …).

    Two equal snapshots mean nothing at all was written in between.
    """
    conn = sqlite3.connect(db_file)
    try:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        out: dict[str, tuple[int, str]] = {}
        for t in tables:
            rows = conn.execute(f'SELECT * FROM "{t}"').fetchall()
            digest = hashlib.sha1(repr(sorted(map(repr, rows))).encode()).hexdigest()
            out[t] = (len(rows), digest)
        return out
    finally:
        conn.close()


def ctx_snapshot(ctx: AppContext) -> dict[str, tuple[int, str]]:
    return snapshot(ctx.db.path)


def run_main(*args: str, data_dir: Path) -> tuple[int, str, str]:
    """`counter-app ARGS --data-dir D` in this process (same code path as the console script, much faster
    than a subprocess); returns (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            rc = cli_main([*args, "--data-dir", str(data_dir)])
        except SystemExit as exc:  # argparse refusals
            rc = int(exc.code or 0)
    return rc, out.getvalue(), err.getvalue()


def table_count(db_file: Path, table: str, where: str = "1=1", params: tuple[Any, ...] = ()) -> int:
    conn = sqlite3.connect(db_file)
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', params).fetchone()[0])
    finally:
        conn.close()
