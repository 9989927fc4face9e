"""`counter-app rating`: the citizen's satisfaction screen as its own process; and `open_alongside` for
the clerk window, which opens it in the same process when `rating.open_with_clerk` is on.

As a process it closes on Ctrl+C / SIGTERM (the clerk side); nothing on the screen itself closes it.
"""

from __future__ import annotations

import argparse
import signal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication

from counter_app.services.context import AppContext
from ui.qt_app import make_app
from ui.rating.window import RatingWindow


def open_alongside(
    ctx: AppContext,
    *,
    clerk: str | None = None,
    force: bool = False,
    clerk_screen: QScreen | None = None,
    **options: Any,
) -> RatingWindow | None:
    """Open the rating screen next to the clerk window (None when the config says not to), on the screen
    `rating.screen` names; "auto" is the first one that is not `clerk_screen` (default: the primary).

    The caller keeps the window and calls its `shutdown()` when the clerk window closes.
    """
    if not force and not ctx.config.rating.open_with_clerk:
        return None
    window = RatingWindow(ctx, clerk=clerk, **options)
    window.place(clerk_screen)
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
