"""The first-run wizard's database page, by keys: this PC pointed at the office's PostgreSQL (checked off the
GUI thread first), the first PC's setup then stored in the office database; a wrong address is one
sentence under the fields. And the settings window marks the keys the whole office shares."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from counter_app.office_check import url_fields
from counter_app.services.context import AppContext
from tests import office_db
from tests.clerk_support import PASSWORD, finish, save_shot, wait_idle
from tests.core_support import RawDb
from tests.test_clerk_keys import activate, focused, press, typed
from ui.clerk.app import ClerkSession
from ui.clerk.config_form import SHARED_MARK
from ui.clerk.services import ClerkServices
from ui.clerk.settings_view import SettingsView
from ui.clerk.wizard import FirstRunWizard
from ui.live import live_changes

pytest_plugins = ["tests.clerk_fixtures"]

needs_postgres = pytest.mark.skipif(not office_db.available(), reason=office_db.SKIP_REASON)
pytestmark = pytest.mark.both_backends


def _type_address(qtbot: Any, wizard: FirstRunWizard, url: str) -> None:
    """From the check box, as an installer would: Space (the focus goes to the server's field), then each
    field after a Tab."""
    page = wizard.database_page
    assert focused() is page.office
    press(qtbot, Qt.Key.Key_Space)
    assert page.office.isChecked() and page.edits["host"].isEnabled()
    values = dict(zip(("host", "port", "name", "user", "password"), url_fields(url), strict=True))
    for n, (field, text) in enumerate(values.items()):
        if n:
            press(qtbot, Qt.Key.Key_Tab)
        assert focused() is page.edits[field], field
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        typed(qtbot, text)


@needs_postgres
@pytest.mark.sqlite_only  # a new PC: its own file first
def test_first_run_points_this_pc_at_an_empty_office_database_by_keys(
    qtbot: Any, services: ClerkServices, languages: Any, ctx: AppContext
) -> None:
    with office_db.scratch_database() as url:
        first_feed = live_changes(ctx.db)  # as the program runs it: the office's changes followed
        session = ClerkSession(replace(services, live=first_feed), languages)
        wizard = session.start()
        assert isinstance(wizard, FirstRunWizard)
        qtbot.addWidget(wizard)
        activate(qtbot, wizard)
        _type_address(qtbot, wizard, url)
        page = wizard.database_page
        press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # "&Kiểm tra kết nối"
        qtbot.waitUntil(lambda: "Kết nối được" in page.status.text(), timeout=15_000)
        assert "còn trống" in page.status.text()  # no account yet: this PC sets the office up
        save_shot(wizard, "office-wizard-database-checked")

        press(qtbot, Qt.Key.Key_Return)  # Next: the session reopens on the office database
        qtbot.waitUntil(lambda: session.dialog is not wizard, timeout=60_000)
        again = session.dialog
        assert isinstance(again, FirstRunWizard)
        qtbot.addWidget(again)
        assert session.services.ctx.office_mode and again.currentPage() is again.agency_page
        # The feed now follows the office database; the one on this PC's file has stopped.
        feed = session.services.live
        assert feed is not None and feed.db is session.services.ctx.db
        qtbot.waitUntil(first_feed.isFinished, timeout=10_000)
        activate(qtbot, again)
        form = again.agency_page.form
        assert form.labels["agency.name"].text().startswith(SHARED_MARK)  # the office's, not this PC's
        assert not form.labels["counter.number"].text().startswith(SHARED_MARK)
        form.widgets["agency.name"].setFocus()
        for key, text in (
            ("agency.name", "UBND Phường Tân Định"),
            ("agency.parent", ""),
            ("agency.code", "000.00.07.H29"),
            ("agency.address", "2 Trần Quang Khải"),
            ("agency.province", "Thành phố Hồ Chí Minh"),
            ("agency.place", "Tân Định"),
        ):
            assert focused() is form.widgets[key], key
            typed(qtbot, text)
            press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: again.currentPage() is again.account_page)
        account = again.account_page
        account.full_name.setFocus()
        typed(qtbot, "Lê Thị Thu Hà")
        press(qtbot, Qt.Key.Key_Tab)
        typed(qtbot, PASSWORD)
        press(qtbot, Qt.Key.Key_Tab)
        typed(qtbot, PASSWORD)
        with qtbot.waitSignal(session.window_opened, timeout=15_000) as opened:
            press(qtbot, Qt.Key.Key_Return)
        qtbot.addWidget(opened.args[0])
        wait_idle(qtbot)
        office_ctx = session.services.ctx
        try:
            raw = RawDb(office_ctx)
            try:
                shared = dict(raw.execute("SELECT key, value FROM office_settings").fetchall())
                users = [r[0] for r in raw.execute("SELECT username FROM users").fetchall()]
            finally:
                raw.close()
            assert shared["agency.name"] == '"UBND Phường Tân Định"' and users == ["admin"]
            tree = tomllib.loads((ctx.data_dir / "config.toml").read_text(encoding="utf-8"))
            assert tree["database"]["url"] == url and "agency" not in tree  # the office's stays in it
        finally:
            opened.args[0].close()
            finish(qtbot)
            office_ctx.close()


@needs_postgres
@pytest.mark.sqlite_only
def test_a_wrong_address_is_one_sentence_and_the_wizard_stays(
    qtbot: Any, services: ClerkServices, languages: Any, ctx: AppContext
) -> None:
    session = ClerkSession(services, languages)
    wizard = session.start()
    assert isinstance(wizard, FirstRunWizard)
    qtbot.addWidget(wizard)
    activate(qtbot, wizard)
    host, _port, name, user, _pw = url_fields(office_db.database_url("postgres"))
    _type_address(qtbot, wizard, f"postgresql+psycopg://{user}@{host}:1/{name}")
    press(qtbot, Qt.Key.Key_Return)  # Next checks first: nothing answers on port 1
    page = wizard.database_page
    qtbot.waitUntil(lambda: "không kết nối được máy chủ" in page.status.text(), timeout=15_000)
    assert f"{host}:1" in page.status.text() and "Traceback" not in page.status.text()
    assert wizard.currentPage() is page and session.dialog is wizard
    assert ctx.config.database.url == ""  # nothing saved
    finish(qtbot)


def test_the_settings_window_marks_the_office_keys_only_on_an_office_database(
    qtbot: Any, services: ClerkServices, admin: Any, backend: str
) -> None:
    view = SettingsView(services, admin)
    qtbot.addWidget(view)
    agency = view.forms["agency"]
    office = backend == "postgresql"
    assert agency.labels["agency.name"].text().startswith(SHARED_MARK) == office
    assert not agency.labels["counter.number"].text().startswith(SHARED_MARK)
    assert view.shared_note.isVisibleTo(view) == office
    agency.widgets["agency.name"].setText("UBND Phường Đa Kao")
    agency.widgets["counter.number"].setText("6")
    view.save()
    qtbot.waitUntil(lambda: "Đã lưu 2" in view.message.text(), timeout=10_000)
    assert services.config.agency.name == "UBND Phường Đa Kao" and services.config.counter.number == 6
    finish(qtbot)


@pytest.mark.sqlite_only  # a new PC's first start; no server needed to be refused
def test_a_wrong_office_address_names_its_field_and_puts_the_focus_there(
    qtbot: Any, services: ClerkServices, languages: Any
) -> None:
    """One status line serves all the page's fields: it says which one is wrong, and the keyboard goes
    there, as the wizard's other pages do."""
    session = ClerkSession(services, languages)
    wizard = session.start()
    assert isinstance(wizard, FirstRunWizard)
    qtbot.addWidget(wizard)
    activate(qtbot, wizard)
    page = wizard.database_page
    press(qtbot, Qt.Key.Key_Space)  # the office's database; the server's field left empty
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.edits["port"]
    press(qtbot, Qt.Key.Key_Return)  # Next
    qtbot.waitUntil(lambda: page.status.text() != "")
    assert page.status.text() == "Máy chủ: không được để trống"
    assert focused() is page.edits["host"] and wizard.currentPage() is page
    typed(qtbot, "127.0.0.1")
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # "&Kiểm tra kết nối": the next one
    qtbot.waitUntil(lambda: page.status.text().startswith("Tên cơ sở dữ liệu:"))
    assert focused() is page.edits["name"]
    finish(qtbot)
