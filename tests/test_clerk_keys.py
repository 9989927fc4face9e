"""Dialogs driven the way a clerk drives them: keys only, each sent to the widget that has the focus.

Offscreen Qt has no window manager, so each test activates its window first; after that every key
goes where a real keyboard's would (`QApplication.focusWidget()`), never straight to a chosen field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.clerk_support import PASSWORD, add_user, finish, type_text, wait_idle
from tests.forms_support import BANK, receive
from ui.clerk.app import ClerkSession
from ui.clerk.login import LoginDialog
from ui.clerk.wizard import FirstRunWizard

pytest_plugins = ["tests.clerk_fixtures"]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def typed(qtbot: Any, text: str) -> None:
    type_text(qtbot, focused(), text)


def activate(qtbot: Any, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_login_by_enter_logs_in_and_does_not_quit(
    qtbot: Any, services: Any, ctx: Any, languages: Any
) -> None:
    add_user(ctx, "lan.nt", "clerk", "Nguyễn Thị Lan")
    session = ClerkSession(services, languages)
    dialog = session.start()
    assert isinstance(dialog, LoginDialog)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))

    typed(qtbot, "lan.nt")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is dialog.password
    assert dialog.error.text() == ""  # Enter on the name moves on; it does not try a login yet
    typed(qtbot, "sai-mat-khau")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in dialog.error.text())
    assert not rejected and dialog.isVisible()
    assert focused() is dialog.password  # the password is selected: typing replaces it

    typed(qtbot, PASSWORD)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.window is not None, timeout=5000)
    assert not rejected, "Enter in the password box quit the app"
    window = session.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.intake_view.proc_search)
    finish(qtbot)


def test_login_enter_while_checking_never_reaches_quit(
    qtbot: Any, services: Any, ctx: Any, app_qt: Any
) -> None:
    """A second Enter while the password is being checked (scrypt) neither quits nor logs in twice."""
    add_user(ctx, "lan.nt", "clerk", "Nguyễn Thị Lan")
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    rejected: list[bool] = []
    accepted: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    dialog.accepted.connect(lambda: accepted.append(True))
    typed(qtbot, "lan.nt")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.password
    typed(qtbot, PASSWORD)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is not dialog.quit_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(accepted), timeout=5000)
    assert accepted == [True] and not rejected
    finish(qtbot)


def test_login_escape_and_tab_order(qtbot: Any, services: Any, ctx: Any, app_qt: Any) -> None:
    add_user(ctx, "lan.nt", "clerk", "Nguyễn Thị Lan")
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert focused() is dialog.username
    order = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(focused())
    assert order == [dialog.password, dialog.login_button, dialog.quit_button, dialog.username]
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        press(qtbot, Qt.Key.Key_Escape)  # Escape is "Thoát": the clerk asked for it
    finish(qtbot)


def _search(qtbot: Any, window: Any, query: str) -> int:
    """Type the query into the focused board search box and press Enter; the number of results."""
    board = window.board_view
    assert focused() is board.search
    board.search.selectAll()
    typed(qtbot, query)
    with qtbot.waitSignal(window.board.searched, timeout=5000) as sig:
        press(qtbot, Qt.Key.Key_Return)
    return int(sig.args[0])


def test_board_search_with_no_result_leaves_no_stale_dossier(qtbot: Any, window: Any, ctx: Any) -> None:
    code = receive(ctx, actor="admin")
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: focused() is window.board_view.search)
    wait_idle(qtbot)
    bv = window.board_view
    # By name: a code typed + Enter opens the dossier straight away (what a scanned receipt does).
    assert _search(qtbot, window, "hong nhung") == 1
    assert bv.current_view() is not None and code in bv.selected.text()
    assert bv.action_buttons["processing"].isEnabled()

    assert _search(qtbot, window, "khong co ai ten nay") == 0
    assert bv.current_view() is None
    assert code not in bv.selected.text()
    assert not bv.detail_button.isEnabled()
    assert not any(b.isEnabled() for b in bv.action_buttons.values())
    assert not any(a.button.isEnabled() for a in window.board.extra.values())
    assert "Không tìm thấy" in bv.action_message.text()

    assert _search(qtbot, window, "hong nhung") == 1
    assert "Không tìm thấy" not in bv.action_message.text()  # the old "not found" went with its search
    assert code in bv.selected.text() and bv.action_buttons["processing"].isEnabled()
    finish(qtbot)


def test_payment_dialog_drops_an_old_error_once_the_amount_is_right(
    qtbot: Any, window: Any, ctx: Any
) -> None:
    ctx.config.update(BANK)
    code = receive(ctx, actor="admin")  # 15 000 đồng
    window.show_panel("board")
    window.board.refresh()
    wait_idle(qtbot)
    assert window.board_view.select_code("today", code)
    collector = window.payment_collector
    with qtbot.waitSignal(collector.opened, timeout=5000) as sig:
        window.board.extra["payment"].button.click()
    dialog = sig.args[0]
    activate(qtbot, dialog)
    assert focused() is dialog.amount
    typed(qtbot, "99.000")  # the amount was selected: typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    assert "vượt số còn phải nộp" in dialog.message.text()
    assert dialog.isVisible() and focused() is dialog.amount
    typed(qtbot, "15.000")
    assert dialog.message.text() == "", "the error about 99.000 stayed after the amount was corrected"
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, Qt.Key.Key_Return)
    wait_idle(qtbot)
    finish(qtbot)


def test_forms_and_register_dialogs_print_on_enter(qtbot: Any, window: Any, ctx: Any) -> None:
    code = receive(ctx, actor="admin")
    window.show_panel("board")
    window.board.refresh()
    wait_idle(qtbot)
    assert window.board_view.select_code("today", code)
    fp = window.forms_printing
    window.board.extra["forms"].button.click()
    qtbot.waitUntil(lambda: fp.dialog is not None and fp.dialog.isVisible())
    dialog = fp.dialog
    activate(qtbot, dialog)
    assert focused() is dialog.form  # the first choice, not "Đóng"
    with qtbot.waitSignal(dialog.print_requested, timeout=2000) as sig:
        press(qtbot, Qt.Key.Key_Return)
    assert sig.args[0] == "receipt" and not dialog.isVisible()
    wait_idle(qtbot)
    if fp.message_box is not None:
        fp.message_box.close()

    fp.open_register_dialog()
    register = fp.register_dialog
    activate(qtbot, register)
    assert focused() is register.date_from
    with qtbot.waitSignal(register.print_requested, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert not register.isVisible()
    wait_idle(qtbot)
    if fp.message_box is not None:
        fp.message_box.close()
    finish(qtbot)


def test_first_run_wizard_has_examples_not_values_and_shows_every_error_at_once(
    qtbot: Any, services: Any, ctx: Any, app_qt: Any
) -> None:
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    activate(qtbot, wizard)
    assert wizard.currentPage() is wizard.database_page
    press(qtbot, Qt.Key.Key_Return)  # this PC's own file (one counter): nothing to check
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.agency_page)
    form = wizard.agency_page.form
    name = form.widgets["agency.name"]
    assert focused() is name
    for key in (
        "agency.name",
        "agency.parent",
        "agency.code",
        "agency.address",
        "agency.province",
        "agency.place",
    ):
        field = form.widgets[key]
        assert field.text() == "", (
            f"{key} is pre-filled with {field.text()!r}: Enter would accept another office's"
        )
        assert field.placeholderText(), f"{key} has no example"
    assert "000.00.06.H56" in form.widgets["agency.code"].placeholderText()

    press(qtbot, Qt.Key.Key_Return)  # nothing typed: refused, every missing field says so at once
    assert wizard.currentPage() is wizard.agency_page
    required = ("agency.name", "agency.code", "agency.address", "agency.province", "agency.place")
    for key in required:
        assert form.messages[key].text(), f"no message under {key}"
    assert focused() is name

    for key, text in (
        ("agency.name", "UBND Xã Tân Phú"),
        ("agency.parent", "UBND Tỉnh Đồng Nai"),
        ("agency.code", "000.00.31.H19"),
        ("agency.address", "1 Quốc lộ 20, Xã Tân Phú"),
        ("agency.province", "Tỉnh Đồng Nai"),
        ("agency.place", "Tân Phú"),
    ):
        assert focused() is form.widgets[key]
        typed(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.account_page)

    page = wizard.account_page
    page.username.setFocus()
    page.username.selectAll()
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Return)  # every field wrong at once
    assert all(page.messages[k].text() for k in ("username", "full_name", "password"))
    assert not wizard.user

    page.username.setFocus()
    typed(qtbot, "admin")
    press(qtbot, Qt.Key.Key_Tab)
    typed(qtbot, "Lê Thị Thu Hà")
    press(qtbot, Qt.Key.Key_Tab)
    typed(qtbot, PASSWORD)
    press(qtbot, Qt.Key.Key_Tab)
    typed(qtbot, PASSWORD)
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        press(qtbot, Qt.Key.Key_Return)
    assert ctx.config.agency.code == "000.00.31.H19" and ctx.config.agency.place == "Tân Phú"
    finish(qtbot)


def test_an_action_from_the_search_tab_refreshes_its_results(qtbot: Any, window: Any, ctx: Any) -> None:
    """The search results are re-read after an action, even when the search box was emptied meanwhile:
    the row shows the new state and the action just taken is no longer offered."""
    code = receive(ctx, actor="admin")
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: focused() is window.board_view.search)
    wait_idle(qtbot)
    bv = window.board_view
    assert _search(qtbot, window, "hong nhung") == 1
    assert bv.current_view() is not None and bv.current_view().status == "received"
    board = window.board_view.search
    board.selectAll()
    press(qtbot, Qt.Key.Key_Backspace)  # the clerk empties the box; the results stay on the tab
    assert bv.tab_key() == "search" and bv.current_view() is not None
    with qtbot.waitSignal(window.board.searched, timeout=5000):
        bv.action_buttons["processing"].click()
    wait_idle(qtbot)
    assert bv.tab_key() == "search"
    view = bv.current_view()
    assert view is not None and view.code == code and view.status == "processing"
    assert not bv.action_buttons["processing"].isEnabled()
    finish(qtbot)


def test_the_office_sees_who_logged_in_at_once_not_at_the_next_heartbeat(
    qtbot: Any, services: Any, ctx: Any, languages: Any
) -> None:
    """The supervisor view and `office status` name the clerk as soon as the login is through (and nobody
    once logged out), not up to a heartbeat interval (10 s) later."""
    from counter_app.services.presence import HEARTBEAT_S, PresenceService

    def clerks() -> list[str | None]:
        return [p.clerk for p in PresenceService(ctx).list() if p.role == "clerk"]

    add_user(ctx, "lan.nt", "clerk", "Nguyễn Thị Lan")
    session = ClerkSession(services, languages)
    dialog = session.start()
    qtbot.addWidget(dialog)
    session.start_heartbeat()
    qtbot.waitUntil(lambda: clerks() == [None], timeout=5000)
    activate(qtbot, dialog)
    typed(qtbot, "lan.nt")
    press(qtbot, Qt.Key.Key_Return)
    typed(qtbot, PASSWORD)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.window is not None, timeout=5000)
    # Well inside one heartbeat interval: only a beat sent by the login itself can bring the name.
    qtbot.waitUntil(lambda: clerks() == ["lan.nt"], timeout=int(HEARTBEAT_S * 1000 / 2))
    session.logout()  # the window goes (deleteLater), the login comes back
    assert session.dialog is not None and session.dialog is not dialog
    qtbot.addWidget(session.dialog)
    qtbot.waitUntil(lambda: clerks() == [None], timeout=int(HEARTBEAT_S * 1000 / 2))
    assert session.heartbeat is not None
    session.heartbeat.timer.stop()
    qtbot.waitUntil(lambda: not session.heartbeat._in_flight, timeout=5000)
    finish(qtbot)
