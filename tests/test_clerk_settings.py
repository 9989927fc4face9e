"""Settings (admin), the holiday editor, user management, switching language without losing work, and
the `counter-app` entry point opening the first screen."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLineEdit, QWidget

from counter_app.config import KEYS
from counter_app.services.calendar import CalendarService
from counter_app.services.users import UserService
from tests.clerk_support import PASSWORD, add_user, fill_applicant, pick_procedure, type_text, wait_idle
from tests.conftest import run_cli
from ui.clerk.app import ClerkSession
from ui.clerk.login import LoginDialog
from ui.clerk.main_window import MainWindow
from ui.clerk.services import ClerkServices
from ui.clerk.settings_view import SECTIONS, SettingsView, section_keys
from ui.clerk.wizard import FirstRunWizard
from ui.qt_app import TsTranslator, compile_translation, find_lrelease, ts_file

pytest_plugins = ["tests.clerk_fixtures"]


def _switch_language(qtbot: Any, window: MainWindow, lang: str) -> None:
    settings = window.settings
    assert settings is not None
    combo = settings.forms["ui"].widgets["ui.language"]
    combo.setCurrentIndex(combo.findData(lang))
    with qtbot.waitSignal(window.languages.changed, timeout=10_000):  # type: ignore[union-attr]
        settings.save_button.click()
    wait_idle(qtbot)


def test_switch_to_english_and_back_keeps_the_half_filled_form(
    qtbot: Any, window: MainWindow, ctx: Any
) -> None:
    v = window.intake_view
    pick_procedure(qtbot, window, "khai sinh")
    fill_applicant(qtbot, window, full_name="Trần Thị Hoa", id_number="0792", phone="0912345678")
    v.components.rows[2][0].setChecked(True)
    before = window.intake.snapshot()
    assert v.messages["id_number"].text() == "phải gồm đúng 12 chữ số"

    _switch_language(qtbot, window, "en")
    assert ctx.config.get("ui.language") == "en"
    assert window.tabs.tabText(0) == "Intake (F2)"
    assert window.windowTitle().startswith("One-stop office")
    assert v.save_button.text() == "&Save and print receipt (Ctrl+Enter)"
    assert v.messages["id_number"].text() == "must be exactly 12 digits"
    assert v.due_label.text().startswith("Due: ") and any(
        d in v.due_label.text() for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    )
    assert v.fee_label.text() == "Fees: Free"
    assert v.components.rows[0][2].currentText() == "Original"
    assert window.board_view.tabs.tabText(0).startswith("Received today (")
    assert window.status.counter.text() == "Counter 1"
    assert window.intake.snapshot() == before  # nothing typed was lost

    _switch_language(qtbot, window, "vi")
    assert window.tabs.tabText(0) == "Tiếp nhận hồ sơ (F2)"
    assert v.messages["id_number"].text() == "phải gồm đúng 12 chữ số"
    assert window.intake.snapshot() == before


def test_translation_compiles_with_lrelease(tmp_path: Path) -> None:
    assert find_lrelease() is not None, "pyside6-lrelease ships with PySide6"
    qm = compile_translation("en", tmp_path)
    assert qm is not None and qm.stat().st_size > 1000
    assert compile_translation("en", tmp_path) == qm  # cached by the .ts content
    text = ts_file("en").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "every source text of the clerk window has an English translation"


def test_without_lrelease_the_ts_is_read_directly(app_qt: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    translator = TsTranslator(ts_file("en"))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("Labels", "Bản chính") == "Original"
        assert QCoreApplication.translate("Labels", "chưa dịch") == "chưa dịch"  # unknown: the source stays
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("Labels", "Bản chính") == "Bản chính"


# That the .ts has English for every text of ui/ (all windows, not only these views): test_clerk_i18n.py.


def test_settings_refuse_bad_values_and_save_good_ones(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    settings = window.settings
    assert settings is not None
    window.show_panel("settings")
    form = settings.forms["agency"]
    form.widgets["agency.code"].setText("abc")
    assert "chữ in hoa" in form.messages["agency.code"].text()
    form.widgets["agency.name"].setText("UBND Phường Sài Gòn")
    settings.save_button.click()
    assert "Chưa lưu" in settings.message.text()
    assert ctx.config.get("agency.name") == "UBND Phường Bến Nghé"  # nothing half-saved
    form.widgets["agency.code"].setText("000.00.06.H56")
    settings.forms["bank"].widgets["bank.bin"].setText("970403")
    settings.forms["bank"].widgets["bank.account"].setText("0011012345678")
    settings.forms["printers"].widgets["printer.receipt"].setText("tcp://127.0.0.1:9100")
    settings.save_button.click()
    qtbot.waitUntil(lambda: settings.message.text().startswith("Đã lưu"))
    assert ctx.config.get("agency.name") == "UBND Phường Sài Gòn"
    assert ctx.config.get("bank.bin") == "970403"
    assert ctx.config.get("printer.receipt") == "tcp://127.0.0.1:9100"
    assert "UBND Phường Sài Gòn" in window.windowTitle()
    assert settings.values() == {}  # reloaded: nothing pending


def _keys_on_tabs(settings: SettingsView) -> dict[str, list[str]]:
    """Tab title → the config keys whose fields sit on that tab's page (found in the widgets, not SECTIONS)."""
    out: dict[str, list[str]] = {}
    for i in range(settings.tabs.count()):
        page = settings.tabs.widget(i)
        names = [w.objectName() for w in page.findChildren(QWidget) if w.objectName().startswith("cfg:")]
        out[settings.tabs.tabText(i)] = [n.removeprefix("cfg:") for n in names]
    return out


def test_every_declared_key_is_on_exactly_one_settings_tab(window: MainWindow) -> None:
    settings = window.settings
    assert settings is not None
    tabs = _keys_on_tabs(settings)
    assert list(tabs) == [
        "Cơ quan và quầy",
        "Giờ làm việc, ngày nghỉ",
        "Tài khoản ngân hàng",
        "Biểu mẫu",
        "Tên biểu mẫu",
        "Số hiệu biểu mẫu",
        "Máy in, máy quét",
        "Hàng đợi",
        "Đánh giá, phản ánh",
        "Chỉ số 766",
        "Máy chủ thành phố",
        "Giao diện",
    ], "no 'Khác' tab while every key has a home"
    seen = Counter(k for keys in tabs.values() for k in keys)
    assert {k: n for k, n in seen.items() if n != 1} == {}, "a key on more than one tab"
    assert set(seen) == set(KEYS), f"missing: {set(KEYS) - set(seen)}, unknown: {set(seen) - set(KEYS)}"
    printers = tabs["Máy in, máy quét"]
    assert (
        "printer.timeout_ms" in printers and "forms.auto_print" in printers and "scanner.folder" in printers
    )
    assert all(
        k.startswith("forms.") for k in tabs["Biểu mẫu"] + tabs["Tên biểu mẫu"] + tabs["Số hiệu biểu mẫu"]
    )
    assert all(k.startswith("queue.") for k in tabs["Hàng đợi"])
    assert all(k.split(".")[0] in ("rating", "feedback", "report") for k in tabs["Đánh giá, phản ánh"])
    # A key SECTIONS names outright must exist and be named once: a typo would silently drop it.
    named = [e for _key, _title, entries in SECTIONS for e in entries if not e.endswith(".")]
    assert [e for e in named if e not in KEYS] == [] and len(named) == len(set(named))


def test_a_key_no_tab_takes_goes_on_other_and_a_new_one_on_its_kinds_tab(
    monkeypatch: Any, qtbot: Any, services: ClerkServices, admin: Any
) -> None:
    base = KEYS["queue.ticket_footer"]
    for name in ("zz.extra", "forms.title.permit", "queue.extra"):
        monkeypatch.setitem(KEYS, name, dataclasses.replace(base, name=name, label=f"Khóa thử {name}"))
    sections = section_keys()
    assert sections["other"] == ["zz.extra"]
    assert sections["form_titles"][-1] == "forms.title.permit"  # the longer prefix wins over "forms."
    assert sections["queue"][-1] == "queue.extra"
    settings = SettingsView(services, admin)
    qtbot.addWidget(settings)
    tabs = _keys_on_tabs(settings)
    assert list(tabs)[-1] == "Khác" and tabs["Khác"] == ["zz.extra"]
    assert Counter(k for keys in tabs.values() for k in keys) == Counter(list(KEYS))


def test_a_bad_value_on_one_new_tab_saves_nothing_and_shows_that_tab(
    qtbot: Any, window: MainWindow, ctx: Any
) -> None:
    settings = window.settings
    assert settings is not None
    window.show_panel("settings")
    settings.tabs.setCurrentIndex(0)
    edits = {
        ("rating", "rating.timeout_s"): "45",
        ("printers", "printer.timeout_ms"): "3000",
        ("form_numbers", "forms.number.receipt"): "Mẫu số 01a",
        ("queue", "queue.kiosk_idle_s"): "999",  # above the 60 s limit
    }
    for (tab, key), text in edits.items():
        field = settings.forms[tab].widgets[key]
        assert isinstance(field, QLineEdit)
        field.setText(text)
    assert settings.forms["queue"].messages["queue.kiosk_idle_s"].text()
    settings.save_button.click()
    assert "Chưa lưu" in settings.message.text()
    assert settings.tabs.tabText(settings.tabs.currentIndex()) == "Hàng đợi"
    assert (ctx.config.get("rating.timeout_s"), ctx.config.get("printer.timeout_ms")) == (30, 5000)
    settings.forms["queue"].widgets["queue.kiosk_idle_s"].setText("12")
    settings.save_button.click()
    qtbot.waitUntil(lambda: settings.message.text().startswith("Đã lưu"))
    assert settings.message.text() == "Đã lưu 4 thay đổi."
    assert [ctx.config.get(k) for _t, k in edits] == [45, 3000, "Mẫu số 01a", 12]
    assert settings.values() == {}


def test_holiday_editor_sets_and_clears_a_day(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    assert window.settings is not None
    h = window.settings.holidays
    qtbot.waitUntil(lambda: bool(h.rows))
    assert any(r["date"] == "2026-09-02" for r in h.rows)  # Quốc khánh from the package
    h.calendar.setSelectedDate(QDate(2026, 12, 26))  # a Saturday made a working day
    type_text(qtbot, h.note, "Làm bù cho ngày 31/12")
    h.work_button.click()
    qtbot.waitUntil(lambda: any(r["date"] == "2026-12-26" for r in h.rows))
    assert ctx.calendar.is_working_day(date(2026, 12, 26))
    row = next(r for r in h.rows if r["date"] == "2026-12-26")
    assert row["working"] and row["name"] == "Làm bù cho ngày 31/12"
    h.calendar.setSelectedDate(QDate(2026, 12, 31))
    h.off_button.click()
    qtbot.waitUntil(lambda: any(r["date"] == "2026-12-31" for r in h.rows))
    assert not ctx.calendar.is_working_day(date(2026, 12, 31))
    assert h.clear_button.isEnabled()
    h.clear_button.click()
    qtbot.waitUntil(lambda: not any(r["date"] == "2026-12-31" for r in h.rows))
    assert {o["date"] for o in CalendarService(ctx).overrides()} == {"2026-12-26"}


def test_users_add_reset_password_role_and_lock(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    users = window.users
    assert users is not None
    qtbot.waitUntil(lambda: len(users.users) == 1)
    users.add_button.click()
    d = users.dialog
    assert d is not None
    d.username.setText("binh.lv")
    type_text(qtbot, d.full_name, "Lê Văn Bình")
    d.role.setCurrentIndex(d.role.findData("clerk"))
    d.password.setText("ngan")
    d.password2.setText("ngan")
    d.ok.click()
    assert d.isVisible() and "ít nhất 8" in d.messages["password"].text()
    d.password.setText(PASSWORD)
    d.password2.setText(PASSWORD)
    d.ok.click()
    qtbot.waitUntil(lambda: len(users.users) == 2)
    assert not d.isVisible() and users.selected().username == "binh.lv"  # type: ignore[union-attr]
    users.add_button.click()  # the same name again: refused, named
    d2 = users.dialog
    d2.username.setText("binh.lv")
    type_text(qtbot, d2.full_name, "Lê Văn Bình")
    d2.password.setText(PASSWORD)
    d2.password2.setText(PASSWORD)
    d2.ok.click()
    qtbot.waitUntil(lambda: "đã có" in d2.messages["username"].text())
    d2.reject()
    users.password_button.click()
    d3 = users.dialog
    d3.password.setText("mat-khau-moi-2026")
    d3.password2.setText("mat-khau-moi-2026")
    d3.ok.click()
    qtbot.waitUntil(lambda: "Đã đặt lại mật khẩu" in users.message.text())
    assert UserService(ctx).authenticate("binh.lv", "mat-khau-moi-2026") is not None
    users.role.setCurrentIndex(users.role.findData("supervisor"))
    users.role_button.click()
    qtbot.waitUntil(lambda: UserService(ctx).get("binh.lv").role == "supervisor")
    users.lock_button.click()
    qtbot.waitUntil(lambda: not UserService(ctx).get("binh.lv").active)
    wait_idle(qtbot)
    assert UserService(ctx).authenticate("binh.lv", "mat-khau-moi-2026") is None
    users.table.selectRow(0)  # admin: cannot lock oneself
    assert users.selected().username == "admin" and not users.lock_button.isEnabled()  # type: ignore[union-attr]


def test_counter_app_without_subcommand_opens_login(ctx: Any, data_dir: Path, tmp_path: Path) -> None:
    add_user(ctx)
    shot = tmp_path / "first.png"
    proc = run_cli(
        data_dir=data_dir, env={"COUNTER_APP_SCREENSHOT": str(shot), "QT_QPA_PLATFORM": "offscreen"}
    )
    assert proc.returncode == 0, proc.stderr
    img = QImage(str(shot))
    assert 380 <= img.width() < 700 and img.height() < 400  # the login dialog, not the wizard


def test_first_run_goes_from_wizard_to_main_window_and_logout_to_login(
    qtbot: Any, services: Any, languages: Any, ctx: Any
) -> None:
    session = ClerkSession(services, languages)
    first = session.start()
    qtbot.addWidget(first)
    assert isinstance(first, FirstRunWizard)
    first.next()  # the database page: this PC's own file
    for key, text in (
        ("agency.name", "UBND Phường Hàng Trống"),
        ("agency.code", "000.00.12.H29"),
        ("agency.address", "1 Hàng Trống"),
        ("agency.province", "Thành phố Hà Nội"),
        ("agency.place", "Hàng Trống"),
    ):
        first.agency_page.form.widgets[key].setText(text)  # examples only: the first run types its own
    first.next()
    first.account_page.full_name.setText("Lê Thị Thu Hà")
    first.account_page.password.setText(PASSWORD)
    first.account_page.password2.setText(PASSWORD)
    with qtbot.waitSignal(session.window_opened, timeout=5000) as sig:
        first.accept()
    window = sig.args[0]
    qtbot.addWidget(window)
    assert window.user.username == "admin" and "settings" in window.panels
    assert window.screen() is QGuiApplication.primaryScreen()
    wait_idle(qtbot)
    window.logout_action.trigger()
    assert isinstance(session.dialog, LoginDialog) and session.dialog.isVisible()
    qtbot.addWidget(session.dialog)
    assert session.window is None
    wait_idle(qtbot)


def test_enter_in_the_procedure_search_picks_the_top_result(qtbot: Any, window: MainWindow) -> None:
    v = window.intake_view
    v.proc_search.setFocus()
    qtbot.keyClicks(v.proc_search, "ket hon")
    assert v.proc_list.currentItem().data(Qt.ItemDataRole.UserRole) == "1.000894"
    qtbot.keyClick(v.proc_search, Qt.Key.Key_Down)  # arrows move through the results from the box
    second = v.proc_list.currentItem().data(Qt.ItemDataRole.UserRole)
    assert second != "1.000894" and v.proc_search.text() == "ket hon"
    qtbot.keyClick(v.proc_search, Qt.Key.Key_Up)
    qtbot.keyClick(v.proc_search, Qt.Key.Key_Return)
    assert window.intake.procedure is not None and window.intake.procedure.code == "1.000894"
    # Tab order: picker, papers, then the applicant from top to bottom.
    chain = [w.objectName() for w in v.tab_chain() if w.isVisible()]
    assert chain[:2] == ["proc_search", "proc_list"] and chain[2].startswith("component:")
    qtbot.waitUntil(lambda: v.fields["full_name"].isVisible())
    v.fields["full_name"].setFocus()
    order = []
    for _ in range(5):
        order.append(window.focusWidget().objectName())
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert order == ["full_name", "id_number", "birth_date", "phone", "email"]
    v.proc_search.setFocus()
    qtbot.keyClick(v.proc_search, Qt.Key.Key_Escape)  # Esc empties the search
    assert v.proc_search.text() == "" and v.proc_list.count() > 20
