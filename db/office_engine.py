"""The office database: one PostgreSQL shared by every PC of a multi-counter office (see docs/office-setup.md).

Same face as the SQLite `db.engine.Database` (write, read, migrate, close), so every service runs on both.
What SQLite gave us for free is made explicit here:
- one writer at a time: every `write()` first takes one transaction-scoped advisory lock, so the
  read-check-write steps of the services (call the next ticket, take a number, change a state) stay as
  safe as under SQLite's BEGIN IMMEDIATE, across all the office's PCs;
- `read()` is one snapshot (REPEATABLE READ, read only), like a SQLite read transaction;
- migrations on first use, one PC at a time (a session advisory lock), the others wait and find nothing
  left to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db.engine import MIGRATIONS_DIR, _script_heads

# Advisory lock keys (any 64-bit numbers, fixed for this application).
WRITE_LOCK = 0x434F554E54455201  # "COUNTER" + 1: the one-writer lock of write()
MIGRATION_LOCK = 0x434F554E54455202
# Seconds to reach the server before calling it down: the windows must say so within 2 s.
CONNECT_TIMEOUT_S = 2
# A write that waits longer than this for the office-wide writer lock gives up (the SQLite busy timeout).
LOCK_TIMEOUT_MS = 15_000
NOTIFY_CHANNEL = "counter_app_changes"


def masked_url(url: str) -> str:
    """The URL with its password hidden, for screens, logs and `office status`."""
    return make_url(url).render_as_string(hide_password=True)


class OfficeDatabase:
    """One PostgreSQL database (`database.url`). `write()` is one transaction under the office-wide writer
    lock; `read()` a read-only snapshot."""

    dialect = "postgresql"
    path = None  # no file: backups are the server's (pg_dump), see docs/office-setup.md

    def __init__(self, url: str, *, application_name: str = "counter-app") -> None:
        self.url = url
        self.location = masked_url(url)
        self.engine: Engine = create_engine(
            url,
            future=True,
            pool_pre_ping=True,  # a connection broken by a server restart is replaced, not reused
            pool_size=4,
            max_overflow=8,
            pool_timeout=LOCK_TIMEOUT_MS / 1000,
            connect_args={
                "connect_timeout": CONNECT_TIMEOUT_S,
                "application_name": application_name,
                # A half-open connection (server rebooted, cable pulled) is noticed in seconds, not hours.
                "keepalives": 1,
                "keepalives_idle": 5,
                "keepalives_interval": 2,
                "keepalives_count": 2,
            },
        )
        event.listen(self.engine, "connect", _on_connect)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or rolls back entirely on error."""
        with self._sessions() as session:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session reading one consistent snapshot; whatever it did is discarded when it ends."""
        with self._sessions() as session:
            session.connection(
                execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
            )
            yield session

    def notify(self, session: Session, payload: str) -> None:
        """Tell every listening PC that something changed; delivered when `session` commits (never for a
        rolled-back write)."""
        session.execute(text("SELECT pg_notify(:c, :p)"), {"c": NOTIFY_CHANNEL, "p": payload[:7900]})

    def close(self) -> None:
        self.engine.dispose()

    def quick_check(self) -> list[str]:
        """PostgreSQL guards its own pages; reaching the server and reading is the check."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return []

    # --- migrations -------------------------------------------------------------------------------

    def schema_revisions(self) -> set[str]:
        with self.engine.connect() as conn:
            exists = conn.exec_driver_sql("SELECT to_regclass('alembic_version') IS NOT NULL").scalar()
            if not exists:
                return set()
            return {str(r[0]) for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}

    def pending_migrations(self) -> list[str]:
        """The migration scripts not applied to this database yet."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory(str(MIGRATIONS_DIR))
        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_heads()
        applied = {r.revision for c in current for r in script.iterate_revisions(c, "base")}
        return [r.revision for r in script.walk_revisions() if r.revision not in applied]

    def migrate(self, backup_dir: Any = None) -> None:
        """Bring the schema to every head. PCs starting together: one migrates, the others wait on the lock
        and then find nothing to do. (No file backup: the office server's pg_dump keeps the history.)"""
        heads = _script_heads(MIGRATIONS_DIR / "versions")
        if heads and self.schema_revisions() == heads:
            return None
        from alembic import command
        from alembic.config import Config

        with self.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
            conn.commit()
            try:
                cfg = Config()
                cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
            finally:
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                conn.commit()
        return None


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # A write waiting for the office-wide writer lock gives up like SQLite's busy timeout does, and stored
    # times never depend on the server's zone (they are text in +07:00, see db/base.py).
    with dbapi_conn.cursor() as cur:
        cur.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
        cur.execute("SET TIME ZONE 'Asia/Ho_Chi_Minh'")
    dbapi_conn.commit()
