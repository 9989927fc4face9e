"""A kiosk, board or rating screen started while the office server is down opens anyway.

Without the office database there is nothing to show yet (the lines, the calls, the office's settings all
live in it), but a citizen must see why the screen does nothing, not a start-failure dialog nobody in the
waiting room can close. So the window's place is taken by a screen with the office banner in that
window's words (the kiosk: no number can be issued now), while a thread tries to open the data dir again
every `RETRY_S`; once the server answers, the real window opens by itself (ui/cli.py), well within 5 s of
the server's return, and this screen goes away. Nothing is restarted by hand.

Only an outage is waited out: a damaged or misconfigured database still stops the start with its dialog
(ui/start_failure.py).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from ui.office_link import style_banner

log = logging.getLogger(__name__)

RETRY_S = 1.0  # between attempts to open the data dir (a refused connection fails at once)

# The windows that wait, their titles and what their banner says (the words of each window's own banner).
TITLES = {"kiosk": "Lấy số thứ tự", "display": "Bảng số thứ tự", "rating": "Đánh giá mức độ hài lòng"}


def banner_text(window: str) -> str:
    if window == "kiosk":
        from ui.kiosk.app import KIOSK_DOWN

        return KIOSK_DOWN
    if window == "display":
        from ui.display.app import DISPLAY_DOWN

        return DISPLAY_DOWN
    from ui.rating.window import RATING_DOWN

    return RATING_DOWN


class _Relay(QObject):
    opened = Signal(object)
    failed = Signal(object)


class OfficeWaitScreen(QWidget):
    """The banner alone, while `open_ctx()` fails with an outage (`is_outage(exc)`); `opened(ctx)` once it
    succeeds, `failed(exc)` when it fails for another reason (then nothing more is tried)."""

    opened = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        window: str,
        open_ctx: Callable[[], Any],
        is_outage: Callable[[BaseException], bool],
        *,
        every_s: float = RETRY_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.open_ctx, self.is_outage, self.every_s = open_ctx, is_outage, every_s
        self.attempts = 0
        self.placer: Any = None  # the rating screen's placement (on_citizen_monitor)
        self.setObjectName("office_wait")
        self.setWindowTitle(TITLES.get(window, ""))
        # The background of the window it stands for: the board's dark blue, the light one of the others.
        background = "#0d1b3d" if window == "display" else "#f4f6fb"
        self.setStyleSheet(f"QWidget#office_wait {{ background: {background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Replaced by the real window when the server is back: closing this one must not end the program.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.banner = QLabel(banner_text(window))
        style_banner(self.banner, 30)
        layout.addStretch(1)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        self._stop = threading.Event()
        self._relay = _Relay()
        self._relay.opened.connect(self.opened)
        self._relay.failed.connect(self.failed)
        self._thread = threading.Thread(target=self._try_loop, name="office-wait", daemon=True)
        self._thread.start()

    @property
    def showing(self) -> bool:
        return not self.banner.isHidden()

    def _try_loop(self) -> None:
        relay = self._relay
        while not self._stop.is_set():
            self.attempts += 1
            try:
                ctx = self.open_ctx()
            except Exception as exc:
                if self.is_outage(exc):
                    self._stop.wait(self.every_s)
                    continue
                self._emit(relay.failed, exc)
                return
            log.info("office server reachable: the window opens")
            self._emit(relay.opened, ctx)
            return

    def _emit(self, signal_: Any, value: object) -> None:
        if self._stop.is_set() or not shiboken6.isValid(self._relay):
            return
        try:
            signal_.emit(value)
        except RuntimeError:  # the relay went away with the application
            pass

    def stop(self) -> None:
        self._stop.set()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.stop()
        super().closeEvent(event)


def wait_for_office(
    window: str,
    open_ctx: Callable[[], Any],
    is_outage: Callable[[BaseException], bool],
    screenshot: str | None = None,
    place: Callable[[OfficeWaitScreen], None] | None = None,
) -> OfficeWaitScreen | BaseException | None:
    """Show the waiting screen until the office server answers. Returns the screen (still shown: the caller
    closes it once the real window is up), the exception that is not an outage, or None when the program
    was asked to stop meanwhile (Ctrl+C, SIGTERM) or only a screenshot was asked for. `place` shows the
    screen where the window would be (the rating screen: the citizen's monitor); default: full screen."""
    from ui.qt_app import make_app

    qapp = make_app(name=f"counter-app-{window}")
    screen = OfficeWaitScreen(window, open_ctx, is_outage)
    if screenshot:
        screen.resize(1024, 600)
        screen.show()
        qapp.processEvents()
        Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
        screen.grab().save(screenshot)
        screen.stop()
        screen.close()
        return None
    outcome: list[Any] = []
    loop = QEventLoop()

    def done(value: object) -> None:
        outcome.append(value)
        loop.quit()

    screen.opened.connect(lambda _ctx: done(screen))
    screen.failed.connect(done)
    previous = {s: signal.getsignal(s) for s in _stop_signals()}
    for s in previous:
        signal.signal(s, lambda *_: done(None))
    # Python runs signal handlers only between bytecodes: wake the interpreter now and then.
    tick = QTimer()
    tick.timeout.connect(lambda: None)
    tick.start(300)
    if place is not None:
        place(screen)
    else:
        screen.showFullScreen()
    shown_on = screen.screen()
    log.info(
        "office server unreachable at start: the %s waits for it (on screen %s)",
        window,
        shown_on.name() if shown_on is not None else "?",
    )
    try:
        loop.exec()
    finally:
        tick.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
    result = outcome[0] if outcome else None
    if result is not screen:
        screen.stop()
        screen.close()
    return result


def close_when_replaced(screen: OfficeWaitScreen) -> None:
    """Close the waiting screen as soon as the event loop runs again, i.e. once the real window is shown."""

    def close() -> None:
        if shiboken6.isValid(screen):
            screen.close()
            screen.deleteLater()

    QTimer.singleShot(0, close)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(close)


def _stop_signals() -> list[signal.Signals]:
    return [signal.SIGINT, *([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])]


def on_citizen_monitor(setting: str) -> Callable[[OfficeWaitScreen], None]:
    """Where the rating screen goes (`rating.screen`, ui/rating/placement.py): full screen on the citizen's
    monitor, or a normal window when it shares the clerk's; never full screen over the clerk's work."""

    def place(screen: OfficeWaitScreen) -> None:
        from ui.rating.placement import ScreenPlacer

        placer = ScreenPlacer(screen, lambda: setting)
        placer.place()
        screen.placer = placer

    return place
