"""The supervisor's view of the office: every counter live — who is logged in, which number it serves,
paused or not, what it did today (counter_app/services/office_overview.py, ui/clerk/office_panel.py)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from counter_app.services.context import AppContext
from counter_app.services.office_overview import OfficeOverview
from counter_app.services.payments import PaymentService
from counter_app.services.presence import PresenceService
from counter_app.services.queue import open_queue
from tests.clerk_support import add_user, open_window, save_shot
from tests.forms_support import receive
from ui.clerk.services import ClerkServices

pytestmark = pytest.mark.both_backends
pytest_plugins = ["tests.clerk_fixtures"]


def office_day(ctx: AppContext) -> str:
    """Counter 1: lan serves A001 and received a dossier; counter 2: hung paid it, now at lunch."""
    lan, hung = PresenceService(ctx), PresenceService(ctx)
    hung.pc_id = "another-pc"  # a second PC of the office (its own data dir in real life)
    lan.beat("clerk", 1, "lan")
    hung.beat("clerk", 2, "hung")
    queue = open_queue(ctx)
    queue.issue("A", print_ticket=False, actor="kiosk")
    queue.issue("A", print_ticket=False, actor="kiosk")
    queue.call_next(1, actor="lan")
    ctx.config.update({"counter.number": 1})
    code = receive(ctx, actor="lan")
    ctx.config.update({"counter.number": 2})
    PaymentService(ctx).record(code, "cash", 15_000, actor="hung")
    queue.pause(2, "Nghỉ trưa", actor="hung")
    return code


def test_each_counter_now(ctx: AppContext) -> None:
    add_user(ctx, "lan", "clerk", "Nguyễn Thị Lan")
    office_day(ctx)
    rows = {c.counter: c for c in OfficeOverview(ctx).now().counters}
    one, two = rows[1], rows[2]
    assert (one.online, one.clerk, one.clerk_name, one.serving, one.paused) == (
        True,
        "lan",
        "Nguyễn Thị Lan",
        "A001",
        None,
    )
    assert (one.tickets_today, one.dossiers_today) == (1, 1)
    assert (two.clerk, two.serving, two.paused, two.tickets_today, two.dossiers_today) == (
        "hung",
        None,
        "Nghỉ trưa",
        0,
        0,  # a payment is no dossier step in the history (it is in the payments, with its counter)
    )


def test_a_counter_whose_window_stopped_beating_shows_nobody(ctx: AppContext, clock: Any) -> None:
    office_day(ctx)
    clock.advance(minutes=5)  # no heartbeat since: both windows closed or cut off
    PresenceService(ctx).beat("clerk", 1, "lan")
    rows = {c.counter: c for c in OfficeOverview(ctx).now().counters}
    assert rows[1].online and rows[1].clerk == "lan"
    assert not rows[2].online and rows[2].clerk is None and rows[2].last_seen is not None
    assert rows[2].paused == "Nghỉ trưa"  # the pause stays until resumed


def test_the_supervisor_tab_shows_the_counters(qtbot: Any, ctx: AppContext, languages: Any) -> None:
    supervisor = add_user(ctx, "hung.tv", "supervisor", "Trần Văn Hùng")
    add_user(ctx, "lan", "clerk", "Nguyễn Thị Lan")
    office_day(ctx)
    window = open_window(qtbot, ClerkServices.from_ctx(ctx), supervisor, languages)
    panel = window.office_panel
    assert panel is not None and not panel.isVisible()
    window.activateWindow()
    qtbot.keyClick(
        window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: panel.isVisible() and panel.table.rowCount() == 2, timeout=10_000)
    cells = [[panel.table.item(r, c).text() for c in range(6)] for r in range(2)]
    assert cells[0] == ["1", "Nguyễn Thị Lan (lan)", "Đang làm việc", "A001", "1", "1"]
    assert cells[1][0] == "2" and cells[1][2] == "Tạm nghỉ: Nghỉ trưa" and cells[1][3] == "—"
    save_shot(panel, "office-supervisor")
    # Counter 1 calls the next number (another PC): the open window follows by itself.
    open_queue(ctx).call_next(1, actor="lan")
    qtbot.waitUntil(lambda: panel.table.item(0, 3).text() == "A002", timeout=10_000)
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    assert not panel.isVisible()


def test_clerks_have_no_supervisor_tab(qtbot: Any, ctx: AppContext, languages: Any) -> None:
    clerk = add_user(ctx, "lan", "clerk", "Nguyễn Thị Lan")
    window = open_window(qtbot, ClerkServices.from_ctx(ctx), clerk, languages)
    assert window.office_panel is None and window.office_action is None
