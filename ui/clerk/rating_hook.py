"""What the clerk window does for the rating screen: offer every finished transaction for rating, and
open the citizen's screen next to the window as `rating.open_with_clerk` says (ui/rating/app.py).

The clerk session (ui/clerk/app.py) calls `open_rating_screen(window)` and keeps what it returns.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from counter_app.errors import AppError
from ui.clerk.main_window import MainWindow
from ui.jobs import run_job
from ui.rating.app import open_alongside
from ui.rating.window import RatingWindow


def connect_offers(window: MainWindow) -> Callable[[str, str], None]:
    """Each `transaction_finished(kind, ref)` of the clerk window becomes a rating offer (off the GUI
    thread); a refusal (e.g. already rated) shows in the status bar, nothing else is disturbed.
    Returns the connected slot (to disconnect it)."""
    ratings = window.services.ratings
    clerk = window.user.username

    def failed(exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
        window.status.showMessage(
            QCoreApplication.translate("MainWindow", "Không mời đánh giá được: {error}").format(error=text),
            10_000,
        )

    def offer(kind: str, ref: str) -> None:
        run_job(ratings.offer, kind, ref, clerk, on_error=failed)

    window.transaction_finished.connect(offer)
    return offer


def open_rating_screen(window: MainWindow) -> RatingWindow | None:
    """Hook the clerk window up; returns the rating screen when it opened here (config permitting)."""
    connect_offers(window)
    screen = open_alongside(window.services.ctx, clerk=window.user.username, clerk_window=window)
    if screen is not None:
        # Closes with the clerk window (log-out deletes it; quitting closes the last clerk window).
        window.destroyed.connect(screen.shutdown)
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.lastWindowClosed.connect(screen.shutdown)
    return screen
