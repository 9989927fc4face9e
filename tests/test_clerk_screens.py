"""Screenshots of every main screen at 1366×768 and 1920×1080 into tests/_screenshots/ (gitignored).

Open them and look: clipped text, black boxes instead of Vietnamese letters, cramped layout.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from tests.clerk_support import CARD, fill_applicant, finish, pick_procedure, save_shot, type_text, wait_idle
from tests.conftest import intake_doc
from tests.forms_support import BANK
from ui.clerk.login import LoginDialog
from ui.clerk.wizard import FirstRunWizard

pytest_plugins = ["tests.clerk_fixtures"]

SIZES = ((1366, 768), (1920, 1080))


def _seed(ctx: Any, clock: Any) -> None:
    ctx.config.update(BANK)  # the fee dossiers get a VietQR code (receipt and payment dialog)
    intake = IntakeService(ctx)
    names = ["Nguyễn Văn An", "Lê Thị Hồng Nhung", "Phạm Quốc Bảo", "Võ Thị Thu Trang", "Đặng Minh Khôi"]
    clock.set("2026-11-19T09:00")
    for i, name in enumerate(names[:3]):
        intake.receive(
            intake_doc(
                applicant={
                    "full_name": name,
                    "id_number": f"07920300{1234 + i}",
                    "phone": f"091234567{i}",
                    "address": "12 Lê Lợi",
                }
            ),
            actor="admin",
        )
    clock.set("2026-11-23T08:00")
    for i, name in enumerate(names[3:]):
        intake.receive(
            intake_doc(
                applicant={
                    "full_name": name,
                    "id_number": f"07920300{2234 + i}",
                    "phone": f"098765432{i}",
                    "address": "5 Hai Bà Trưng",
                }
            ),
            actor="admin",
        )
    d = DossierService(ctx)
    first = d.list(on_date=clock().date())[0]
    d.change_status(first.code, "ready", actor="admin")
    clock.set("2026-11-23T15:30")


def test_screenshots_of_every_screen(qtbot: Any, window: Any, services: Any, ctx: Any, clock: Any) -> None:
    _seed(ctx, clock)
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    login = LoginDialog(services)
    qtbot.addWidget(login)
    for w, h in SIZES:
        tag = f"{w}x{h}"
        wizard.show()
        save_shot(wizard, f"{tag}-00-wizard-database")
        wizard.next()
        save_shot(wizard, f"{tag}-01-wizard-agency")
        wizard.next()
        save_shot(wizard, f"{tag}-02-wizard-account")
        wizard.restart()
        wizard.hide()
        login.show()
        save_shot(login, f"{tag}-03-login")
        login.hide()

        window.resize(w, h)
        window.show_panel("intake")
        window.intake.reset()
        pick_procedure(qtbot, window, "chung thuc chu ky")
        window.intake_view.proc_search.setText("chung thuc")
        fill_applicant(qtbot, window, phone="0912 345 67")
        window.intake_view.fields["phone"].setFocus()
        type_text(qtbot, window.intake_view.fields["phone"], CARD)
        qtbot.keyClick(window.intake_view.fields["phone"], Qt.Key.Key_Return)
        fill_applicant(qtbot, window, email="ngoc@example")
        wait_idle(qtbot)
        save_shot(window, f"{tag}-04-intake-filled")
        fill_applicant(qtbot, window, phone="0912345678", email="ngoc@example.vn")
        with qtbot.waitSignal(window.intake.saved, timeout=5000):
            window.intake.save()
        wait_idle(qtbot)
        save_shot(window.intake.summary_dialog, f"{tag}-04b-saved-summary")
        window.intake.summary_dialog.accept()

        window.show_panel("board")
        window.board.refresh()
        wait_idle(qtbot)
        for i, key in enumerate(("today", "due_soon", "overdue", "ready")):
            window.board_view.show_tab(key)
            window.board_view.tables[key].selectRow(0)
            save_shot(window, f"{tag}-05-board-{i}-{key}")
        window.board_view.show_tab("overdue")
        window.board_view.tables["overdue"].selectRow(0)
        window.board.open_detail(window.board_view.current_view())
        wait_idle(qtbot)
        detail = window.board.dialog
        save_shot(detail, f"{tag}-06-detail")
        detail.close()
        window.board.run_action("supplement")
        wait_idle(qtbot)
        save_shot(window.board.dialog, f"{tag}-07-reason-supplement")
        window.board.dialog.close()
        window.board.run_action("apology")
        wait_idle(qtbot)
        save_shot(window.board.dialog, f"{tag}-07b-reason-apology")
        window.board.dialog.close()
        # The fee of the dossier just received (10 000 đồng), collected with its VietQR on screen.
        assert window.board_view.select_code("today", window.intake.last_saved.receipt.code)
        window.payment_collector.open(window.board_view.current_view())
        qtbot.waitUntil(
            lambda: (
                window.payment_collector.dialog is not None
                and window.payment_collector.dialog.request is not None
            )
        )
        save_shot(window.payment_collector.dialog, f"{tag}-07c-payment")
        window.payment_collector.dialog.reject()
        window.payment_collector.dialog = None

        window.show_panel("settings")
        assert window.settings is not None
        assert window.settings.tabs.count() == len(window.settings.forms)
        for i, key in enumerate(window.settings.forms):
            window.settings.tabs.setCurrentIndex(i)
            wait_idle(qtbot)
            save_shot(window, f"{tag}-08-settings-{i}-{key}")
        window.show_panel("users")
        wait_idle(qtbot)
        save_shot(window, f"{tag}-09-users")
        window.users.add_button.click()
        save_shot(window.users.dialog, f"{tag}-09b-user-add")
        window.users.dialog.reject()

    # The longest legal list, and the same screens in English, at the smaller size.
    window.resize(1366, 768)
    window.show_panel("intake")
    window.intake.reset()
    pick_procedure(qtbot, window, "khai sinh")
    window.intake_view.fields["full_name"].setFocus()
    type_text(qtbot, window.intake_view.fields["full_name"], CARD)
    qtbot.keyClick(window.intake_view.fields["full_name"], Qt.Key.Key_Return)
    wait_idle(qtbot)
    save_shot(window, "1366x768-10-intake-birth")
    assert window.languages is not None
    with qtbot.waitSignal(window.languages.changed, timeout=10_000):
        window.languages.switch("en")
    wait_idle(qtbot)
    save_shot(window, "1366x768-11-intake-english")
    window.show_panel("board")
    wait_idle(qtbot)
    save_shot(window, "1366x768-12-board-english")
    window.forms_printing.open_register_dialog()
    save_shot(window.forms_printing.register_dialog, "1366x768-12b-register-english")
    window.forms_printing.register_dialog.reject()
    window.show_panel("settings")
    save_shot(window, "1366x768-13-settings-english")
    finish(qtbot)
