"""One uploader at a time per office database: a lock, not luck.

Two PCs (or the clerk window's live sync and a scheduled `counter-app sync`) uploading the same outbox at
once would send events twice and race on marking them sent. On the office's PostgreSQL the uploader holds
a session advisory lock on a connection of its own for the whole run; on a counter's SQLite file, an OS
lock on `<data dir>/sync.lock` (db/locks.py). Both are released by the system when the holder dies. A
second uploader waits a moment (a holder killed a breath ago: its database session may still be closing),
then skips its run with BUSY.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from db.locks import advisory_lock, file_lock

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

UPLOAD_LOCK = 0x434F554E54455310  # the office database's advisory lock key for the city upload
LOCK_FILE = "sync.lock"
BUSY = "đang có máy khác gửi dữ liệu lên máy chủ thành phố"
GRACE_S = 2.0


@contextmanager
def upload_lock(ctx: AppContext, *, wait_s: float = 0.0) -> Iterator[bool]:
    """True while this process is the office's one uploader; False when another holds it (after `wait_s`)."""
    deadline = time.monotonic() + wait_s
    while True:
        with ExitStack() as stack:
            if ctx.office_mode:
                got = stack.enter_context(advisory_lock(ctx.db.engine, UPLOAD_LOCK))
            else:
                got = stack.enter_context(file_lock(ctx.data_dir / LOCK_FILE))
            if got or time.monotonic() >= deadline:
                yield got
                return
        time.sleep(0.1)
