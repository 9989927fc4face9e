"""Locks that say "someone else is doing this" at once instead of waiting: a PostgreSQL session advisory
lock on a connection of its own, and an OS lock on a file. Both are released by the system when the
holder dies (its database session ends, its file handle closes), so a crashed holder never blocks the
next one. Knows nothing of what they guard (counter_app/services/upload_lock.py uses them)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, func, select


@contextmanager
def advisory_lock(engine: Engine, key: int) -> Iterator[bool]:
    """True while this process holds the database-wide advisory lock `key`; False when another session does."""
    with engine.connect() as conn:  # the lock belongs to this session: kept for the whole block
        got = bool(conn.execute(select(func.pg_try_advisory_lock(key))).scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                conn.execute(select(func.pg_advisory_unlock(key)))
                conn.commit()


@contextmanager
def file_lock(path: Path) -> Iterator[bool]:
    """True while this process holds the OS lock on `path` (created 0600); False when another handle does."""
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
