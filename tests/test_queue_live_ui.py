"""The windows follow the office live (ui/live.py): the waiting-room board and the clerk's queue panel
change when another PC writes, with their poll timers far away; the board shows a counter's pause and
marks a recall; the panel pauses, resumes and brings a no-show back by keys. Both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMenu

from counter_app.services.context import AppContext
from counter_app.services.queue.local import LocalQueue
from tests.clerk_support import wait_idle
from ui.clerk.queue_panel import QueuePanel
from ui.display.app import DisplayBoard
from ui.live import LiveChanges
from ui.qt_app import make_app

SHOTS = Path(__file__).resolve().parent / "_screenshots"
NEVER_MS = 600_000  # poll timers that do not fire during a test: whatever shows up came live


def shot(widget: Any, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()
    path = SHOTS / f"queue_live_{name}.png"
    assert widget.grab().save(str(path))
    return path


@pytest.fixture
def live(ctx: AppContext) -> Iterator[LiveChanges]:
    make_app()
    changes = LiveChanges(ctx.db)
    changes.start()
    yield changes
    changes.stop()
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()


@pytest.fixture
def other_pc(data_dir: Path, clock: Any) -> Iterator[LocalQueue]:
    """The queue as another PC of the office sees it: its own context on the same database (and the
    test's clock, so that both are on the same day)."""
    other = AppContext(data_dir, clock=clock)
    yield LocalQueue(other)
    other.close()


def test_the_board_follows_another_pc_live_and_shows_pause_and_recall(
    qtbot: Any, ctx: AppContext, live: LiveChanges, other_pc: LocalQueue
) -> None:
    q = LocalQueue(ctx)
    board = DisplayBoard(
        q, agency="UBND Phường Bến Nghé", counters=[1, 2, 3], poll_ms=NEVER_MS, flash_ms=50, changes=live
    )
    qtbot.addWidget(board)
    board.resize(1366, 768)
    with qtbot.waitSignal(board.refreshed, timeout=10_000):
        board.show()
    other_pc.issue("A", print_ticket=False, actor="kiosk")
    other_pc.issue("A", print_ticket=False, actor="kiosk")
    with qtbot.waitSignal(board.called, timeout=10_000):
        other_pc.call_next(1, actor="lan")
    assert board.tiles[1].number.text() == "A001"
    assert board.banner_text.text() == "Mời số A001 đến quầy số 1"

    with qtbot.waitSignal(board.called, timeout=10_000) as got:
        other_pc.recall(1, actor="lan")
    assert got.args[0].recall
    assert board.banner_text.text() == "Mời lại số A001 đến quầy số 1"
    qtbot.waitUntil(lambda: board.recent_labels[0].text() == "A001  →  Quầy 1  (mời lại)", timeout=10_000)

    other_pc.pause(3, "Nghỉ trưa", actor="minh")
    qtbot.waitUntil(lambda: board.pause_label.text() == "Quầy 3 tạm nghỉ: Nghỉ trưa", timeout=10_000)
    assert board.pause_label.isVisible() and board.tiles[3].note.text() == "Tạm nghỉ: Nghỉ trưa"
    assert board.tiles[3].note.isVisible() and not board.tiles[1].note.isVisible()
    shot(board, "board_pause_recall")

    other_pc.resume(3, actor="minh")
    qtbot.waitUntil(lambda: not board.pause_label.isVisible(), timeout=10_000)
    assert not board.tiles[3].note.isVisible()


def _key(qtbot: Any, panel: QueuePanel, key: Qt.Key) -> None:
    """A key as the clerk presses it: to the widget with the focus in the panel's (active) window."""
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5000)
    panel.activateWindow()  # a closed menu may keep the offscreen platform's "active window" a moment
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel.window(), timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or panel, key)


def _popup(qtbot: Any) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_the_panel_pauses_resumes_and_reactivates_by_keys(
    qtbot: Any, ctx: AppContext, live: LiveChanges, other_pc: LocalQueue
) -> None:
    q = LocalQueue(ctx)
    panel = QueuePanel(q, 2, "canbo1", poll_ms=NEVER_MS, changes=live)
    qtbot.addWidget(panel)
    panel.resize(1000, 360)
    panel.show()
    wait_idle(qtbot)
    # A number taken at the kiosk PC shows up without a poll.
    other_pc.issue("A", print_ticket=False, actor="kiosk")
    other_pc.issue("A", print_ticket=False, actor="kiosk")
    qtbot.waitUntil(lambda: "A Hộ tịch: 2" in panel.waiting_label.text(), timeout=10_000)

    # F11: the reasons; Down, Enter picks the second one.
    _key(qtbot, panel, Qt.Key.Key_F11)
    menu = _popup(qtbot)
    assert [a.text() for a in menu.actions()][:2] == ["Nghỉ trưa", "Họp"]
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.pause_label.text() == "Quầy đang tạm nghỉ: Họp", timeout=10_000)
    assert [p.text for p in q.pauses()] == ["Quầy 2 tạm nghỉ: Họp"]
    assert panel.pause_button.text() == "Tiếp tục (F11)"
    shot(panel, "panel_paused")
    wait_idle(qtbot)
    with qtbot.waitSignal(panel.failed, timeout=10_000):
        _key(qtbot, panel, Qt.Key.Key_F6)
    assert "quầy 2 đang tạm nghỉ (Họp)" in panel.message.text()
    assert q.ticket("A001").status == "waiting"

    # F11 again: back at work; F6 calls.
    wait_idle(qtbot)
    _key(qtbot, panel, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: panel.pause_label.text() == "", timeout=10_000)
    assert q.pauses() == []
    wait_idle(qtbot)
    with qtbot.waitSignal(panel.called, timeout=10_000):
        _key(qtbot, panel, Qt.Key.Key_F6)
    wait_idle(qtbot)
    _key(qtbot, panel, Qt.Key.Key_F8)  # A001 does not come: no-show
    qtbot.waitUntil(lambda: q.ticket("A001").status == "skipped", timeout=10_000)

    # F12: today's no-shows; Enter brings A001 back, called next before A002.
    qtbot.waitUntil(lambda: panel.reactivate_button.isEnabled(), timeout=10_000)
    _key(qtbot, panel, Qt.Key.Key_F12)
    menu = _popup(qtbot)
    assert [a.text() for a in menu.actions()] == ["A001"]
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: q.ticket("A001").status == "waiting", timeout=10_000)
    qtbot.waitUntil(lambda: "A001" in panel.message.text(), timeout=10_000)
    wait_idle(qtbot)
    with qtbot.waitSignal(panel.called, timeout=10_000) as got:
        _key(qtbot, panel, Qt.Key.Key_F6)
    assert got.args[0].number == "A001"
    wait_idle(qtbot)


def test_the_panel_reads_a_call_made_at_another_counter_live(
    qtbot: Any, ctx: AppContext, live: LiveChanges, other_pc: LocalQueue
) -> None:
    q = LocalQueue(ctx)
    panel = QueuePanel(q, 2, "canbo1", poll_ms=NEVER_MS, changes=live)
    qtbot.addWidget(panel)
    panel.show()
    wait_idle(qtbot)
    other_pc.issue("B", print_ticket=False, actor="kiosk")
    qtbot.waitUntil(lambda: "B Chứng thực: 1" in panel.waiting_label.text(), timeout=10_000)
    other_pc.call_next(5, actor="minh")
    qtbot.waitUntil(lambda: "B Chứng thực: 0" in panel.waiting_label.text(), timeout=10_000)
    wait_idle(qtbot)
