"""Helpers shared by the core tests (test_core_*.py): database snapshots and the CLI run in-process."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from counter_app.cli import main as cli_main
from counter_app.services.context import AppContext
from tests.conftest import ROOT


class RawDb:
    """A plain DB-API connection to a test's database on either backend, sqlite3-style: `execute(sql,
    params)` with `?` placeholders, `commit()`, `close()`. For checks under the services' feet."""

    def __init__(self, target: Path | AppContext) -> None:
        url = _office_url(target)
        self.postgres = bool(url)
        if url:
            import psycopg

            self.conn: Any = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        else:
            self.conn = sqlite3.connect(_sqlite_file(target))

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        if self.postgres:
            if not params:  # no parameters: psycopg then reads "%" as itself
                return self.conn.execute(sql)
            sql = sql.replace("?", "%s")
        return self.conn.execute(sql, params)

    def tables(self) -> list[str]:
        if self.postgres:
            q = "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY tablename"
        else:
            q = "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        return [r[0] for r in self.execute(q).fetchall()]

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


def _office_url(target: Path | AppContext) -> str:
    if isinstance(target, AppContext):
        return str(getattr(target.db, "url", "") or "")
    if target.is_dir():
        from counter_app.config import Config

        return Config(target / "config.toml").database.url
    return ""


def _sqlite_file(target: Path | AppContext) -> Path:
    if isinstance(target, AppContext):
        assert target.db.path is not None
        return target.db.path
    return target / "counter.sqlite" if target.is_dir() else target


def snapshot(target: Path | AppContext) -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row, for every table (outbox, audit, sequences, FTS shadows …) of
    the database of `target` (a SQLite file, a data dir, or a context; either backend).

    Two equal snapshots mean nothing at all was written in between.
    """
    conn = RawDb(target)
    try:
        out: dict[str, tuple[int, str]] = {}
        for t in conn.tables():
            rows = conn.execute(f'SELECT * FROM "{t}"').fetchall()
            digest = hashlib.sha1(repr(sorted(map(repr, rows))).encode()).hexdigest()
            out[t] = (len(rows), digest)
        return out
    finally:
        conn.close()


def ctx_snapshot(ctx: AppContext) -> dict[str, tuple[int, str]]:
    return snapshot(ctx)


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


def table_count(
    target: Path | AppContext, table: str, where: str = "1=1", params: tuple[Any, ...] = ()
) -> int:
    conn = RawDb(target)
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', params).fetchone()[0])
    finally:
        conn.close()


def run_together(
    barrier: Path,
    script: str,
    *args: str,
    names: Sequence[str] = ("p1", "p2"),
    ready_s: float = 60,
    run_s: float = 120,
) -> list[str]:
    """Start one worker per name (`script` gets the barrier folder, its name, then `args`), release them
    at once when every one has written `ready-NAME` there, return their stdout (asserting each succeeded).
    """
    barrier.mkdir(exist_ok=True)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(barrier), name, *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    try:
        deadline = time.monotonic() + ready_s
        while not all((barrier / f"ready-{n}").exists() for n in names):
            assert all(p.poll() is None for p in procs), [p.communicate() for p in procs if p.poll()]
            assert time.monotonic() < deadline, "workers never got ready"
            time.sleep(0.01)
        (barrier / "go").touch()
        results = [p.communicate(timeout=run_s) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
    return [out for out, _ in results]
