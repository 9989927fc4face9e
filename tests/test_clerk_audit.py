"""Requirements of the clerk window that the other files did not drive through the widgets: the papers'
kind and count, amber rows, a bare dossier code scanned into the board's search."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPushButton

from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from tests.clerk_support import back_to, fill_applicant, pick_procedure, wait_idle
from tests.conftest import intake_doc
from ui.clerk.board_view import AMBER, AMBER_TEXT, RED_TEXT
from ui.clerk.main_window import MainWindow

pytest_plugins = ["tests.clerk_fixtures"]


def test_kind_and_count_of_each_paper_are_saved_and_nothing_else_can_be_added(
    qtbot: Any, window: MainWindow, ctx: Any
) -> None:
    v = window.intake_view
    pick_procedure(qtbot, window, "khai sinh")
    rows = v.components.rows
    # The checklist offers the legal list only: no field to type a paper of one's own, no "add" button.
    typed = [e for e in v.components.findChildren(QLineEdit) if not isinstance(e.parent(), QAbstractSpinBox)]
    assert not typed and not v.components.findChildren(QPushButton)
    assert not any(kind.isEditable() for _c, _n, kind, _s in rows)
    assert [s.name for s in v.components.specs] == [s.name for s in window.intake.procedure.components]  # type: ignore[union-attr]
    _check, _name, first_kind, first_count = rows[0]
    first_kind.setFocus()
    first_kind.setCurrentIndex(first_kind.findData("certified_copy"))
    first_count.setFocus()
    qtbot.keyClick(first_count, Qt.Key.Key_Up)
    optional = next(i for i, s in enumerate(v.components.specs) if not s.required)
    rows[optional][0].setChecked(True)
    fill_applicant(
        qtbot,
        window,
        full_name="Nguyễn Văn An",
        id_number="079203001234",
        phone="0912345678",
        address="12 Lê Lợi",
    )
    with qtbot.waitSignal(window.intake.saved, timeout=5000) as sig:
        window.intake_view.save_button.click()
    saved = DossierService(ctx).get(sig.args[0].code)
    by_name = {c["name"]: c for c in saved.components}
    assert not v.components.specs  # the form was reset for the next citizen
    spec0 = window.intake.last_saved.procedure.components[0]  # type: ignore[union-attr]
    assert by_name[spec0.name]["kind"] == "certified_copy" and by_name[spec0.name]["count"] == spec0.count + 1
    optional_name = window.intake.last_saved.procedure.components[optional].name  # type: ignore[union-attr]
    assert optional_name in by_name
    wait_idle(qtbot)
    window.intake.summary_dialog.accept()
    back_to(qtbot, window)


def test_due_soon_rows_are_amber_and_tab_titles_coloured(
    qtbot: Any, window: MainWindow, ctx: Any, clock: Any
) -> None:
    clock.set("2026-11-20T10:00")  # a Friday: 1 working day → Monday 10:00
    code = IntakeService(ctx).receive(intake_doc(), actor="admin").code
    clock.set("2026-11-23T09:00")  # Monday morning, due within the working day
    window.show_panel("board")
    window.board.refresh()
    wait_idle(qtbot)
    bv = window.board_view
    assert bv.select_code("due_soon", code)
    model = bv.models["due_soon"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == AMBER
    assert bv.tabs.tabText(1) == "Sắp đến hạn (1)" and bv.tabs.tabText(2) == "Quá hạn (0)"
    assert bv.tabs.tabBar().tabTextColor(1) == AMBER_TEXT and bv.tabs.tabBar().tabTextColor(2) == RED_TEXT


def test_a_bare_dossier_code_scanned_into_the_search_opens_it(
    qtbot: Any, window: MainWindow, ctx: Any
) -> None:
    code = IntakeService(ctx).receive(intake_doc(), actor="admin").code
    IntakeService(ctx).receive(intake_doc(), actor="admin")
    window.show_panel("board")
    b, bv = window.board, window.board_view
    bv.search.setFocus()
    qtbot.keyClicks(bv.search, code)
    qtbot.keyClick(bv.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: b.dialog is not None and b.dialog.objectName() == "detail")
    assert b.dialog.view.code == code and bv.search.text() == ""
    b.dialog.accept()


def test_a_closed_dialog_is_freed_when_the_next_one_opens(qtbot: Any, window: MainWindow, ctx: Any) -> None:
    """A counter opens hundreds of dialogs a day; each closed one must not live on until logout."""
    import shiboken6

    code = IntakeService(ctx).receive(intake_doc(), actor="admin").code
    view = DossierService(ctx).get(code)
    b = window.board
    b.open_detail(view)
    qtbot.waitUntil(lambda: b.dialog is not None and b.dialog.isVisible())
    first = b.dialog
    first.accept()
    b.open_detail(view)
    qtbot.waitUntil(lambda: b.dialog is not first and b.dialog is not None and b.dialog.isVisible())
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))
    b.dialog.accept()
