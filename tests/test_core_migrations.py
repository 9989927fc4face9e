"""Migrations: the migrated schema is exactly the models (every branch head), and a database holding data
is backed up before a pending migration runs; a failing migration leaves the file as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

import db.engine
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from db import Database, OfficeDatabase
from db.models import Base
from tests import office_db
from tests.conftest import intake_doc

# Made by raw SQL for the office database's name search (0603_dossier_name_words), not by the models.
IGNORED_TABLES = {"alembic_version", "sqlite_sequence", "dossier_name_words", "dossier_name_pairs"}
IGNORED_INDEXES: set[str] = set()


def _ignored(name: str | None) -> bool:
    # The FTS5 index and its shadow tables are created by raw SQL, not by the models.
    return bool(name) and (name in IGNORED_TABLES or name.startswith("dossier_name_fts") or "_fts" in name)


def _include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table":
        return not _ignored(name)
    if type_ == "index" and name in IGNORED_INDEXES:
        return False
    table = getattr(getattr(obj, "table", None), "name", None)
    return not _ignored(table)


def _diff_description(diff: list[Any]) -> str:
    return "\n".join(repr(d) for d in diff)


def test_migrated_schema_matches_the_models_at_every_head(tmp_path: Path) -> None:
    database = Database(tmp_path / "counter.sqlite")
    database.migrate()
    try:
        script = ScriptDirectory.from_config(database._alembic_config())
        with database.engine.connect() as conn:
            mc = MigrationContext.configure(
                conn, opts={"include_object": _include_object, "compare_type": True, "render_as_batch": True}
            )
            assert set(mc.get_current_heads()) == set(script.get_heads()), "not every branch was applied"
            diff = compare_metadata(mc, Base.metadata)
        assert diff == [], "the migrations and db/models disagree:\n" + _diff_description(diff)
        assert database.pending_migrations() == []
    finally:
        database.close()


@pytest.mark.skipif(not office_db.available(), reason=office_db.SKIP_REASON)
def test_office_database_schema_matches_the_models_and_audit_stays_append_only() -> None:
    """The same migrations on PostgreSQL (the office database) give exactly the models too."""
    with office_db.scratch_database() as url:
        database = OfficeDatabase(url)
        try:
            database.migrate()
            database.migrate()  # a second PC starting later finds nothing to do
            with database.engine.connect() as conn:
                mc = MigrationContext.configure(
                    conn, opts={"include_object": _include_object, "compare_type": True}
                )
                script = ScriptDirectory(str(db.engine.MIGRATIONS_DIR))
                assert set(mc.get_current_heads()) == set(script.get_heads()), "not every branch was applied"
                diff = compare_metadata(mc, Base.metadata)
            assert diff == [], "the migrations and db/models disagree:\n" + _diff_description(diff)
        finally:
            database.close()


def test_every_migration_branches_from_the_core_and_downgrades(tmp_path: Path) -> None:
    """Each feature's revision chain starts at 0001_core (independent branches) and can be undone."""
    from alembic import command

    database = Database(tmp_path / "counter.sqlite")
    database.migrate()
    try:
        cfg = database._alembic_config()
        script = ScriptDirectory.from_config(cfg)
        bases = script.get_bases()
        assert bases == ["0001_core"]
        command.downgrade(cfg, "0001_core")
        assert set(database.pending_migrations()) == {r.revision for r in script.walk_revisions()} - {
            "0001_core"
        }
        command.upgrade(cfg, "heads")
        assert database.pending_migrations() == []
    finally:
        database.close()


EXTRA_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "9999_test_extra"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("test_extra", sa.Column("id", sa.Integer(), primary_key=True))
    {failure}


def downgrade() -> None:
    op.drop_table("test_extra")
"""


@pytest.fixture
def extra_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A copy of the real migrations plus one more revision, as after installing a newer version."""

    def install(failure: str = "") -> None:
        copy = tmp_path / "migrations"
        shutil.copytree(db.engine.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
        (copy / "versions" / "9999_test_extra.py").write_text(EXTRA_MIGRATION.format(failure=failure))
        monkeypatch.setattr(db.engine, "MIGRATIONS_DIR", copy)

    return install


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


@pytest.mark.sqlite_only
def test_existing_data_is_backed_up_before_a_pending_migration(data_dir: Path, extra_migrations: Any) -> None:
    ctx = AppContext(data_dir)
    codes = [IntakeService(ctx).receive(intake_doc(), actor="clerk1").code for _ in range(3)]
    ctx.close()
    assert not (data_dir / "backups").exists()  # a first start has nothing to back up

    extra_migrations()
    ctx = AppContext(data_dir)
    try:
        backups = sorted((data_dir / "backups").glob("*.sqlite"))
        assert len(backups) == 1 and "before-migration" in backups[0].name
        if os.name == "posix":  # personal data: the app's user only
            assert backups[0].stat().st_mode & 0o077 == 0
        assert _count(backups[0], "SELECT count(*) FROM dossiers") == 3
        assert _count(backups[0], "SELECT count(*) FROM sqlite_master WHERE name='test_extra'") == 0
        conn = sqlite3.connect(backups[0])
        try:
            assert [r[0] for r in conn.execute("SELECT code FROM dossiers ORDER BY id")] == codes
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        assert "9999_test_extra" not in ctx.db.pending_migrations()
        assert _count(ctx.db.path, "SELECT count(*) FROM sqlite_master WHERE name='test_extra'") == 1
    finally:
        ctx.close()
    AppContext(data_dir).close()  # nothing pending: no second backup
    assert len(list((data_dir / "backups").glob("*.sqlite"))) == 1


@pytest.mark.sqlite_only
def test_a_failing_migration_changes_nothing(data_dir: Path, extra_migrations: Any) -> None:
    ctx = AppContext(data_dir)
    IntakeService(ctx).receive(intake_doc(), actor="clerk1")
    ctx.close()
    extra_migrations(failure='op.execute("SELECT no_such_function()")')
    with pytest.raises(Exception, match="no_such_function"):
        AppContext(data_dir)
    path = data_dir / "counter.sqlite"
    assert _count(path, "SELECT count(*) FROM sqlite_master WHERE name='test_extra'") == 0
    assert _count(path, "SELECT count(*) FROM alembic_version WHERE version_num='9999_test_extra'") == 0
    assert _count(path, "SELECT count(*) FROM dossiers") == 1


@pytest.mark.sqlite_only
def test_the_database_runs_with_the_pragmas_we_rely_on(ctx: AppContext) -> None:
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    with pytest.raises(Exception, match="FOREIGN KEY"), ctx.db.write() as s:
        s.execute(
            text(
                "INSERT INTO dossier_components (dossier_id, position, name, kind, count) "
                "VALUES (999999, 0, 'x', 'copy', 1)"
            )
        )
