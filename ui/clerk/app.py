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

from counter_app.services.context import AppContext
from counter_app.services.users import NO_CLERK, UserInfo
from ui.clerk.common import start_job
from ui.clerk.login import LoginDialog
from ui.clerk.services import ClerkServices
from ui.clerk.wizard import FirstRunWizard
from ui.live import live_changes
from ui.qt_app import LanguageManager, make_app
from ui.single_instance import set_front

if TYPE_CHECKING:
    from ui.clerk.main_window import MainWindow
    from ui.presence import Heartbeat
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
        self.heartbeat: Heartbeat | None = None

    def start(self) -> QWidget:
        if self.services.users.count() == 0:
            wizard = FirstRunWizard(self.services)
            wizard.accepted.connect(lambda: self.open_main(wizard.user))
            wizard.database_page.chosen.connect(self.switch_database)
            self.dialog = wizard
        else:
            login = LoginDialog(self.services)
            login.accepted.connect(lambda: self.open_main(login.user))
            self.dialog = login
        self.dialog.show()
        return self.dialog

    def start_heartbeat(self) -> None:
        """The office sees this counter and who is logged in (`office status`, the supervisor view)."""
        from ui.presence import Heartbeat

        if self.heartbeat is not None:
            self.heartbeat.timer.stop()
            self.heartbeat.deleteLater()
        self.heartbeat = Heartbeat(
            self.services.ctx,
            "clerk",
            clerk=lambda: self.window.user.username if self.window else None,
            parent=self,
        ).start()

    def switch_database(self, url: str) -> None:
        """The first-run wizard chose another database (the office's, or back to this PC's file): reopen
        on it off the GUI thread (an empty office database is migrated first), then start again there:
        the wizard when it has no account yet, else the login."""
        page = self.dialog.database_page if isinstance(self.dialog, FirstRunWizard) else None
        start_job(
            self,
            reopen_on,
            self.services,
            url,
            on_done=self._reopened,
            on_error=page.show_failure if page is not None else None,
        )

    def _reopened(self, ctx: AppContext) -> None:
        old_ctx, old_dialog = self.services.ctx, self.dialog
        self.services = ClerkServices.from_ctx(ctx)
        if self.heartbeat is not None:
            self.start_heartbeat()
        shown = self.start()
        if isinstance(shown, FirstRunWizard) and ctx.config.database.url:
            shown.next()  # the database is chosen: on to the agency
        if old_dialog is not None:
            old_dialog.hide()
            old_dialog.deleteLater()
        old_ctx.close()

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


def reopen_on(services: ClerkServices, url: str) -> AppContext:
    """This PC's data dir opened on `url` (kept in its config.toml); the previous URL is put back when the
    new database cannot be opened, so the next start is not stranded."""
    ctx = services.ctx
    before = ctx.config.database.url
    services.settings.set("database.url", url, actor=NO_CLERK)
    try:
        return AppContext(ctx.data_dir, clock=ctx.clock)
    except BaseException:
        services.settings.set("database.url", before, actor=NO_CLERK)
        raise


def run(args: Any, app: Any) -> int:
    ctx = app.ctx
    qapp = make_app()
    languages = LanguageManager(ctx.data_dir / "cache" / "i18n")
    languages.apply_now(ctx.config.ui.language)
    services = ClerkServices.from_ctx(ctx, live=live_changes(ctx.db))
    session = ClerkSession(services, languages)
    set_front(lambda: session.window or session.dialog)  # a second start brings this one forward
    session.start_heartbeat()
    first = session.start()
    shot = getattr(args, "screenshot", None) or os.environ.get("COUNTER_APP_SCREENSHOT")
    if shot:
        QApplication.processEvents()
        Path(shot).parent.mkdir(parents=True, exist_ok=True)
        ok = first.grab().save(str(shot))
        first.close()
        return 0 if ok else 1
    return int(qapp.exec())
