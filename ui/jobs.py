"""Work off the GUI thread: printing, PDF rendering, sync, slow queries.

`run_job(fn, *args, on_done=..., on_error=...)` runs `fn` on the global QThreadPool and delivers the
result (or the exception) back on the GUI thread through a signal. The GUI thread never waits.
`start_job(owner, fn, ...)` does the same for a widget's work: callbacks are dropped once `owner` is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QApplication

from counter_app import logs
from counter_app.errors import AppError
from counter_app.storage_errors import office_failure


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
            # The office server gone (or its lock held too long) is one sentence for every window, not
            # an unexpected error: the write rolled back, the banner (ui/office_link.py) says the rest.
            office = None if isinstance(exc, AppError) else office_failure(exc)
            if office is not None:
                self._deliver(self.relay.failed, office)
                return
            log_unexpected(exc, f"job {getattr(self.fn, '__qualname__', self.fn)!s}")
            self._deliver(self.relay.failed, exc)
        else:
            self._deliver(self.relay.done, result)

    def _deliver(self, signal: Any, value: Any) -> None:
        # A job may outlive its program: at shutdown the relay can be gone (window closed, interpreter
        # exiting after waitForDone timed out). Nobody is left to tell, so the answer is dropped quietly.
        if not shiboken6.isValid(self.relay):
            return
        try:
            signal.emit(value)
        except RuntimeError:  # deleted between the check and the emit
            return


def log_unexpected(exc: BaseException, what: str) -> None:
    """The one place every background failure (a job, the live feed of ui/live.py) is logged."""
    if not isinstance(exc, AppError):
        logs.record_unexpected(exc, what)


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
    # With no on_error, an unforeseen failure is still shown to the clerk (ui/qt_app.py).
    relay.failed.connect(lambda exc: finish(on_error or _tell_unexpected, exc))
    QThreadPool.globalInstance().start(job)
    return job


def _tell_unexpected(exc: BaseException) -> None:
    if not isinstance(exc, AppError):
        show_unexpected(exc, logged=True)


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
        fn,
        *args,
        on_done=lambda v: deliver(on_done, v),
        on_error=lambda e: deliver(on_error or _tell_unexpected, e),
        **kwargs,
    )


# --- unexpected errors: logged with their traceback, one sentence for the clerk -------------------

_showing: list[QObject] = []


def excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """An exception escaped a slot or an event handler: log it, tell the clerk in one sentence."""
    if office_failure(exc) is not None:
        # Read on the GUI thread while the office server is gone: the banner says so (ui/office_link.py);
        # no "unexpected error" box for it, and no traceback in the log.
        logging.getLogger(__name__).warning("office server unreachable in a window: %s", type(exc).__name__)
        return
    show_unexpected(exc.with_traceback(tb), logged=False)


def show_unexpected(exc: BaseException, *, logged: bool) -> None:
    """Log (unless done already) and show a non-modal box: the window keeps working behind it."""
    if not logged:
        logs.record_unexpected(exc, "window")
    if _showing or QApplication.instance() is None:
        return  # one box at a time: a fault repeating in a timer must not pile up dialogs
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Labels", "Lỗi"),
        unexpected_text(exc),
        QMessageBox.StandardButton.Ok,
        QApplication.activeWindow(),
    )
    box.setObjectName("unexpected_error")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _code: _showing.clear())
    _showing.append(box)
    box.show()


def unexpected_text(exc: BaseException) -> str:
    return QCoreApplication.translate(
        "Labels", "Đã xảy ra lỗi không mong đợi ({error}). Chi tiết đã ghi vào nhật ký."
    ).format(error=type(exc).__name__)
