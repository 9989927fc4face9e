"""One window of each kind per data dir on this PC: a second start brings the first to the front.

A second clerk window on the same database would let two people believe they hold the same counter;
a second kiosk or board would fight the first for the screen. So each window program claims, before it
opens the database, a lock file and a local server named after the program and the data dir (two data
dirs may run side by side):

- the lock (QLockFile in the temp dir) says who is first; Qt sees through a lock whose process is gone
  (a crash), so a stale lock never blocks the next start;
- the first process then listens on a QLocalServer of the same name, removing first a socket file a
  crashed process may have left behind (safe: it holds the lock);
- a later process finds the lock held, connects, sends `show` and exits 0 once the first answered; the
  first brings its window to the front and writes a line to its log.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("counter_app.single_instance")

SHOW = b"show\n"
SHOWN = b"shown\n"
WAIT_FIRST_S = 20.0  # how long a second start waits for a first one that is starting up or busy

# What the person who started the window a second time reads (stderr; the log gets it too).
PROGRAM_NAMES = {
    "gui": "Cửa sổ cán bộ tiếp nhận",
    "rating": "Màn hình đánh giá",
    "kiosk": "Máy lấy số",
    "display": "Bảng hiển thị",
}


def server_name(program: str, data_dir: Path) -> str:
    """Short (a Unix socket path has ~100 bytes), the same for every start on the same data dir."""
    digest = hashlib.sha256(os.path.normcase(str(Path(data_dir).resolve())).encode("utf-8")).hexdigest()
    return f"counter-app-{program}-{digest[:16]}"


class SingleInstance(QObject):
    """Held by the first process of a kind for its lifetime; `show_requested` when another one starts."""

    show_requested = Signal()

    def __init__(self, name: str, lock: QLockFile) -> None:
        super().__init__()
        self.name = name
        self._lock = lock
        self.front: Callable[[], QWidget | None] | None = None  # the window to bring forward
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket file left by a crash (we hold the lock: nobody uses it)
        if not self.server.listen(name):
            log.warning("single instance: cannot listen on %s: %s", name, self.server.errorString())
        else:
            log.info("single instance: listening on %s", name)
        self.server.newConnection.connect(self._accept)
        self.show_requested.connect(self.bring_to_front)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        request = bytes(socket.readLine().data())
        if request == SHOW:
            log.info("single instance: show request from a second start, bringing the window to the front")
            self.show_requested.emit()
            socket.write(SHOWN)
            socket.flush()
        socket.disconnectFromServer()

    def bring_to_front(self) -> None:
        target = self.front() if self.front is not None else None
        app = QApplication.instance()
        if target is None and isinstance(app, QApplication):
            target = next((w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()), None)
        if target is None:
            return
        log.info("single instance: %s brought to the front", type(target).__name__)
        if target.isMinimized():
            target.setWindowState(target.windowState() & ~Qt.WindowState.WindowMinimized)
        target.show()
        target.raise_()
        target.activateWindow()
        modal = app.activeModalWidget() if isinstance(app, QApplication) else None
        if modal is not None and modal is not target:  # a question open over the window stays on top
            modal.raise_()
            modal.activateWindow()

    def release(self) -> None:
        self.server.close()
        self._lock.unlock()


class AlreadyRunning(Exception):
    """Another process holds this window; `shown` says whether it answered the request to show itself."""

    def __init__(self, message: str, shown: bool) -> None:
        super().__init__(message)
        self.shown = shown


_current: SingleInstance | None = None


def set_front(window: Callable[[], QWidget | None]) -> None:
    """The window a second start brings forward (else the first visible top-level window)."""
    if _current is not None:
        _current.front = window


def claim(program: str, data_dir: Path) -> SingleInstance:
    """This process's claim on `program` for `data_dir`; raises AlreadyRunning after asking the first
    process to show its window. Needs the QApplication (the server lives in its event loop)."""
    name = server_name(program, data_dir)
    lock = QLockFile(QDir(QDir.tempPath()).filePath(name + ".lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long the first one runs
    deadline = time.monotonic() + WAIT_FIRST_S
    while True:
        if lock.tryLock(0):
            return _first(name, lock)
        if _ask_to_show(name):
            what = PROGRAM_NAMES.get(program, program)
            raise AlreadyRunning(
                f"{what} đã đang chạy trên máy này (thư mục dữ liệu {data_dir}): đã đưa cửa sổ đó lên trước.",
                shown=True,
            )
        if time.monotonic() > deadline:
            what = PROGRAM_NAMES.get(program, program)
            raise AlreadyRunning(
                f"{what} đã đang chạy trên máy này (thư mục dữ liệu {data_dir}) nhưng không trả lời; "
                "hãy đóng nó (hoặc khởi động lại máy) rồi mở lại.",
                shown=False,
            )
        # The first one holds the lock but is not listening yet (it is starting), or just quit.
        if lock.tryLock(100):
            return _first(name, lock)


def _first(name: str, lock: QLockFile) -> SingleInstance:
    global _current
    _current = SingleInstance(name, lock)
    return _current


def _ask_to_show(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(1000):
        return False
    _allow_foreground()
    socket.write(SHOW)
    if not socket.waitForBytesWritten(1000):
        return False
    while not socket.canReadLine():
        if not socket.waitForReadyRead(5000):
            return False
    answered = bytes(socket.readLine().data()) == SHOWN
    socket.disconnectFromServer()
    return answered


def _allow_foreground() -> None:
    """Windows lets only the process the user just started take the foreground: hand that right on."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
