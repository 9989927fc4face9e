"""`counter-app backup -o FILE` and `counter-app restore FILE`: a consistent copy of the database, and the
way back from a damaged file. A restore checks the file first (SQLite, sound, this app's schema), keeps a
copy of what it replaces under <data dir>/backups/, and never leaves a half-restored database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.errors import ValidationError
from counter_app.output_files import PRIVATE_FILE, staged_output
from db.engine import Database, file_facts

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every database of this app has had since its first migration (db/migrations/versions/0001_core.py).
OUR_TABLES = {"alembic_version", "meta", "dossiers", "outbox"}
LABEL = "Tệp sao lưu"


def _refuse(path: Path, why: str) -> ValidationError:
    return ValidationError(f"'{path}' {why}; dữ liệu hiện tại không thay đổi", field="file", label=LABEL)


def inspect_copy(path: Path, known_revisions: set[str]) -> list[str]:
    """The schema revisions of a private copy of one of our databases; ValueError saying why it is not."""
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise ValueError("không phải tệp cơ sở dữ liệu SQLite")
    try:
        rows, tables, revisions = file_facts(path)
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"bị hỏng ({exc})") from None
    if rows != ["ok"]:
        raise ValueError(f"bị hỏng ({rows[0][:120]})")
    if not OUR_TABLES <= tables:
        raise ValueError("không phải cơ sở dữ liệu của phần mềm Một cửa")
    unknown = [r for r in revisions if r not in known_revisions]
    if unknown or not revisions:
        raise ValueError("được tạo bởi một phiên bản phần mềm khác (mới hơn); hãy cập nhật phần mềm trước")
    return revisions


def _sqlite(ctx: AppContext) -> Database:
    """This PC's SQLite file; the office's PostgreSQL is backed up on its server instead."""
    if not isinstance(ctx.db, Database):
        raise ValidationError(
            "cơ sở dữ liệu văn phòng (PostgreSQL) được sao lưu và khôi phục trên máy chủ văn phòng bằng "
            "pg_dump / pg_restore (xem docs/office-setup.md), không bằng lệnh này; chưa có gì thay đổi",
            field="database.url",
            label="Cơ sở dữ liệu văn phòng",
        )
    return ctx.db


def backup_to(ctx: AppContext, target: str | os.PathLike[str]) -> Path:
    """A consistent copy (SQLite's online backup: safe while windows are open), checked, then moved into place."""
    db = _sqlite(ctx)
    with staged_output(target, field="output", label=LABEL) as staged:
        db.copy_to(staged.tmp)
        try:
            inspect_copy(staged.tmp, db.known_revisions())
        except ValueError as exc:
            raise _refuse(staged.target, f"không sao lưu được: bản sao {exc}") from None
        staged.written = True
    return staged.target


def restore_from(ctx: AppContext, source: str | os.PathLike[str]) -> Path:
    """Replace the database with `source`; returns the copy kept of the database it replaced."""
    db = _sqlite(ctx)
    src = Path(source).expanduser()
    if not src.is_file():
        raise _refuse(src, "không tồn tại hoặc không phải tệp thường")
    backups = ctx.data_dir / "backups"
    backups.mkdir(parents=True, exist_ok=True, mode=0o700)
    # A private copy is checked and restored, so the file cannot change between the check and the restore.
    fd, name = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite", dir=backups)
    os.close(fd)
    candidate = Path(name)
    try:
        try:
            shutil.copyfile(src, candidate)
        except OSError as exc:
            raise _refuse(src, f"không đọc được ({exc.strerror or exc})") from None
        try:
            inspect_copy(candidate, db.known_revisions())
        except ValueError as exc:
            raise _refuse(src, str(exc)) from None
        kept = _keep_current(db, backups)
        db.replace_with(candidate)
        if os.name != "nt":
            os.chmod(db.path, PRIVATE_FILE)
        db.migrate(backups)  # a copy made by an older version gets today's schema
        ctx.invalidate_calendar()
        return kept
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{candidate}{suffix}").unlink(missing_ok=True)


def _keep_current(db: Database, backups: Path) -> Path:
    """A copy of the database about to be replaced; byte for byte when SQLite cannot read it (damaged)."""
    try:
        return db.backup(backups, reason="before-restore")
    except sqlite3.DatabaseError:
        kept = backups / f"{db.path.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}-before-restore-damaged.sqlite"
        for suffix in ("", "-wal"):
            if Path(f"{db.path}{suffix}").exists():
                shutil.copyfile(f"{db.path}{suffix}", f"{kept}{suffix}")
                if os.name != "nt":
                    os.chmod(f"{kept}{suffix}", PRIVATE_FILE)
        return kept
