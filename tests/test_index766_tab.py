"""The clerk window's "Chỉ số 766" tab, driven by keys over the generated month (tests/index766_support.py):
this month against the month before and the target, the dossiers that pull a figure down, and Enter on
one opens it. Figures written by hand (the same as tests/test_index766_service.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from contract import index766 as ix
from counter_app.services.users import UserInfo, UserService
from tests.clerk_support import PASSWORD, finish, open_window, save_shot, wait_idle
from tests.index766_support import build_index_month
from ui.clerk import index766_controller
from ui.clerk.dialogs import DossierDetailDialog
from ui.clerk.services import ClerkServices

pytest_plugins = ["tests.clerk_fixtures"]


def _rows(window: Any) -> list[list[str]]:
    t = window.index766.view.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_tab_by_keys(qtbot: Any, services: ClerkServices, languages: Any, clock: Any) -> None:
    ctx = services.ctx
    c = build_index_month(ctx, clock)  # the clock ends on 05/11/2026: the tab opens on November
    user: UserInfo = UserService(ctx).add(
        "truong2", "Phạm Quốc Trưởng", "supervisor", PASSWORD, actor="system"
    )
    window = open_window(qtbot, services, user, languages)
    try:
        ctl = window.index766
        assert ctl is not None
        view = ctl.view
        assert window.tabs.tabText(window.tabs.indexOf(view)) == "Chỉ số 766"
        with qtbot.waitSignal(ctl.loaded, timeout=10_000) as first:
            window.show_panel("index766")
        assert first.args[0][0].month == "2026-11"
        # One month back with the arrow key on the month field: October against September.
        view.month_edit.setFocus()
        with qtbot.waitSignal(ctl.loaded, timeout=10_000) as loaded:
            qtbot.keyClick(view.month_edit, Qt.Key.Key_Down)
        assert [r.month for r in loaded.args[0]] == ["2026-10", "2026-09"]
        assert _rows(window) == [
            [
                "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn",
                "Tiến độ, kết quả giải quyết",
                "66,7%",
                "—",
                "100%",
                "6/9",
            ],
            ["Tỷ lệ số hóa hồ sơ khi tiếp nhận", "Số hóa hồ sơ", "28,6%", "0%", "100%", "4/14"],
            [
                "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính",
                "Số hóa hồ sơ",
                "33,3%",
                "—",
                "100%",
                "3/9",
            ],
            ["Tỷ lệ khai thác, sử dụng lại giấy tờ đã số hóa", "Số hóa hồ sơ", "7,1%", "0%", "30%", "1/14"],
            ["Tỷ lệ hồ sơ tiếp nhận trực tuyến", "Cung cấp dịch vụ trực tuyến", "7,1%", "0%", "50%", "1/14"],
            [
                "Tỷ lệ thanh toán trực tuyến, không dùng tiền mặt",
                "Cung cấp dịch vụ trực tuyến",
                "60%",
                "—",
                "50%",
                "3/5",
            ],
            [
                "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính",
                "Mức độ hài lòng",
                "75%",
                "—",
                "95%",
                "3/4",
            ],
        ]
        # Below target in red, at or above in green.
        assert view.table.item(0, 2).foreground().color().name() == "#c62828"
        assert view.table.item(5, 2).foreground().color().name() == "#2e7d32"
        # The first indicator is selected: the late dossiers under it.
        assert [view.codes.item(i).text() for i in range(view.codes.count())] == sorted(
            [c["D11"], c["D4"], c["D5"]]
        )
        # Down to "thanh toán không dùng tiền mặt": the dossiers paid in cash.
        view.table.setFocus()
        for _ in range(5):
            qtbot.keyClick(view.table, Qt.Key.Key_Down)
        assert view.selected_row() == 5
        assert "chuyển khoản hoặc VietQR" in view.formula.text() and "766/QĐ-TTg" in view.source.text()
        assert [view.codes.item(i).text() for i in range(view.codes.count())] == sorted([c["D1"], c["D3"]])
        save_shot(window, "index766-window-tab-1366x768")
        # Tab to the list, Enter on the first code: its dossier opens.
        qtbot.keyClick(view.table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is view.codes
        with qtbot.waitSignal(ctl.dossier_opened, timeout=10_000) as opened:
            qtbot.keyClick(view.codes, Qt.Key.Key_Return)
        assert opened.args[0] == min(c["D1"], c["D3"])
        dialog = ctl.dialog
        assert isinstance(dialog, DossierDetailDialog) and dialog.isVisible()
        assert dialog.view.code == opened.args[0]
        save_shot(dialog, "index766-dossier-opened")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        wait_idle(qtbot)
    finally:
        finish(qtbot)


def test_no_tab_for_a_clerk(qtbot: Any, services: ClerkServices, languages: Any) -> None:
    user: UserInfo = UserService(services.ctx).add("lan2", "Trần Thị Lan", "clerk", PASSWORD, actor="system")
    window = open_window(qtbot, services, user, languages)
    try:
        assert window.index766 is None and "index766" not in window.panels
    finally:
        finish(qtbot)


def test_the_tab_lists_the_contracts_names_for_translation() -> None:
    assert {k: v for k, v in index766_controller.NAMES.items()} == {i.key: i.name_vi for i in ix.INDICATORS}
    assert index766_controller.GROUPS == ix.GROUP_VI
