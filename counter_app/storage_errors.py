"""Storage failures in one Vietnamese sentence (what happened, what to do) with an exit status of their own.

SQLite and the operating system report a full disk, a lock held too long or a damaged file deep inside
SQLAlchemy; `storage_failure` turns any of those into a `StorageError` the CLI prints and the windows
show at start-up. Nothing is written on the way: the data stays as it was.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from counter_app.errors import AppError

# 1 generic, 2 bad input, 3 nothing to do, 4 sync (counter_app/services/sync.py); these follow.
EXIT_BUSY = 5
EXIT_DISK_FULL = 6
EXIT_DAMAGED = 7
EXIT_ACCESS = 8
EXIT_OFFICE_DOWN = 9

# SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
_SQLITE_IOERR_NOMEM_SHM = (_SQLITE_IOERR, 19)  # IOERR_SHMSIZE: the -shm file cannot grow (disk full)


class StorageError(AppError):
    """The database or a file of the data dir cannot be used; nothing was changed."""


class DatabaseBusy(StorageError):
    exit_code = EXIT_BUSY


class DiskFull(StorageError):
    exit_code = EXIT_DISK_FULL


class DatabaseDamaged(StorageError):
    exit_code = EXIT_DAMAGED


class StorageAccess(StorageError):
    exit_code = EXIT_ACCESS


class OfficeServerDown(StorageError):
    """The office's PostgreSQL (database.url) cannot be reached; the windows show it as a banner."""

    exit_code = EXIT_OFFICE_DOWN


# The sentence starts the same everywhere (windows' banner, CLI): clerks learn to recognise it.
OFFICE_DOWN = "Mất kết nối máy chủ văn phòng"


def office_down(detail: str = "") -> OfficeServerDown:
    why = f" ({detail})" if detail else ""
    return OfficeServerDown(
        f"{OFFICE_DOWN}{why}, chưa có gì thay đổi: hãy kiểm tra mạng và máy chủ cơ sở dữ liệu văn phòng "
        "rồi thử lại; phần mềm tự kết nối lại khi máy chủ hoạt động trở lại."
    )


def busy(wait_s: float) -> DatabaseBusy:
    return DatabaseBusy(
        f"Cơ sở dữ liệu đang bận vì một cửa sổ hoặc lệnh khác đang ghi (đã chờ {wait_s:g} giây), "
        "chưa có gì thay đổi: hãy đợi thao tác kia xong rồi thử lại."
    )


def disk_full(where: Path | None) -> DiskFull:
    place = f" ({where})" if where else ""
    return DiskFull(
        f"Ổ đĩa chứa dữ liệu{place} đã đầy nên không ghi được, dữ liệu đã có vẫn nguyên vẹn: "
        "hãy giải phóng dung lượng ổ đĩa rồi thử lại."
    )


def damaged(db_file: Path | None, detail: str = "") -> DatabaseDamaged:
    name = f"Tệp dữ liệu {db_file}" if db_file else "Tệp dữ liệu"
    backups = f" (các bản sao lưu tự động ở {db_file.parent / 'backups'})" if db_file else ""
    why = f" ({detail})" if detail else ""
    return DatabaseDamaged(
        f"{name} bị hỏng hoặc không phải cơ sở dữ liệu của phần mềm{why}, phần mềm không ghi gì vào tệp: "
        f"hãy khôi phục bản sao lưu gần nhất bằng lệnh `counter-app restore TỆP`{backups} "
        "hoặc gọi bộ phận hỗ trợ."
    )


def no_access(where: Path | None, reason: str) -> StorageAccess:
    place = f" {where}" if where else ""
    return StorageAccess(
        f"Không đọc hoặc ghi được tệp dữ liệu{place} ({reason}): hãy kiểm tra ổ đĩa và quyền truy cập "
        "thư mục dữ liệu rồi thử lại."
    )


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error under SQLAlchemy's wrapper (or the exception itself)."""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 5:
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)
        seen += 1
    return None


def storage_failure(exc: BaseException, db_file: Path | None, *, wait_s: float = 15) -> StorageError | None:
    """The StorageError that says what `exc` means for the clerk, or None when it is no storage failure."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError) and not isinstance(exc, (ConnectionError, TimeoutError)):
        where = Path(exc.filename) if isinstance(exc.filename, str) else db_file
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return disk_full(where.parent if where else None)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO):
            return no_access(where, exc.strerror or str(exc))
        return None
    office = _postgres_failure(exc, wait_s)
    if office is not None:
        return office
    err = _sqlite_error(exc)
    if err is None:
        return None
    code = getattr(err, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(err).lower()
    folder = db_file.parent if db_file else None
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return busy(wait_s)
    if primary == _SQLITE_FULL or "database or disk is full" in text:
        return disk_full(folder)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return damaged(db_file)
    if primary == _SQLITE_IOERR and isinstance(code, int) and (code >> 8) == _SQLITE_IOERR_NOMEM_SHM[1]:
        return disk_full(folder)
    if primary in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_IOERR):
        return no_access(db_file, str(err))
    return None


def office_failure(exc: BaseException) -> StorageError | None:
    """What a failure of the office database means for the clerk (the windows' jobs: ui/jobs.py), or None
    when `exc` did not come from PostgreSQL. The writer lock waits LOCK_TIMEOUT_MS (db/office_engine.py)."""
    return _postgres_failure(exc, 15)


# PostgreSQL's SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_LOCK_TIMEOUT, _PG_DISK_FULL, _PG_OUT_OF_SPACE = "55P03", "53100", "53000"


def _postgres_failure(exc: BaseException, wait_s: float) -> StorageError | None:
    """What a psycopg error under SQLAlchemy's wrapper means; psycopg is not imported for this (startup)."""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 5:
        kind = type(current)
        if kind.__module__.startswith("psycopg"):
            state = getattr(current, "sqlstate", None)
            if state == _PG_LOCK_TIMEOUT:
                return busy(wait_s)
            if state in (_PG_DISK_FULL, _PG_OUT_OF_SPACE):
                return disk_full(None)
            names = {k.__name__ for k in kind.__mro__}
            # No answer, refused, dropped, server shutting down (57P01…): all "the server is not there".
            if "OperationalError" in names or "InterfaceError" in names:
                return office_down()
            return None
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)
        seen += 1
    return None
