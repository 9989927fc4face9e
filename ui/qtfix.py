"""Work around PySide6 6.12's reference counting on Python 3.11.

PySide6 6.12 returns `None` (from most void methods: show, resize, click, processEvents, QTimer.stop,
installEventFilter …) and `True` (from `Signal.emit`) without taking a reference, which is harmless on
Python 3.12+ where these singletons are immortal. On Python 3.11 each such call steals one reference,
and after a few thousand calls the interpreter aborts with "none_dealloc: deallocating None" or
"bool_dealloc: deallocating True or False" — a window would die within minutes.

Python 3.12 solved it by making the singletons immortal; we do the same by hand on 3.11: add 2**40
references to None, True and False once, so the stolen ones can never bring them to zero (a million
leaks a second would take twelve days). Imported by ui.jobs, hence by every window and Qt test.
Running on Python 3.12+ makes this a no-op.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40
_done = False


def apply() -> bool:
    """Make None, True and False effectively immortal (once); True when it was needed."""
    global _done
    if sys.version_info >= (3, 12):
        return False
    if not _done:
        for obj in (None, True, False):
            # ob_refcnt is the first field of every object in a release build of CPython 3.11.
            ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN
        _done = True
    return True


apply()
