"""Any counter serves any dossier: each step records the counter it was done at (dossier_history and payments
carry counter.number, migration 1001), `dossier show --json` and the detail dialog show it, and the board
lists "mine" (this clerk's, this counter's) or the whole office's dossiers, most urgent first, by pages.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt

from counter_app.services.board import TAB_ROWS, BoardService
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.payments import PaymentService
from tests.clerk_support import wait_idle
from tests.core_support import run_main
from tests.forms_support import receive
from ui.clerk.main_window import MainWindow

pytestmark = pytest.mark.both_backends
pytest_plugins = ["tests.clerk_fixtures"]


def at_counter(ctx: AppContext, number: int) -> AppContext:
    ctx.config.update({"counter.number": number})
    return ctx


def test_a_dossier_received_at_one_counter_is_paid_returned_at_others_and_its_history_says_where(
    ctx: AppContext,
) -> None:
    code = receive(at_counter(ctx, 1), actor="lan")
    PaymentService(at_counter(ctx, 2)).record(code, "cash", 15_000, actor="hung")
    dossiers = DossierService(at_counter(ctx, 3))
    dossiers.change_status(code, "ready", actor="mai")
    dossiers.change_status(code, "returned", actor="mai")

    view = DossierService(ctx).get(code)
    assert view.counter_number == 1 and view.clerk == "lan"  # where it was received stays
    assert [(h.action, h.to_status, h.clerk, h.counter) for h in view.history] == [
        ("receive", "received", "lan", 1),
        ("status", "ready", "mai", 3),
        ("status", "returned", "mai", 3),
    ]
    paid = PaymentService(ctx).status(code)
    assert [(e.clerk, e.counter) for e in paid.entries] == [("hung", 2)]

    status, out, err = run_main("dossier", "show", code, "--json", data_dir=ctx.data_dir)
    assert status == 0, err
    shown = json.loads(out)
    assert [(h["clerk"], h["counter"]) for h in shown["history"]] == [("lan", 1), ("mai", 3), ("mai", 3)]
    assert shown["payment"]["payments"][0]["counter"] == 2


def test_the_board_lists_mine_or_the_whole_office(ctx: AppContext) -> None:
    at_counter(ctx, 1)
    lan_own = receive(ctx, actor="lan")
    hung_here = receive(ctx, actor="hung")  # received at counter 1 by someone else
    at_counter(ctx, 2)
    elsewhere = receive(ctx, actor="hung")
    handled_here = receive(ctx, actor="hung")
    DossierService(at_counter(ctx, 1)).change_status(handled_here, "processing", actor="hung")

    board = BoardService(ctx)
    office = board.snapshot()
    assert {v.code for v in office.today} == {lan_own, hung_here, elsewhere, handled_here}
    assert not office.mine
    mine = board.snapshot(clerk="lan", counter=1)
    assert mine.mine
    assert {v.code for v in mine.today} == {lan_own, hung_here, handled_here}
    assert mine.total("today") == 3
    # Another clerk at counter 2 sees what was received there.
    assert {v.code for v in board.snapshot(clerk="mai", counter=2).today} == {elsewhere, handled_here}


def test_a_tab_lists_its_most_urgent_page_and_counts_them_all(ctx: AppContext, clock: Any) -> None:
    codes = [receive(ctx, actor="lan") for _ in range(TAB_ROWS + 3)]
    clock.advance(days=60)  # every one of them overdue now
    snap = BoardService(ctx).snapshot()
    assert len(snap.overdue) == TAB_ROWS and snap.total("overdue") == TAB_ROWS + 3
    assert [v.code for v in snap.overdue] == codes[:TAB_ROWS]  # earliest due first
    assert snap.total("ready") == 0


def test_the_board_switches_between_mine_and_the_office_by_keyboard(
    qtbot: Any, window: MainWindow, ctx: AppContext
) -> None:
    mine = receive(ctx, actor=window.user.username)
    other = receive(ctx, actor="hung")
    DossierService(ctx).change_status(other, "processing", actor="hung")
    ctx.config.update({"counter.number": 4})  # the window's counter from now on: `other` was not here
    theirs = receive(ctx, actor="hung")
    window.show_panel("board")
    view = window.board_view
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: view.counts["today"] == 3)
    view.tables["today"].setFocus()
    qtbot.keyClick(view.tables["today"], "m", modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.mine() and view.counts["today"] == 2)
    listed = {v.code for v in view.models["today"].rows}
    assert listed == {mine, theirs}  # received by me; received at this counter (4)
    assert "Cả bộ phận" not in view.scope.currentText()
    qtbot.keyClick(view.tables["today"], "m", modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not view.mine() and view.counts["today"] == 3)
