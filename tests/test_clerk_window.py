"""The clerk window driven through its real widgets, on a real SQLite file (the `ctx` fixture)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from counter_app.domain.wording import format_due
from counter_app.services.dossiers import DossierService
from counter_app.services.users import UserService
from tests.clerk_support import (
    CARD,
    PASSWORD,
    add_user,
    back_to,
    fill_applicant,
    finish,
    pick_procedure,
    type_text,
    wait_idle,
)
from ui.clerk.board_view import RED
from ui.clerk.login import LoginDialog
from ui.clerk.main_window import MainWindow
from ui.clerk.wizard import FirstRunWizard

pytest_plugins = ["tests.clerk_fixtures"]


def _receive_typed(qtbot: Any, window: MainWindow, **over: str) -> str:
    """Receive a birth registration by typing; returns the new dossier code."""
    pick_procedure(qtbot, window, "khai sinh")
    values = {
        "full_name": "Nguyễn Văn An",
        "id_number": "079203001234",
        "phone": "0912345678",
        "address": "12 Lê Lợi, Phường Bến Nghé",
    }
    values.update(over)
    fill_applicant(qtbot, window, **values)
    with qtbot.waitSignal(window.transaction_finished, timeout=5000) as sig:
        qtbot.keyClick(
            window.intake_view.fields["address"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    kind, code = sig.args
    assert kind == "intake"
    wait_idle(qtbot)
    window.intake.summary_dialog.accept()
    back_to(qtbot, window)
    return str(code)


def test_login_with_keyboard(qtbot: Any, services: Any, ctx: Any, app_qt: Any) -> None:
    add_user(ctx, "an.nv", "clerk", "Nguyễn Văn An")
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "an.nv")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.password.hasFocus() or dialog.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.password, "sai-mat-khau")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in dialog.error.text())
    assert dialog.user is None and dialog.isVisible()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.user is not None and dialog.user.username == "an.nv" and dialog.user.role == "clerk"
    finish(qtbot)


def test_first_run_wizard_sets_agency_and_admin(qtbot: Any, services: Any, ctx: Any, app_qt: Any) -> None:
    assert UserService(ctx).count() == 0
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # the database page: this PC's own file
    form = wizard.agency_page.form
    form.widgets["agency.code"].setText("000.00.06.h56")  # lower case: refused, named
    assert not wizard.agency_page.validatePage()
    assert "chữ in hoa" in form.messages["agency.code"].text()
    form.widgets["agency.code"].setText("000.00.12.H29")
    form.widgets["agency.name"].setText("UBND Phường Hàng Trống")
    form.widgets["agency.address"].setText("1 Hàng Trống, Phường Hàng Trống")
    form.widgets["agency.province"].setText("Thành phố Hà Nội")
    form.widgets["agency.place"].setText("Hàng Trống")
    form.widgets["counter.number"].setText("3")
    wizard.next()
    page = wizard.account_page
    page.full_name.setText("Lê Thị Thu Hà")
    page.password.setText("ngan")
    page.password2.setText("ngan")
    wizard.accept()
    assert "ít nhất 8 ký tự" in page.messages["password"].text()
    page.password.setText(PASSWORD)
    page.password2.setText(PASSWORD)
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        wizard.accept()
    assert wizard.user is not None and wizard.user.role == "admin"
    assert ctx.config.get("agency.code") == "000.00.12.H29"
    assert ctx.config.get("counter.number") == 3
    assert UserService(ctx).authenticate("admin", PASSWORD) is not None
    finish(qtbot)


def test_receive_by_typing_with_live_messages(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    v = window.intake_view
    pick_procedure(qtbot, window, "khai sinh")
    assert window.intake.procedure is not None and window.intake.procedure.name == "Đăng ký khai sinh"
    assert v.fields["full_name"].hasFocus() or window.focusWidget() is v.fields["full_name"]
    qtbot.waitUntil(lambda: window.intake.due_at is not None)
    assert v.due_label.text() == "Hẹn trả: " + format_due(ctx.calendar.due(ctx.now(), 1))
    assert v.fee_label.text() == "Phí, lệ phí: Miễn phí"
    # The legal list, required papers ticked; nothing else can be added.
    assert [s["checked"] for s in v.components.state()] == [True, True, False, True, False, False]
    fill_applicant(qtbot, window, id_number="12345", phone="0912")
    assert v.messages["id_number"].text() == "phải gồm đúng 12 chữ số"
    assert v.messages["phone"].text().startswith("phải gồm 10 chữ số")
    assert v.messages["full_name"].text() == ""  # untouched fields say nothing yet
    qtbot.keyClick(v.fields["phone"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert v.messages["full_name"].text() == "không được để trống"
    assert window.intake.last_saved is None  # nothing saved with bad fields
    # Enter moves to the next field.
    v.fields["full_name"].setFocus()
    type_text(qtbot, v.fields["full_name"], "Nguyễn Văn An")
    qtbot.keyClick(v.fields["full_name"], Qt.Key.Key_Return)
    assert window.focusWidget() is v.fields["id_number"]
    code = _receive_typed(qtbot, window, email="an@example.vn", birth_date="05/09/1990")
    saved = DossierService(ctx).get(code)
    assert saved.full_name == "Nguyễn Văn An" and saved.phone == "0912345678"
    assert saved.birth_date == date(1990, 9, 5) and saved.email == "an@example.vn"
    assert [c["name"] for c in saved.components] == [
        s.name for s in window.intake.last_saved.procedure.components if s.required
    ]  # type: ignore[union-attr]
    # The form is empty for the next citizen.
    assert window.intake.procedure is None and all(not f.text() for f in v.fields.values())


def test_summary_dialog_after_save(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    pick_procedure(qtbot, window, "chung thuc chu ky")
    fill_applicant(
        qtbot,
        window,
        full_name="Lê Văn Bình",
        id_number="001099012345",
        phone="0987654321",
        address="3 Tràng Tiền",
    )
    with qtbot.waitSignal(window.intake.saved, timeout=5000) as sig:
        window.intake_view.save_button.click()
    receipt = sig.args[0]
    dialog = window.intake.summary_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.code.text() == receipt.code
    assert dialog.due.text() == "Hẹn trả: " + format_due(receipt.due_at)
    assert "10.000 đồng" in dialog.details_text() and "Lê Văn Bình" in dialog.details_text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_receive_by_cccd_scan_into_any_field(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    v = window.intake_view
    pick_procedure(qtbot, window, "khai sinh")
    # The scanner types into a paper's checkbox: the checkbox must not keep the toggles of the spaces.
    box = v.components.rows[2][0]
    qtbot.waitUntil(box.isVisible)  # new rows are shown by the layout on the next event-loop turn
    box.setFocus()
    assert window.focusWidget() is box
    ticked = box.isChecked()
    type_text(qtbot, box, CARD)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.isChecked() == ticked
    assert v.fields["full_name"].text() == "Nguyễn Thị Bích Ngọc"
    assert v.fields["id_number"].text() == "079203001234"
    assert v.fields["address"].text() == "45 Nguyễn Huệ, Phường Bến Nghé, Quận 1"
    assert v.fields["birth_date"].text() == "15/04/1990"
    assert window.focusWidget() is v.fields["phone"]  # what the card does not carry
    # Into a paper's kind list: no list pops up, the kind stays.
    kind = v.components.rows[0][2]
    kind.setFocus()
    before = kind.currentData()
    v.fields["full_name"].clear()
    type_text(qtbot, kind, CARD)
    qtbot.keyClick(kind, Qt.Key.Key_Return)
    assert kind.currentData() == before and not kind.view().isVisible()
    assert v.fields["full_name"].text() == "Nguyễn Thị Bích Ngọc"
    # Again into the phone field after the clerk had begun typing there: the typed part stays.
    for f in ("full_name", "id_number", "address", "birth_date"):
        v.fields[f].clear()
    type_text(qtbot, v.fields["phone"], "0912")
    type_text(qtbot, v.fields["phone"], CARD)
    qtbot.keyClick(v.fields["phone"], Qt.Key.Key_Return)
    assert v.fields["phone"].text() == "0912"
    assert v.fields["full_name"].text() == "Nguyễn Thị Bích Ngọc"
    type_text(qtbot, v.fields["phone"], "345678")
    with qtbot.waitSignal(window.transaction_finished, timeout=5000) as sig:
        qtbot.keyClick(v.fields["phone"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = DossierService(ctx).get(sig.args[1])
    assert saved.full_name == "Nguyễn Thị Bích Ngọc" and saved.id_number == "079203001234"
    assert saved.birth_date == date(1990, 4, 15) and saved.phone == "0912345678"
    wait_idle(qtbot)


def test_board_lists_both_and_moves_one_through_its_states(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    typed = _receive_typed(qtbot, window)
    v = window.intake_view
    pick_procedure(qtbot, window, "khai sinh")
    v.fields["phone"].setFocus()
    type_text(qtbot, v.fields["phone"], CARD)
    qtbot.keyClick(v.fields["phone"], Qt.Key.Key_Return)
    type_text(qtbot, v.fields["phone"], "0987654321")
    with qtbot.waitSignal(window.transaction_finished, timeout=5000) as sig:
        qtbot.keyClick(v.fields["phone"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    scanned = sig.args[1]
    wait_idle(qtbot)
    window.intake.summary_dialog.accept()
    back_to(qtbot, window)

    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.current_panel() == "board"
    b, bv = window.board, window.board_view
    wait_idle(qtbot)
    assert {r.code for r in bv.models["today"].rows} == {typed, scanned}
    assert bv.tabs.tabText(0) == "Nhận hôm nay (2)"
    assert bv.tabs.tabText(3) == "Chờ trả kết quả (0)"

    def act(key: str) -> None:
        assert bv.action_buttons[key].isEnabled(), key
        bv.action_buttons[key].click()

    bv.select_code("today", typed)
    act("supplement")  # needs a reason
    dialog = b.dialog
    dialog.ok.click()
    assert dialog.isVisible() and "cần ghi rõ lý do" in dialog.message.text()
    dialog.reason.setPlainText("Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ")
    dialog.items.setPlainText("Giấy chứng nhận kết hôn\n")
    with qtbot.waitSignal(b.status_changed, timeout=5000):
        dialog.ok.click()
    wait_idle(qtbot)
    assert DossierService(ctx).get(typed).status == "supplement"
    bv.select_code("today", typed)
    assert bv.action_buttons["processing"].text().startswith("Tiếp tục xử lý")
    for key in ("processing", "ready"):
        with qtbot.waitSignal(b.status_changed, timeout=5000):
            act(key)
        wait_idle(qtbot)
        bv.select_code("today", typed)
    assert bv.tabs.tabText(3) == "Chờ trả kết quả (1)"
    assert not bv.action_buttons["ready"].isEnabled()
    act("returned")
    with qtbot.waitSignal(window.transaction_finished, timeout=5000) as sig:
        b.dialog.ok.click()  # "hand the result over?" confirmed
    assert sig.args == ["return", typed]
    wait_idle(qtbot)
    final = DossierService(ctx).get(typed)
    assert final.status == "returned"
    assert [h.to_status for h in final.history] == [
        "received",
        "supplement",
        "processing",
        "ready",
        "returned",
    ]
    assert final.history[1].data["items"] == ["Giấy chứng nhận kết hôn"]
    bv.select_code("today", typed)
    assert not any(btn.isEnabled() for btn in bv.action_buttons.values())
    # The detail view shows the whole history.
    qtbot.keyClick(bv.tables["today"], Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: b.dialog is not None and b.dialog.objectName() == "detail" and b.dialog.isVisible()
    )
    assert b.dialog.history.rowCount() == 5
    assert b.dialog.history.item(1, 5).text().startswith("Thiếu bản sao")
    b.dialog.accept()


def test_apology_disabled_after_one(qtbot: Any, window: MainWindow, ctx: Any, clock: Any) -> None:
    code = _receive_typed(qtbot, window)
    b, bv = window.board, window.board_view
    window.show_panel("board")
    wait_idle(qtbot)
    bv.select_code("today", code)
    assert not bv.action_buttons["apology"].isEnabled()
    clock.set("2026-11-27T10:00")  # past the due time
    b.refresh()
    wait_idle(qtbot)
    assert bv.tabs.tabText(2) == "Quá hạn (1)"
    assert bv.select_code("overdue", code)
    model = bv.models["overdue"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == RED
    bv.action_buttons["apology"].click()
    qtbot.waitUntil(lambda: b.dialog is not None and b.dialog.objectName() == "reason:apology")
    dialog = b.dialog
    assert dialog.new_due_value() == ctx.calendar.due(ctx.now(), 1)
    dialog.reason.setPlainText("Hồ sơ cần xin ý kiến cơ quan cấp trên")
    with qtbot.waitSignal(b.loaded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    view = DossierService(ctx).get(code)
    assert view.apology is not None and view.apology.number == "01/PXL"
    clock.set("2026-12-10T10:00")  # late again
    b.refresh()
    wait_idle(qtbot)
    assert bv.select_code("overdue", code)
    assert not bv.action_buttons["apology"].isEnabled()
    assert "01/PXL" in bv.action_buttons["apology"].toolTip()


def test_search_by_name_without_diacritics_and_scan_tracking_qr(
    qtbot: Any, window: MainWindow, ctx: Any
) -> None:
    first = _receive_typed(qtbot, window, full_name="Đặng Thị Ánh Tuyết", phone="0901234567")
    _receive_typed(qtbot, window, full_name="Phạm Văn Đức", id_number="001099012345")
    window.show_panel("board")
    b, bv = window.board, window.board_view
    bv.search.setFocus()
    qtbot.keyClicks(bv.search, "dang thi anh")
    with qtbot.waitSignal(b.searched, timeout=5000) as sig:
        qtbot.keyClick(bv.search, Qt.Key.Key_Return)
    assert sig.args == [1]
    assert bv.tab_key() == "search" and bv.models["search"].rows[0].code == first
    assert bv.tabs.tabText(4) == "Kết quả tìm kiếm (1)"
    for query, n in (("pham van duc", 1), ("0901 234 567", 1), ("001099012345", 1)):
        bv.search.clear()
        qtbot.keyClicks(bv.search, query)
        with qtbot.waitSignal(b.searched, timeout=5000) as sig:
            qtbot.keyClick(bv.search, Qt.Key.Key_Return)
        assert sig.args == [n], query
    # A citizen's ID card scanned into the search box: that citizen's dossiers.
    bv.search.clear()
    type_text(qtbot, bv.search, CARD.replace("079203001234", "001099012345"))
    with qtbot.waitSignal(b.searched, timeout=5000) as sig:
        qtbot.keyClick(bv.search, Qt.Key.Key_Return)
    assert sig.args == [1] and bv.models["search"].rows[0].full_name == "Phạm Văn Đức"
    # A scanned receipt QR: the tracking URL typed + Enter opens the dossier.
    bv.search.clear()
    qtbot.keyClicks(bv.search, f"https://dichvucong.example.gov.vn/tra-cuu?ma={first}")
    qtbot.keyClick(bv.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: b.dialog is not None and b.dialog.objectName() == "detail")
    assert b.dialog.view.code == first and b.dialog.isVisible()
    assert bv.search.text() == ""  # ready for the next scan
    b.dialog.accept()


def test_admin_tabs_only_for_admin(qtbot: Any, services: Any, ctx: Any, languages: Any) -> None:
    from tests.clerk_support import open_window

    clerk = add_user(ctx, "binh", "clerk", "Lê Văn Bình")
    w = open_window(qtbot, services, clerk, languages)
    assert {"intake", "board"} <= set(w.panels) and not {"settings", "users"} & set(w.panels)
    assert w.settings is None and w.users is None
    assert "Lê Văn Bình" in w.status.clerk.text() and w.status.counter.text() == "Quầy 1"
    qtbot.waitUntil(lambda: w.status.status is not None)
    assert w.status.pending.text().startswith("Chờ đồng bộ: ")
    assert w.status.last_sync.text() == "Chưa đồng bộ lần nào"
    finish(qtbot)


def test_the_window_sends_one_request_id_per_form_and_shows_a_recent_double(
    qtbot: Any, window: MainWindow, ctx: Any
) -> None:
    def save_one() -> Any:
        pick_procedure(qtbot, window, "chung thuc chu ky")
        fill_applicant(
            qtbot,
            window,
            full_name="Lê Văn Bình",
            id_number="001099012345",
            phone="0987654321",
            address="3 Tràng Tiền",
        )
        key = window.intake.request_id
        assert window.intake.document()["request_id"] == key
        with qtbot.waitSignal(window.intake.saved, timeout=5000) as sig:
            window.intake_view.save_button.click()
        qtbot.keyClick(window.intake.summary_dialog, Qt.Key.Key_Return)
        assert window.intake.request_id != key  # the next citizen's form has its own key
        return sig.args[0]

    first = save_one()
    assert first.warning is None
    assert not window.intake_view.form_message.text()
    second = save_one()
    assert second.warning and first.code in second.warning
    assert first.code in window.intake_view.form_message.text()
    assert window.intake_view.form_message.isVisible()
