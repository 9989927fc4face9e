"""One uploader at a time per office database: a lock, not luck.

Two PCs (or the clerk window's live sync and a scheduled `counter-app sync`) uploading the same outbox at
once would send events twice and race on marking them sent. On the office's PostgreSQL the uploader holds
a session advisory lock (`pg_try_advisory_lock`) on a connection of its own for the whole run; on a
counter's SQLite file, an OS lock on `<data dir>/sync.lock`. Both are released by the system when the
holder dies, so a crashed uploader never blocks the next one. A second uploader does not wait: it skips
its run with BUSY.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

UPLOAD_LOCK = 0x434F554E54455310  # the office database's advisory lock key for the city upload
LOCK_FILE = "sync.lock"
BUSY = "đang có máy khác gửi dữ liệu lên máy chủ thành phố"


@contextmanager
def upload_lock(ctx: AppContext) -> Iterator[bool]:
    """True while this process is the office's one uploader; False (held by another) at once."""
    if ctx.db.engine.dialect.name == "postgresql":
        with advisory_lock(ctx.db.engine) as got:
            yield got
    else:
        with file_lock(ctx.data_dir / LOCK_FILE) as got:
            yield got


@contextmanager
def advisory_lock(engine: Engine) -> Iterator[bool]:
    # A connection of its own, kept for the whole upload: the lock belongs to this database session.
    with engine.connect() as conn:
        got = bool(conn.execute(select(func.pg_try_advisory_lock(UPLOAD_LOCK))).scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                conn.execute(select(func.pg_advisory_unlock(UPLOAD_LOCK)))
                conn.commit()


@contextmanager
def file_lock(path: Path) -> Iterator[bool]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        got = _try_lock(fd)
        try:
            yield got
        finally:
            if got:
                _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
