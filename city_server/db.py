"""The server's database: SQLite by default (one file), PostgreSQL with postgresql+psycopg://…

SQLite writers take the lock at BEGIN (IMMEDIATE) so concurrent requests queue instead of failing;
PostgreSQL serialises the batches of one counter with an advisory lock (see ingest.py).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_DB = "CITY_SERVER_DB"
# What `city-server serve` hands to each worker's app factory (city_server/app.py: app_from_env).
ENV_DOCS = "CITY_SERVER_DOCS"
ENV_PUBLIC_RATE = "CITY_SERVER_PUBLIC_RATE"
PUBLIC_RATE_PER_MIN = 30  # public lookups a minute per client address
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir("city-server", appauthor=False))


def default_url() -> str:
    if os.environ.get(ENV_DB):
        return os.environ[ENV_DB]
    return f"sqlite:///{default_folder() / 'city.sqlite'}"


def normalize_url(url: str) -> str:
    """Accept a bare file path and postgresql:// (psycopg 3 is the driver we ship)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def private_sqlite_file(path: Path) -> None:
    """The database holds counters' secrets and citizens' data: its folder 0700 when this creates it,
    the file 0600 before SQLite first opens it (SQLite gives its -wal and -shm files the same mode),
    and files left readable by an older version tightened. No-op where POSIX modes do not apply."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    if os.name != "posix":
        return
    if folder == default_folder() and folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)  # our own folder; a folder the operator chose is theirs to set
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if f.exists() and f.stat().st_mode & 0o077:
            os.chmod(f, 0o600)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', 'DEFERRED')}")


class Store:
    """Engine + sessions. `write()` is one transaction (write lock first on SQLite), `read()` a snapshot."""

    def __init__(self, url: str | None = None, *, pool_size: int = 10) -> None:
        self.url = normalize_url(url or default_url())
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        # hide_parameters: an error message must never carry a citizen's data into a log.
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                private_sqlite_file(Path(parsed.database))
            self.engine: Engine = create_engine(
                self.url, hide_parameters=True, connect_args={"check_same_thread": False, "timeout": 30}
            )
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = create_engine(
                self.url, hide_parameters=True, pool_size=pool_size, max_overflow=10, pool_pre_ping=True
            )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock: Any = threading.Lock() if self.is_sqlite else contextlib.nullcontext()

    @contextmanager
    def write(self) -> Iterator[Session]:
        # SQLite has one writer at a time: this process's threads queue on a mutex (woken at once)
        # rather than in SQLite's busy handler, which sleeps in steps of up to 100 ms.
        with self._write_lock, self._sessions() as session:
            if self.is_sqlite:
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def migrate(self) -> None:
        """Bring the schema to head (the server's own Alembic history, separate from the counter's)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["engine"] = self.engine
        if self.is_sqlite:
            command.upgrade(cfg, "heads")  # every branch (each piece of work adds its own)
            return
        # Several workers or admins may start at once: one migrates, the others wait for it.
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT pg_advisory_lock(728001)")
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
            finally:
                conn.exec_driver_sql("SELECT pg_advisory_unlock(728001)")
                conn.commit()

    def close(self) -> None:
        self.engine.dispose()
