"""A child process for tests/test_rating_process.py: Qt picks its platform (one screen or two) when the
QApplication is created, so each placement check needs a process of its own.

    python -m tests.rating_child place DATA_DIR     → prints the window's placement as JSON
    python -m tests.rating_child clerk DATA_DIR     → opens the clerk window as the app does (user
                                                      "admin"), with the rating screen alongside;
                                                      prints both windows' placements as JSON
    python -m tests.rating_child choices DATA_DIR SETTING…  → where each `rating.screen` SETTING
                                                      puts the rating screen, as JSON
    python -m tests.rating_child offer DATA_DIR CODE → opens the clerk window as the app does; the clerk
                                                      finishes dossier CODE; prints where both windows
                                                      are while the question is up and once the citizen
                                                      answered, as JSON
    python -m tests.rating_child rate DATA_DIR      → taps "Rất hài lòng" on the waiting offer, prints
                                                      "rated <offer id>" once it is stored, then keeps
                                                      running until killed
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.context import AppContext
from counter_app.services.users import UserService
from ui.clerk.app import ClerkSession
from ui.clerk.common import jobs_in_flight
from ui.clerk.services import ClerkServices
from ui.qt_app import LanguageManager, make_app
from ui.rating.screens import choose_citizen_screen
from ui.rating.window import RatingWindow


def _settle(done: Any, seconds: float = 20) -> None:
    """Run the event loop until `done()` (jobs landed), within a deadline."""
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the windows did not settle")
        QApplication.processEvents()


def _where(widget: QWidget) -> dict[str, Any]:
    g = widget.geometry()
    handle = widget.windowHandle()
    return {
        "screen": handle.screen().name() if handle and handle.screen() else None,
        "geometry": [g.x(), g.y(), g.width(), g.height()],
        "full_screen": widget.isFullScreen(),
        "maximized": widget.isMaximized(),
        "visible": widget.isVisible(),
    }


def place(data_dir: Path) -> int:
    app = make_app()
    ctx = AppContext(data_dir)
    window = RatingWindow(ctx, poll_ms=60_000)
    screen = window.place()
    while window.busy:  # the first look for an offer, off the GUI thread
        app.processEvents()
    g = window.geometry()
    handle = window.windowHandle()
    info = {
        "screens": [s.name() for s in QGuiApplication.screens()],
        "citizen_screen": screen.name() if screen else None,
        "window_screen": handle.screen().name() if handle and handle.screen() else None,
        "geometry": [g.x(), g.y(), g.width(), g.height()],
        "full_screen": window.isFullScreen(),
        "frameless": bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint),
        "visible": window.isVisible(),
    }
    window.close()  # refused: only the clerk side closes it
    info["still_visible_after_close"] = window.isVisible()
    window.shutdown()
    ctx.close()
    print(json.dumps(info), flush=True)
    return 0


def replug(data_dir: Path) -> int:
    """Full screen on the citizen's monitor, then monitors change (as when the citizen's monitor is switched
    off, here with `rating.screen` naming the clerk's): the window is placed again, each time."""
    app = make_app()
    ctx = AppContext(data_dir)
    window = RatingWindow(ctx, poll_ms=60_000)
    window.place()
    steps = [_where(window)]
    placed: list[bool] = []
    window.placer.placed_again.connect(lambda: placed.append(True))
    for n, setting in enumerate(("DISPLAY1-CLERK", "auto"), 1):
        ctx.config.set("rating.screen", setting)
        app.screenAdded.emit(QGuiApplication.primaryScreen())  # what Qt emits when a monitor comes or goes
        _settle(lambda n=n: len(placed) == n and not window.busy)
        steps.append(_where(window))
    window.shutdown()
    ctx.close()
    print(json.dumps(steps), flush=True)
    return 0


def clerk(data_dir: Path) -> int:
    app = make_app()
    ctx = AppContext(data_dir)
    session = ClerkSession(ClerkServices.from_ctx(ctx), LanguageManager(data_dir / "cache" / "i18n"))
    session.open_main(UserService(ctx).get("admin"))
    window = session.window
    assert window is not None
    rating = session.rating_screen
    _settle(lambda: jobs_in_flight() == 0 and (rating is None or not rating.busy))
    info = {
        "primary": QGuiApplication.primaryScreen().name(),
        "clerk": _where(window),
        "rating": None
        if rating is None
        else {**_where(rating), "why": rating.placer.choice.why if rating.placer.choice else None},
    }
    if rating is not None:
        rating.shutdown()
    window.close()
    QThreadPool.globalInstance().waitForDone(10_000)
    app.processEvents()
    ctx.close()
    print(json.dumps(info), flush=True)
    return 0


def _state(window: QWidget, rating: RatingWindow) -> dict[str, Any]:
    screen = rating.windowHandle().screen() if rating.windowHandle() else QGuiApplication.primaryScreen()
    a, f = screen.availableGeometry(), rating.frameGeometry()
    return {
        **_where(rating),
        "frame": [f.x(), f.y(), f.width(), f.height()],
        "available": [a.x(), a.y(), a.width(), a.height()],
        "on_top": bool(rating.windowFlags() & Qt.WindowType.WindowStaysOnTopHint),
        "clerk_active": QApplication.activeWindow() is window,
        "page": rating.page,
    }


def offer(data_dir: Path, code: str) -> int:
    app = make_app()
    ctx = AppContext(data_dir)
    session = ClerkSession(ClerkServices.from_ctx(ctx), LanguageManager(data_dir / "cache" / "i18n"))
    session.open_main(UserService(ctx).get("admin"))
    window = session.window
    assert window is not None
    rating = session.rating_screen
    info: dict[str, Any] = {"rating": None}
    if rating is not None:
        _settle(lambda: jobs_in_flight() == 0 and not rating.busy)
        info["rating"] = "opened"
        window.activateWindow()
        _settle(lambda: QApplication.activeWindow() is window)
        info["idle"] = _state(window, rating)
        window.finish_transaction("intake", code)  # what the window does after saving an intake
        _settle(lambda: rating.page == "rate")
        QApplication.processEvents()
        info["asking"] = _state(window, rating)
        QTest.mouseClick(rating.rate_page.level_buttons["very_satisfied"], Qt.MouseButton.LeftButton)
        _settle(lambda: rating.page == "thanks")
        QTest.mouseClick(rating.thanks_page.survey_no, Qt.MouseButton.LeftButton)  # no survey, thanks
        _settle(lambda: rating.page == "idle" and not rating.busy)
        try:
            _settle(lambda: QApplication.activeWindow() is window, 5)
        except TimeoutError:
            pass  # reported below
        info["after"] = _state(window, rating)
        rating.shutdown()
    window.close()
    QThreadPool.globalInstance().waitForDone(10_000)
    app.processEvents()
    ctx.close()
    print(json.dumps(info), flush=True)
    return 0


def choices(settings: list[str]) -> int:
    make_app()
    out = {}
    for setting in settings:
        choice = choose_citizen_screen(setting)
        out[setting] = [choice.screen.name() if choice.screen else None, choice.why]
    print(json.dumps(out), flush=True)
    return 0


def rate(data_dir: Path) -> int:
    app = make_app()
    ctx = AppContext(data_dir)
    window = RatingWindow(ctx, poll_ms=30)
    window.resize(1024, 600)
    window.show()

    def tap(offer_id: int) -> None:
        # A real mouse press and release on the face, as a finger would.
        QTimer.singleShot(
            0,
            lambda: QTest.mouseClick(
                window.rate_page.level_buttons["very_satisfied"], Qt.MouseButton.LeftButton
            ),
        )

    window.visit.offer_shown.connect(tap)
    window.visit.rated.connect(lambda offer_id, _level: print(f"rated {offer_id}", flush=True))
    print("ready", flush=True)
    return int(app.exec())  # until the test kills us


if __name__ == "__main__":
    mode, folder = sys.argv[1], Path(sys.argv[2])
    modes = {
        "place": lambda: place(folder),
        "clerk": lambda: clerk(folder),
        "rate": lambda: rate(folder),
        "offer": lambda: offer(folder, sys.argv[3]),
        "replug": lambda: replug(folder),
        "choices": lambda: choices(sys.argv[3:]),
    }
    sys.exit(modes[mode]())
