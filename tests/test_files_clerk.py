"""Digitising from the clerk window, by keys: "Số hóa giấy tờ…" on the board (scanner, scan folder), and the
papers' "Số hóa" menus in the intake form (a file picked, a paper reused by CCCD), stored once saved.

Real widgets, real SQLite, SANE's virtual scanner through scanimage, a real folder with files dropped in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMenu, QPushButton, QWidget

from counter_app.services.context import AppContext
from counter_app.services.files import FileService
from counter_app.services.intake import IntakeService
from tests.clerk_support import CARD, fill_applicant, pick_procedure, save_shot, type_text, wait_idle
from tests.conftest import intake_doc
from tests.files_support import save_png, typed_page, use_sane_test_backend
from ui.clerk.files_view import FilesDialog, PickDialog
from ui.clerk.main_window import MainWindow

pytest_plugins = ["tests.clerk_fixtures"]


def _open_files_dialog(qtbot: Any, window: MainWindow, code: str) -> FilesDialog:
    window.show_panel("board")
    window.board.refresh()
    wait_idle(qtbot)
    assert window.board_view.select_code("today", code)
    button = window.board_view.findChild(QPushButton, "action:digitise")
    assert button is not None and button.isEnabled()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.digitiser.dialog is not None and window.digitiser.dialog.isVisible())
    dialog = window.digitiser.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4)  # three papers and the result
    return dialog


def _press(qtbot: Any, button: QWidget) -> None:
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_scan_a_paper_from_the_board(
    qtbot: Any, window: MainWindow, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_sane_test_backend(monkeypatch)
    ctx.config.set("scanner.device", "test:0")
    code = IntakeService(ctx).receive(intake_doc(), actor="admin").code
    dialog = _open_files_dialog(qtbot, window, code)
    assert dialog.table.item(0, 2).text() == "Chưa số hóa"
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)  # the second paper
    _press(qtbot, dialog.buttons["scanner"])
    qtbot.waitUntil(lambda: "1 trang" in dialog.table.item(1, 2).text(), timeout=30_000)
    assert "admin" in dialog.table.item(1, 2).text() and dialog.table.item(0, 2).text() == "Chưa số hóa"
    [entry] = FileService(ctx).listing(code)
    assert (entry.paper, entry.source, entry.by) == (2, "scanner", "admin")
    save_shot(dialog, "files_dialog")


def test_a_file_dropped_in_the_scan_folder_is_offered_and_taken(
    qtbot: Any, window: MainWindow, ctx: AppContext, tmp_path: Path
) -> None:
    folder = tmp_path / "may-quet"
    folder.mkdir()
    ctx.config.set("scanner.folder", str(folder))
    code = IntakeService(ctx).receive(intake_doc(), actor="admin").code
    dialog = _open_files_dialog(qtbot, window, code)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # the result
    _press(qtbot, dialog.buttons["folder"])
    qtbot.waitUntil(lambda: window.digitiser.picker is not None and window.digitiser.picker.isVisible())
    picker = window.digitiser.picker
    assert isinstance(picker, PickDialog) and picker.items.count() == 0
    dropped = save_png(typed_page(dpi=150), folder / "SCAN_0001.png")  # the office scanner writes it
    qtbot.waitUntil(lambda: picker.items.count() == 1, timeout=10_000)
    assert "SCAN_0001.png" in picker.items.item(0).text()
    assert "SCAN_0001.png" in dialog.inbox_note.text() and dialog.inbox_note.isVisible()
    assert "SCAN_0001.png" in window.intake_view.scan_inbox.text()  # offered on the intake form too
    qtbot.keyClick(picker.items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "1 trang" in dialog.table.item(3, 2).text(), timeout=20_000)
    [entry] = FileService(ctx).listing(code)
    assert (entry.role, entry.source) == ("result", "folder")
    assert not dropped.exists()  # a citizen's paper does not stay in the shared folder
    qtbot.waitUntil(lambda: not window.intake_view.scan_inbox.text(), timeout=10_000)  # nothing left to offer


def _menu_choice(qtbot: Any, button: QWidget, downs: int) -> None:
    """Open a paper's "Số hóa" menu with Space and pick its entry `downs` lines down with Enter (the menu
    runs its own loop: the keys are sent once it shows)."""

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        for _ in range(downs):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_intake_offers_the_citizens_papers_and_stores_the_chosen_ones_once_saved(
    qtbot: Any, window: MainWindow, ctx: AppContext, tmp_path: Path
) -> None:
    files = FileService(ctx)
    earlier = IntakeService(ctx).receive(intake_doc(), actor="admin").code  # CCCD 079203001234, as CARD
    id_copy = files.attach(
        earlier, 3, files.prepare_file(save_png(typed_page(dpi=100), tmp_path / "c.png")), actor="admin"
    )
    scan = save_png(typed_page(dpi=150, skew_deg=1.5), tmp_path / "to-khai.png")

    window.show_panel("intake")
    pick_procedure(qtbot, window, "khai sinh")
    v = window.intake_view
    fill_applicant(qtbot, window, full_name="Nguyễn Thị Bích Ngọc", phone="0912345678")
    v.fields["id_number"].setFocus()
    type_text(qtbot, v.fields["id_number"], "079203001234")
    buttons = v.components.digitise_buttons
    id_row = next(i for i, s in enumerate(v.components.specs) if s.name.startswith("Giấy tờ tùy thân"))
    qtbot.waitUntil(lambda: buttons[id_row].text().startswith("↺"), timeout=5000)  # offered for reuse
    assert earlier in buttons[id_row].toolTip() and "1 giấy tờ đã số hóa" in v.comp_message.text()

    _menu_choice(qtbot, buttons[0], downs=3)  # Quét, Từ thư mục quét, Từ tệp…
    qtbot.waitUntil(
        lambda: window.digitiser.file_dialog is not None and window.digitiser.file_dialog.isVisible()
    )
    file_dialog = window.digitiser.file_dialog
    assert isinstance(file_dialog, QFileDialog)
    name_box = file_dialog.findChild(QLineEdit, "fileNameEdit")
    name_box.setFocus()
    type_text(qtbot, name_box, str(scan))
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: buttons[0].text() == "✓ 1 tr.", timeout=20_000)
    save_shot(window.intake_view, "intake_digitise")

    fill_applicant(qtbot, window, address="45 Nguyễn Huệ, Phường Bến Nghé")
    v.save_button.setFocus()
    qtbot.keyClick(v.save_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.intake.last_saved is not None, timeout=10_000)
    code = window.intake.last_saved.receipt.code
    qtbot.waitUntil(lambda: len(files.listing(code)) == 2, timeout=20_000)
    first, third = files.listing(code)
    assert (first.paper, first.source, first.by, first.reused_from) == (1, "file", "admin", None)
    assert (third.paper, third.source, third.reused_from) == (3, "reuse", id_copy.id)
    assert CARD.startswith("079203001234")
