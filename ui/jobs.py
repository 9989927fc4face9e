"""Work off the GUI thread: printing, PDF rendering, sync, slow queries.

`run_job(fn, *args, on_done=..., on_error=...)` runs `fn` on the global QThreadPool and delivers the
result (or the exception) back on the GUI thread through a signal. The GUI thread never waits.
`start_job(owner, fn, ...)` does the same for a widget's work: callbacks are dropped once `owner` is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.relay = _Relay()
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # delivered to on_error on the GUI thread, traceback attached
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


_alive: set[_Relay] = set()  # keep relays alive until they have delivered


def run_job(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    **kwargs: Any,
) -> Job:
    job = Job(fn, *args, **kwargs)
    relay = job.relay
    _alive.add(relay)

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _alive.discard(relay)
        if callback is not None:
            callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(job)
    return job


_in_flight = 0


def jobs_in_flight() -> int:
    """Jobs started through `start_job` whose result has not been delivered yet (tests wait on 0)."""
    return _in_flight


def start_job(
    owner: QObject,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    **kwargs: Any,
) -> None:
    """`run_job`, but the callbacks are skipped when `owner` was deleted meanwhile (window closed)."""
    global _in_flight
    _in_flight += 1

    def deliver(callback: Callable[[Any], None] | None, value: Any) -> None:
        global _in_flight
        _in_flight -= 1
        if callback is not None and shiboken6.isValid(owner):
            callback(value)

    run_job(
        fn, *args, on_done=lambda v: deliver(on_done, v), on_error=lambda e: deliver(on_error, e), **kwargs
    )
