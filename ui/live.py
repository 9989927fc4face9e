"""The office's changes as a Qt signal: one worker thread per database reads
counter_app/services/live.py's feed and emits `changed` on the GUI thread, so the boards, the queue panel,
the dossier board and the kiosk refresh as soon as any PC writes, and the GUI thread never waits.

`follow(owner, changes, areas, slot)` connects a window's refresh; the feed stops when the last window
following it is gone. A failure of the worker goes to ui/jobs.py's one place (logged, told once).
"""

from __future__ import annotations

import atexit
import functools
import threading
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal

from counter_app.services.live import OFFLINE, RESYNC, Change, ChangeFeed
from db import AnyDatabase
from ui import jobs


class LiveChanges(QThread):
    """Emits every committed change of the office (`changed`), and `resynced` when the feed (re)connects
    (anything may have changed meanwhile), `offline` when the database cannot be reached."""

    changed = Signal(object)  # Change
    resynced = Signal()
    offline = Signal()

    def __init__(self, db: AnyDatabase, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._stop = threading.Event()
        self._owners: set[int] = set()

    def run(self) -> None:
        try:
            for ch in ChangeFeed(self.db).changes(self._stop):
                if self._stop.is_set() or not shiboken6.isValid(self):
                    return
                if ch.type == RESYNC:
                    self.resynced.emit()
                elif ch.type == OFFLINE:
                    self.offline.emit()
                else:
                    self.changed.emit(ch)
        except Exception as exc:  # the windows fall back to their timers; the log says why
            jobs.log_unexpected(exc, "live changes")

    def stop(self, wait_ms: int = 3000) -> None:
        self._stop.set()
        self.wait(wait_ms)


_feeds: dict[int, LiveChanges] = {}
_retired: list[LiveChanges] = []  # stopping: kept alive until their thread has ended (Qt aborts otherwise)


def live_changes(db: AnyDatabase) -> LiveChanges:
    """This process's feed for `db` (started on first use)."""
    feed = _feeds.get(id(db))
    if feed is None:
        feed = _feeds[id(db)] = LiveChanges(db)
        feed.start()
    return feed


def retire(feed: LiveChanges) -> None:
    """`feed` stopped, whoever follows it: its database is being closed (the first-run wizard reopened
    the clerk window on another one, ui/clerk/app.py)."""
    for k, known in list(_feeds.items()):
        if known is feed:
            _feeds.pop(k, None)
    if shiboken6.isValid(feed):
        _retired.append(feed)
        feed.stop(0)


def stop_all() -> None:
    """Every feed of this process stopped (at exit: a running QThread must not be destroyed)."""
    feeds = [*_feeds.values(), *_retired]
    _feeds.clear()
    for feed in feeds:
        if shiboken6.isValid(feed):
            feed.stop()
    _retired.clear()


atexit.register(stop_all)


def follow(
    owner: QObject,
    changes: LiveChanges | None,
    areas: Iterable[str],
    slot: Callable[[], None],
    *,
    coalesce_ms: int = 30,
) -> None:
    """Call `slot` (on the GUI thread) after a change in one of `areas` ('ticket', 'queue', 'dossier'…)
    and after a reconnection; a burst of changes within `coalesce_ms` makes one call. Nothing when
    `changes` is None (tests, or polling only)."""
    if changes is None:
        return
    wanted = frozenset(areas)
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(coalesce_ms)
    timer.timeout.connect(slot)

    def on_change(ch: Change) -> None:
        if ch.area in wanted and shiboken6.isValid(timer) and not timer.isActive():
            timer.start()

    def on_resync() -> None:
        if shiboken6.isValid(timer) and not timer.isActive():
            timer.start()

    changes.changed.connect(on_change)
    changes.resynced.connect(on_resync)
    changes._owners.add(id(owner))
    owner.destroyed.connect(functools.partial(_release, changes, id(owner), on_change, on_resync))


def _release(
    changes: LiveChanges, key: int, on_change: Callable[..., None], on_resync: Callable[..., None], *_: object
) -> None:
    if not shiboken6.isValid(changes):
        return
    for signal, fn in ((changes.changed, on_change), (changes.resynced, on_resync)):
        try:
            signal.disconnect(fn)
        except (RuntimeError, TypeError):
            pass
    changes._owners.discard(key)
    if not changes._owners:
        for k, feed in list(_feeds.items()):
            if feed is changes:
                _feeds.pop(k, None)
        _retired.append(changes)
        changes.stop(0)
