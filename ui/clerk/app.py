"""`counter-app` / `counter-app gui`: first-run wizard or login, then the main window on the primary screen.

The login is on screen first, built from the configuration file alone; the database layer is imported
and the database opened (checked, migrated) in a job behind it, so the clerk types while it opens
(benchmarks/startup_bench.py measures process start → login painted). With no account yet, the
first-run wizard replaces the login once the database says so; a database that cannot be opened is said
in a dialog (ui/start_failure.py) and the program exits with that failure's status; an office server
that does not answer is no such failure: the login says so and waits for it (RETRY_OPEN_MS).

`--screenshot PATH` (or $COUNTER_APP_SCREENSHOT) saves the first screen shown to PATH and exits: for
smoke tests and documentation.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.config import Config
from counter_app.errors import AppError
from counter_app.paths import config_file, data_dir
from counter_app.storage_errors import OfficeServerDown
from ui.clerk.common import start_job
from ui.clerk.login import LoginDialog
from ui.jobs import run_job
from ui.qt_app import LanguageManager, make_app
from ui.single_instance import set_front

if TYPE_CHECKING:  # the database layer: loaded behind the login (ClerkStartup)
    from counter_app.services.context import AppContext
    from counter_app.services.users import UserInfo
    from ui.clerk.main_window import MainWindow
    from ui.clerk.services import ClerkServices
    from ui.presence import Heartbeat
    from ui.rating.window import RatingWindow

log = logging.getLogger(__name__)

# The launcher (ui/cli.py) leaves the database to this window: it opens it behind the login.
OPENS_DATABASE_BEHIND_LOGIN = True
# The office server unreachable at start: the login says so and the database is opened again this often
# (a refused connection fails at once; an unanswered one after db/office_engine.py's connect timeout).
RETRY_OPEN_MS = 1000


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

    def start(self, login: LoginDialog | None = None) -> QWidget:
        """The wizard (no account yet) or the login; `login`: the one already on screen, kept."""
        if self.services.users.count() == 0:
            from ui.clerk.wizard import FirstRunWizard

            if login is not None:
                login.close()
                login.deleteLater()
            wizard = FirstRunWizard(self.services)
            wizard.accepted.connect(lambda: self.open_main(wizard.user))
            wizard.database_page.chosen.connect(self.switch_database)
            self.dialog = wizard
        else:
            if login is None:
                login = LoginDialog(self.services)
            else:
                login.set_services(self.services)
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

    def _tell_office(self) -> None:
        """Who is logged in changed: the office (supervisor view, `office status`) hears it now, not at the
        next heartbeat."""
        if self.heartbeat is not None:
            self.heartbeat.beat()

    def switch_database(self, url: str) -> None:
        """The first-run wizard chose another database (the office's, or back to this PC's file): reopen
        on it off the GUI thread (an empty office database is migrated first), then start again there:
        the wizard when it has no account yet, else the login."""
        from ui.clerk.wizard import FirstRunWizard

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
        from ui.clerk.services import ClerkServices
        from ui.clerk.wizard import FirstRunWizard
        from ui.live import live_changes, retire

        old, old_dialog = self.services, self.dialog
        # The office's changes keep coming, now from the database reopened on (none when there were none).
        live = live_changes(ctx.db) if old.live is not None else None
        self.services = ClerkServices.from_ctx(ctx, live=live)
        if old.live is not None:
            retire(old.live)
        if self.heartbeat is not None:
            self.start_heartbeat()
        shown = self.start()
        if isinstance(shown, FirstRunWizard) and ctx.config.database.url:
            shown.next()  # the database is chosen: on to the agency
        if old_dialog is not None:
            old_dialog.hide()
            old_dialog.deleteLater()
        old.ctx.close()

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
        self._tell_office()
        self.window_opened.emit(window)

    def logout(self) -> None:
        old = self.window
        self.window = None
        self._tell_office()
        self.start()  # the login dialog exists before the window closes, so the app keeps running
        if old is not None:
            old.close()
            old.deleteLater()


def reopen_on(services: ClerkServices, url: str) -> AppContext:
    """This PC's data dir opened on `url` (kept in its config.toml); the previous URL is put back when the
    new database cannot be opened, so the next start is not stranded."""
    from counter_app.services.context import AppContext
    from counter_app.services.users import NO_CLERK

    ctx = services.ctx
    before = ctx.config.database.url
    services.settings.set("database.url", url, actor=NO_CLERK)
    try:
        return AppContext(ctx.data_dir, clock=ctx.clock)
    except BaseException:
        services.settings.set("database.url", before, actor=NO_CLERK)
        raise


class ClerkStartup(QObject):
    """The login on screen from the configuration alone, the database opened in a job behind it, then
    the session (login kept, or the wizard when there is no account yet) with the office's live changes
    and the heartbeat. An office server that does not answer is said on the login, and the database is
    opened again until it does. `failed(text, status)` when the database cannot be opened; `show_failure` says it
    to the clerk (a dialog by default); run() then ends the program with that status."""

    opened = Signal(object)  # ClerkSession
    failed = Signal(str, int)

    def __init__(self, app: Any, *, show_failure: Any = None, live: bool = True) -> None:
        super().__init__()
        self.app = app
        self.live = live
        root = data_dir(app.data_dir)
        config = Config(config_file(root))
        self.languages = LanguageManager(root / "cache" / "i18n")
        self.languages.apply_now(config.ui.language)
        self.login = LoginDialog(None, config=config)
        self.session: ClerkSession | None = None
        self.exit_code: int | None = None
        self._show_failure = show_failure or _show_start_failure
        set_front(self.front)  # a second start brings this one forward
        when_painted(self.login, self._open)
        self.login.show()

    def front(self) -> QWidget | None:
        """What a second start brings forward (ui/single_instance.py)."""
        if self.session is not None:
            return self.session.window or self.session.dialog
        return self.login

    def _open(self) -> None:
        run_job(_open_services, self.app, on_done=self._opened, on_error=self._not_opened)

    def _opened(self, services: ClerkServices) -> None:
        self.login.show_office_down(False)
        if self.live:  # the feed's thread belongs to the GUI thread's objects: made here, not in the job
            from ui.live import live_changes

            services = replace(services, live=live_changes(services.ctx.db))
        self.session = ClerkSession(services, self.languages)
        self.session.start_heartbeat()
        self.session.start(self.login)
        self.opened.emit(self.session)

    def _not_opened(self, exc: BaseException) -> None:
        failure = exc if isinstance(exc, AppError) else self.app.storage_failure(exc)
        if isinstance(failure, OfficeServerDown):  # not a start failure: it opens once the server answers
            if not self.login.office_banner.isVisibleTo(self.login):
                log.warning("office server unreachable at start, retrying: %s", exc)
            self.login.show_office_down(True)
            QTimer.singleShot(RETRY_OPEN_MS, self._open)
            return
        text = str(failure) if failure is not None else _unexpected(exc)
        self.exit_code = failure.exit_code if failure is not None else 70
        sys.stderr.write(f"Lỗi: {text}\n")
        self._show_failure(text)  # over the login, which closes after it (closing it first would quit)
        self.failed.emit(text, self.exit_code)  # run() ends the program with that status
        self.login.close()


def run(args: Any, app: Any) -> int:
    shot = getattr(args, "screenshot", None) or os.environ.get("COUNTER_APP_SCREENSHOT")
    if shot:
        return _screenshot(app, Path(shot))
    qapp = make_app()
    startup = ClerkStartup(app)
    startup.failed.connect(lambda _text, status: qapp.exit(status))
    code = int(qapp.exec())
    return startup.exit_code if startup.exit_code is not None else code


def _show_start_failure(text: str) -> None:
    from ui.start_failure import show_start_failure

    show_start_failure(text)


def _open_services(app: Any) -> ClerkServices:
    """In a job: the database layer's imports, the database opened (checked, migrated), the services."""
    from ui.clerk.services import ClerkServices

    services = ClerkServices.from_ctx(app.ctx)
    services.users.count()  # the first query's cost paid here, not on the GUI thread
    return services


def _unexpected(exc: BaseException) -> str:
    from counter_app import logs

    return logs.unexpected_sentence(exc)


def when_painted(widget: QWidget, then: Any) -> None:
    """Call `then` once, right after `widget` is first painted: work that would compete with showing it
    for the one Python thread (the GIL) starts when the clerk already sees it."""

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    probe = FirstPaint(widget)
    widget.installEventFilter(probe)


def _screenshot(app: Any, shot: Path) -> int:
    """The first screen (wizard or login) with the database opened first: a picture, not a race."""
    from ui.clerk.services import ClerkServices

    ctx = app.ctx
    make_app()
    languages = LanguageManager(ctx.data_dir / "cache" / "i18n")
    languages.apply_now(ctx.config.ui.language)
    session = ClerkSession(ClerkServices.from_ctx(ctx), languages)
    first = session.start()
    QApplication.processEvents()
    shot.parent.mkdir(parents=True, exist_ok=True)
    ok = first.grab().save(str(shot))
    first.close()
    return 0 if ok else 1
