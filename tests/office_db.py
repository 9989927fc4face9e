"""Throwaway office databases (PostgreSQL) for tests: one migrated template per test process, one copy per
test. The server is the one `.ci/run` starts (.ci/postgres.sh); without it the PostgreSQL variants skip."""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

# COUNTER_APP_TEST_PG_URL names any database on the server (CI: the city tests' one, CITY_SERVER_PG_URL).
SERVER_URL = os.environ.get("COUNTER_APP_TEST_PG_URL") or os.environ.get("CITY_SERVER_PG_URL") or ""
SKIP_REASON = "no PostgreSQL for the office backend (set CITY_SERVER_PG_URL; .ci/postgres.sh starts one)"
# Names made by this test process carry its own token: several runs may share the server.
_RUN = uuid.uuid4().hex[:8]


def available() -> bool:
    return bool(SERVER_URL) and make_url(SERVER_URL).get_backend_name() == "postgresql"


def database_url(name: str) -> str:
    return (
        make_url(SERVER_URL)
        .set(drivername="postgresql+psycopg", database=name)
        .render_as_string(hide_password=False)
    )


_admin: Engine | None = None


def _admin_engine() -> Engine:
    global _admin
    if _admin is None:
        _admin = create_engine(database_url("postgres"), isolation_level="AUTOCOMMIT", pool_size=1)
    return _admin


def create_database(template: str | None = None) -> str:
    """A new empty database (or a copy of `template`); its name."""
    name = f"ctr_{_RUN}_{uuid.uuid4().hex[:10]}"
    with _admin_engine().connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    return name


def drop_database(name: str) -> None:
    with _admin_engine().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def scratch_database(template: str | None = None) -> Iterator[str]:
    """The URL of a database that lives as long as the `with` block."""
    name = create_database(template)
    try:
        yield database_url(name)
    finally:
        drop_database(name)


# --- a private PostgreSQL server, for tests that stop and start it ----------------------------------------
# The shared server above serves every test at once and must never be stopped: a test about the office server
# going away makes its own cluster (initdb, fsync off, a free port on 127.0.0.1), stops and starts it at will
# and removes it afterwards. As root the server runs as the "postgres" user, as .ci/postgres.sh does.


def _pg_bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: [int(x) for x in re.findall(r"\d+", p)]
    )
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateServer:
    """A PostgreSQL cluster of the test's own: `start()`, `stop()` (fast: clients are cut off as in a crash
    or a reboot of the office server), `url(name)`, `close()` (stop and remove)."""

    def __init__(self, root: Path, bin_dir: Path) -> None:
        self.root, self.bin = root, bin_dir
        self.data = root / "data"
        self.port = free_port()
        self._as_root = os.geteuid() == 0

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def running(self) -> bool:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "status", timeout=30)
        except subprocess.CalledProcessError:
            return False
        return True

    def url(self, name: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)

    def close(self) -> None:
        if self.data.exists() and self.running():
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def private_server(parent: Path) -> PrivateServer | None:
    """A started private cluster under `parent` (or, when the "postgres" user cannot reach `parent`, under a
    folder of its own in the system's temp dir); None when this machine cannot run one (no PostgreSQL
    binaries, or root without a "postgres" user)."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        return None
    root = parent / "pg"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return None
        if not _reachable_by_postgres(parent):
            root = Path(tempfile.mkdtemp(prefix="counter-test-pg-"))
    server = PrivateServer(root, bin_dir)
    try:
        server.init()
        server.start()
    except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired):
        server.close()
        return None
    return server


def _reachable_by_postgres(folder: Path) -> bool:
    probe = subprocess.run(
        ["runuser", "-u", "postgres", "--", "test", "-x", str(folder)], capture_output=True, check=False
    )
    return probe.returncode == 0


def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateServer]:
    """A test module's private PostgreSQL server, closed after it (skips where none can run here): the
    `office_server` fixture of the outage tests yields from it."""
    server = private_server(tmp_path_factory.mktemp("office-pg"))
    if server is None:
        pytest.skip("no PostgreSQL binaries (or no 'postgres' user) to run a private server here")
    yield server
    server.close()
