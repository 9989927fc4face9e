"""The SQLite database: engine with the pragmas we rely on, sessions, migrations with a backup first."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from resources import package_dir

# Alembic reads the scripts from files: db/migrations, also in the frozen bundle (resources/__init__.py).
MIGRATIONS_DIR = package_dir("db") / "migrations"
BUSY_TIMEOUT_MS = 15_000


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # We issue BEGIN ourselves (see _on_begin); pysqlite's implicit transactions would defeat IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _ensure_wal(cur)
    # NORMAL in WAL mode: a committed transaction survives an application crash (SIGKILL);
    # only a power cut can lose the last commits, never corrupt the file.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _ensure_wal(cur: sqlite3.Cursor) -> None:
    """WAL is a property of the file: set once, kept. Setting it needs the file to itself, and SQLite
    answers "locked" at once (no busy wait) when a second process opens a brand-new file at that moment,
    so retry until the timeout."""
    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _on_begin(conn: Any) -> None:
    # Writers take the write lock at BEGIN, so two processes never deadlock upgrading a read lock.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """One SQLite file. `write()` is one transaction holding the write lock; `read()` a snapshot.

    The office's shared PostgreSQL has the same face: db/office_engine.py."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _create_private(self.path)
        self.engine: Engine = create_engine(f"sqlite:///{self.path}", future=True)
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or rolls back entirely on error."""
        with self._sessions() as session:
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; whatever it did is discarded when it ends.

        Closing (not rolling back) ends the snapshot: loaded objects stay readable afterwards instead of
        being expired one by one, which costs milliseconds when a search loaded fifty dossiers.
        """
        with self._sessions() as session:
            yield session

    def notify(self, session: Session, payload: str) -> None:
        """Nothing to send: other windows on this PC see a commit by polling (one file, one PC)."""

    def close(self) -> None:
        self.engine.dispose()

    def quick_check(self) -> list[str]:
        """SQLite's `PRAGMA quick_check`: [] when the file is sound, else what it found (a damaged or
        truncated file may also raise sqlite3.DatabaseError on the first read)."""
        with self.engine.connect() as conn:
            rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check(20)").fetchall()]
        return [] if rows == ["ok"] else rows

    # --- migrations -------------------------------------------------------------------------------

    def _alembic_config(self) -> Any:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["engine"] = self.engine
        return cfg

    def known_revisions(self) -> set[str]:
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(self._alembic_config())
        return {rev.revision for rev in script.walk_revisions()}

    def pending_migrations(self) -> list[str]:
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(self._alembic_config())
        with self.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
        pending: list[str] = []
        for rev in script.walk_revisions():
            applied = any(rev.revision == c or rev.revision in _ancestors(script, c) for c in current)
            if not applied:
                pending.append(rev.revision)
        return pending

    def migrate(self, backup_dir: Path | None = None) -> Path | None:
        """Bring the schema to every head; back the file up first when it already holds data."""
        if self._at_heads():
            return None
        from alembic import command

        pending = self.pending_migrations()
        if not pending:
            return None
        # Another process may be migrating right now; env.py's single IMMEDIATE transaction makes us wait
        # for it and then find nothing left to do (the backup below is then merely one copy too many).
        backup: Path | None = None
        if self.path.exists() and self.path.stat().st_size > 0 and self._has_schema():
            backup = self.backup((backup_dir or self.path.parent / "backups"), reason="before-migration")
        command.upgrade(self._alembic_config(), "heads")
        return backup

    def _at_heads(self) -> bool:
        """True when the file already records exactly the migration scripts' heads: the common case, told
        without importing Alembic (a quarter of a command's start-up). Anything unusual (a script this
        reading does not understand, a newer file) answers False and Alembic decides."""
        heads = _script_heads(MIGRATIONS_DIR / "versions")
        if not heads or not self.path.exists():
            return False
        return self.schema_revisions() == heads

    def schema_revisions(self) -> set[str]:
        """The migrations the file records as applied (empty for a new file)."""
        with self.engine.connect() as conn:
            try:
                return {
                    str(row[0]) for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")
                }
            except Exception:  # no table yet
                return set()

    def _has_schema(self) -> bool:
        """Any table at all: then the file holds something worth a backup before its schema changes."""
        with self.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            ).scalar()
        return bool(row)

    def backup(self, folder: Path, reason: str = "backup") -> Path:
        """A consistent copy through SQLite's online backup API (safe while the app runs)."""
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{self.path.stem}-{stamp}-{reason}.sqlite"
        # Citizens' personal data: readable by the app's user only (a no-op on Windows, where the
        # profile folder is private already).
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            self.copy_to(target)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target

    def copy_to(self, target: Path) -> None:
        """This database, consistent, into `target` (an empty or SQLite file that is no one else's)."""
        copy_database(self.path, Path(target))

    def replace_with(self, source: Path) -> None:
        """Every page of `source` copied over this database in one step under SQLite's write lock:
        other connections see the old data or the new, never a mix."""
        self.engine.dispose()
        try:
            copy_database(Path(source), self.path)
        except sqlite3.DatabaseError:
            # This file is too damaged for SQLite to write pages into: swap the file itself (nobody can
            # be using a file SQLite cannot read), its stale -wal and -shm first.
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.restore")
            shutil.copyfile(source, tmp)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        self.engine.dispose()


def file_facts(path: Path) -> tuple[list[str], set[str], list[str]]:
    """What a database file that nobody else has open holds: `PRAGMA quick_check` findings (["ok"] when
    sound), its table names and its Alembic revisions. Raises sqlite3.DatabaseError for no database."""
    # Read-only: a copy checked before it may replace the database is not changed by the check.
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        check = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)")]
        tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revisions = (
            [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
        return check, tables, revisions
    finally:
        conn.close()


def copy_database(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _create_private(path: Path) -> None:
    """A new database file is the app's user's alone; SQLite gives its -wal and -shm files the same mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.*)$", re.M)


def _script_heads(versions: Path) -> set[str]:
    """The revisions no other script names as its parent; empty when a script cannot be read this way."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in versions.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if rev is None or down is None:
            return set()
        revisions.add(rev.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return revisions - parents


def _ancestors(script: Any, revision: str) -> set[str]:
    return {r.revision for r in script.iterate_revisions(revision, "base")}
