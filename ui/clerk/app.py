"""`counter-app` / `counter-app gui`: first-run wizard or login, then the main window on the primary screen.

`--screenshot PATH` (or $COUNTER_APP_SCREENSHOT) saves the first screen shown to PATH and exits: for
smoke tests and documentation.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.users import UserInfo
from ui.clerk.login import LoginDialog
from ui.clerk.services import ClerkServices
from ui.clerk.wizard import FirstRunWizard
from ui.live import live_changes
from ui.presence import Heartbeat
from ui.qt_app import LanguageManager, make_app
from ui.single_instance import set_front

if TYPE_CHECKING:
    from ui.clerk.main_window import MainWindow
    from ui.rating.window import RatingWindow


class ClerkSession(QObject):
    """Who is at the counter: wizard or login → main window → (log out) → login again."""

    window_opened = Signal(object)  # MainWindow

    def __init__(self, services: ClerkServices, languages: LanguageManager) -> None:
        super().__init__()
        self.services, self.languages = services, languages
        self.window: MainWindow | None = None
        self.dialog: QWidget | None = None
        self.rating_screen: RatingWindow | None = None  # opened with the clerk window (config permitting)

    def start(self) -> QWidget:
        if self.services.users.count() == 0:
            wizard = FirstRunWizard(self.services)
            wizard.accepted.connect(lambda: self.open_main(wizard.user))
            self.dialog = wizard
        else:
            login = LoginDialog(self.services)
            login.accepted.connect(lambda: self.open_main(login.user))
            self.dialog = login
        self.dialog.show()
        return self.dialog

    def open_main(self, user: UserInfo | None) -> None:
        if user is None:
            return
        # Imported once the clerk has logged in: the login dialog shows in a fraction of the time.
        from ui.clerk.main_window import MainWindow
        from ui.clerk.rating_hook import open_rating_screen

        window = MainWindow(self.services, user, self.languages)
        window.logout_requested.connect(self.logout)
        # --- extension point: things that open with the clerk window (e.g. the rating screen on the
        # second monitor) connect here, one line each, e.g. `open_rating_screen(window)`.
        self.rating_screen = open_rating_screen(window)  # offers; the citizen's screen on the 2nd monitor
        # --- end of extension point ---
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            window.setScreen(screen)
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
        # Keyboard first: the clerk types the next procedure at once, without a click on the window.
        window.raise_()
        window.activateWindow()
        window.intake_view.proc_search.setFocus()
        self.window = window
        self.window_opened.emit(window)

    def logout(self) -> None:
        old = self.window
        self.window = None
        self.start()  # the login dialog exists before the window closes, so the app keeps running
        if old is not None:
            old.close()
            old.deleteLater()


def run(args: Any, app: Any) -> int:
    ctx = app.ctx
    qapp = make_app()
    languages = LanguageManager(ctx.data_dir / "cache" / "i18n")
    languages.apply_now(ctx.config.ui.language)
    services = ClerkServices.from_ctx(ctx, live=live_changes(ctx.db))
    session = ClerkSession(services, languages)
    set_front(lambda: session.window or session.dialog)  # a second start brings this one forward
    # The office sees this counter and who is logged in (`office status`, the supervisor view).
    Heartbeat(
        ctx, "clerk", clerk=lambda: session.window.user.username if session.window else None, parent=session
    ).start()
    first = session.start()
    shot = getattr(args, "screenshot", None) or os.environ.get("COUNTER_APP_SCREENSHOT")
    if shot:
        QApplication.processEvents()
        Path(shot).parent.mkdir(parents=True, exist_ok=True)
        ok = first.grab().save(str(shot))
        first.close()
        return 0 if ok else 1
    return int(qapp.exec())
