"""The clerk window's start (ui/clerk/app.py ClerkStartup): the login is on screen before the database is
open, a login typed meanwhile goes through once it is, no account means the wizard, and a database that
cannot be opened is said (and the exit status is its failure's). Driven by keys, with the real database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.cli.runtime import CliApp
from counter_app.services.context import AppContext
from tests.clerk_support import PASSWORD, add_user, finish, type_text
from ui.clerk.app import ClerkStartup
from ui.clerk.wizard import FirstRunWizard

pytest_plugins = ["tests.clerk_fixtures"]


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def _cli_app(data_dir: Path) -> CliApp:
    return CliApp(argparse.Namespace(data_dir=str(data_dir), command="gui"))


def _with_account(data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    try:
        add_user(ctx, "lan.nt", "clerk", "Nguyễn Thị Lan")
    finally:
        ctx.close()


def test_the_login_is_up_before_the_database_and_a_login_typed_meanwhile_goes_through(
    qtbot: Any, app_qt: Any, tmp_path: Path
) -> None:
    data_dir = tmp_path / "office"
    _with_account(data_dir)
    app = _cli_app(data_dir)
    startup = ClerkStartup(app)
    login = startup.login
    qtbot.addWidget(login)
    # Shown from the configuration alone: the database opens once the dialog is painted.
    assert login.isVisible() and login.services is None and startup.session is None
    assert "Quầy 1" in login.title.text()
    login.activateWindow()
    qtbot.waitUntil(login.isActiveWindow)

    type_text(qtbot, _focused(), "lan.nt")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is login.password
    type_text(qtbot, _focused(), PASSWORD)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: startup.session is not None and startup.session.window is not None, timeout=60_000
    )
    assert startup.session is not None
    window = startup.session.window
    assert window is not None and window.user.username == "lan.nt"
    qtbot.addWidget(window)
    assert startup.front() is window  # what a second start brings forward
    finish(qtbot)
    app.close()


def test_with_no_account_the_wizard_replaces_the_login(qtbot: Any, app_qt: Any, tmp_path: Path) -> None:
    app = _cli_app(tmp_path / "fresh")
    startup = ClerkStartup(app)
    login = startup.login  # not handed to qtbot: the session deletes it when the wizard takes over
    with qtbot.waitSignal(startup.opened, timeout=60_000):
        pass
    assert startup.session is not None
    assert isinstance(startup.session.dialog, FirstRunWizard)
    qtbot.addWidget(startup.session.dialog)
    assert startup.session.dialog.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(login) or not login.isVisible())
    finish(qtbot)
    app.close()


def test_a_damaged_database_is_said_over_the_login_with_its_exit_status(
    qtbot: Any, app_qt: Any, tmp_path: Path
) -> None:
    data_dir = tmp_path / "office"
    data_dir.mkdir()
    (data_dir / "counter.sqlite").write_bytes(b"not a database at all, " * 400)
    said: list[str] = []
    app = _cli_app(data_dir)
    startup = ClerkStartup(app, show_failure=said.append)
    qtbot.addWidget(startup.login)
    with qtbot.waitSignal(startup.failed, timeout=60_000) as failed:
        pass
    text, status = failed.args
    assert said == [text] and status == 7  # a damaged or foreign database file
    assert "Traceback" not in text and str(data_dir / "counter.sqlite") in text
    assert startup.exit_code == 7 and startup.session is None
    qtbot.waitUntil(lambda: not startup.login.isVisible())
    finish(qtbot)
    app.close()
