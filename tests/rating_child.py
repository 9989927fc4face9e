"""A child process for tests/test_rating_process.py: Qt picks its platform (one screen or two) when the
QApplication is created, so each placement check needs a process of its own.

    python -m tests.rating_child place DATA_DIR     → prints the window's placement as JSON
    python -m tests.rating_child rate DATA_DIR      → taps "Rất hài lòng" on the waiting offer, prints
                                                      "rated <offer id>" once it is stored, then keeps
                                                      running until killed
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from counter_app.services.context import AppContext
from ui.qt_app import make_app
from ui.rating.window import RatingWindow


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


def rate(data_dir: Path) -> int:
    app = make_app()
    ctx = AppContext(data_dir)
    window = RatingWindow(ctx, poll_ms=30)
    window.resize(1024, 600)
    window.show()

    def tap(offer_id: int) -> None:
        # A real mouse press and release on the face, as a finger would.
        QTimer.singleShot(0, lambda: QTest.mouseClick(window.level_buttons["very_satisfied"],
                                                      Qt.MouseButton.LeftButton))

    window.offerShown.connect(tap)
    window.rated.connect(lambda offer_id, _level: print(f"rated {offer_id}", flush=True))
    print("ready", flush=True)
    return int(app.exec())  # until the test kills us


if __name__ == "__main__":
    mode, folder = sys.argv[1], Path(sys.argv[2])
    sys.exit(place(folder) if mode == "place" else rate(folder))
