"""Log files a support person can read: `<data dir>/logs/<program>.log`, rotated, plain text.

One file per program (cli, gui, rating, kiosk, display) so that two processes never rotate the same
file. Every unexpected exception goes here with its traceback (`record_unexpected`), and the person
at the counter sees one Vietnamese sentence ending in `DETAILS` instead. Citizens' data is never
logged on purpose: log what happened (a dossier code, a command), not who it was about.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_DIR = "logs"
MAX_BYTES = 1_000_000
BACKUPS = 5  # ≤ 6 MB per program
FORMAT = "%(asctime)s %(levelname)-7s [%(process)d %(threadName)s] %(name)s: %(message)s"
DETAILS = "Chi tiết đã ghi vào nhật ký"
UNEXPECTED = "Đã xảy ra lỗi không mong đợi"

log = logging.getLogger("counter_app")
_installed: dict[str, tuple[Path, logging.Handler]] = {}


def log_dir(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_DIR


def setup(data_dir: Path, program: str = "cli") -> Path:
    """Send this process's log records to `<data dir>/logs/<program>.log` (once per process; again
    when one process opens another data dir, as the tests do)."""
    folder = log_dir(data_dir)
    path = folder / f"{program}.log"
    if program in _installed:
        old_path, old = _installed.pop(program)
        if old_path == path:
            _installed[program] = (old_path, old)
            return path
        logging.getLogger().removeHandler(old)
        old.close()
    folder.mkdir(mode=0o700, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _installed[program] = (path, handler)
    return path


def current_file() -> Path | None:
    return next((path for path, _ in _installed.values()), None)


def record_unexpected(exc: BaseException, where: str) -> None:
    """The traceback into the log; `where` says what was running (a window, a job's function)."""
    log.error("unexpected error in %s", where, exc_info=(type(exc), exc, exc.__traceback__))


def unexpected_sentence(exc: BaseException) -> str:
    """What the clerk reads: one sentence, the error's kind, and where the details are."""
    return f"{UNEXPECTED} ({type(exc).__name__}). {DETAILS}."
