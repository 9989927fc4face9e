"""What the clerk window does for the rating screen: offer every finished transaction for rating, and
open the citizen's screen next to the window when `rating.open_with_clerk` is on.

One line in the clerk session's extension point calls `open_rating_screen(window)`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from counter_app.errors import AppError
from counter_app.services.ratings import RatingService
from ui.jobs import run_job
from ui.rating.app import open_alongside
from ui.rating.window import RatingWindow


def connect_offers(window: Any) -> None:
    """Each `transaction_finished(kind, ref)` of the clerk window becomes a rating offer (off the GUI
    thread); a refusal (e.g. already rated) shows in the status bar, nothing else is disturbed."""
    signal = getattr(window, "transaction_finished", None)
    if signal is None:
        return
    ratings = RatingService(window.services.ctx)
    clerk = window.user.username

    def failed(exc: BaseException) -> None:
        bar = window.statusBar() if hasattr(window, "statusBar") else None
        text = str(exc) if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
        if bar is not None:
            bar.showMessage(
                QCoreApplication.translate("MainWindow", "Không mời đánh giá được: {error}").format(
                    error=text
                ),
                10_000,
            )

    def offer(kind: str, ref: str) -> None:
        run_job(ratings.offer, kind, ref, clerk, on_error=failed)

    signal.connect(offer)
    window.rating_offer_slot = offer  # kept for tests and for disconnecting


def open_rating_screen(window: Any) -> RatingWindow | None:
    """Hook the clerk window up; returns the rating screen when it opened here (config permitting)."""
    connect_offers(window)
    screen = open_alongside(window.services.ctx, clerk=window.user.username)
    window.rating_screen = screen
    if screen is not None:
        # Closes with the clerk window (log-out deletes it; quitting closes the last clerk window).
        window.destroyed.connect(screen.shutdown)
        app = QApplication.instance()
        if app is not None:
            app.lastWindowClosed.connect(screen.shutdown)
    return screen
