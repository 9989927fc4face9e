"""`counter-app rating`: the citizen's satisfaction screen as its own process; and `open_alongside` for
the clerk window, which opens it in the same process as `rating.open_with_clerk` says.

As a process it closes on Ctrl+C / SIGTERM (the clerk side); nothing on the screen itself closes it.
"""

from __future__ import annotations

import argparse
import signal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.context import AppContext
from ui.office_link import follow_office_settings
from ui.presence import Heartbeat
from ui.qt_app import make_app
from ui.rating.screens import choose_citizen_screen
from ui.rating.window import RatingWindow
from ui.single_instance import set_front


def open_alongside(
    ctx: AppContext,
    *,
    clerk: str | None = None,
    force: bool = False,
    clerk_screen: QScreen | None = None,
    clerk_window: QWidget | None = None,
    **options: Any,
) -> RatingWindow | None:
    """Open the rating screen next to the clerk window, on the screen `rating.screen` names; "auto" is the
    first one that is not `clerk_screen` (default: the primary). None when `rating.open_with_clerk` says
    not to: "never", or "auto" with no screen for the citizen (a one-monitor counter; "always" asks for
    it there, and each question then comes to the front, `clerk_window` getting the keyboard back after).

    The caller keeps the window and calls its `shutdown()` when the clerk window closes.
    """
    mode = ctx.config.rating.open_with_clerk
    if not force and mode == "never":
        return None
    if not force and mode == "auto":
        setting = ctx.config.rating.screen
        if choose_citizen_screen(setting, clerk_screen).screen is None:
            return None
    window = RatingWindow(ctx, clerk=clerk, **options)
    window.placer.clerk_window = clerk_window
    window.place(clerk_screen)
    Heartbeat(ctx, "rating", clerk=lambda: clerk, parent=window).start()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(window.shutdown)
    return window


def run(args: argparse.Namespace, app: Any) -> int:
    qapp = make_app(name="counter-app-rating")
    ctx: AppContext = app.ctx
    clerk = app.actor if app.actor != "system" else None
    window = RatingWindow(ctx, clerk=clerk)
    shot = getattr(args, "screenshot", None)
    if shot:
        window.resize(1024, 600)
        window.show()
        qapp.processEvents()
        path = Path(shot)
        path.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path))
        window.shutdown()
        return 0
    window.place()
    set_front(lambda: window)  # a second start brings this one forward
    follow_office_settings(ctx)
    Heartbeat(ctx, "rating", clerk=lambda: clerk, parent=window).start()

    def stop(*_: object) -> None:
        window.shutdown()
        qapp.quit()

    signal.signal(signal.SIGINT, stop)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, stop)
    # Python only runs signal handlers between bytecodes: wake the interpreter now and then.
    tick = QTimer()
    tick.timeout.connect(lambda: None)
    tick.start(300)
    return int(qapp.exec())
