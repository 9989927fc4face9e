"""The clerk side of ratings and feedback: the clerk window's finished transactions become offers that
the citizen's screen (here in the same process) asks about, and the supervisors' feedback tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from counter_app.services.context import AppContext
from counter_app.services.feedback import FeedbackService
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from tests.clerk_support import wait_idle
from tests.conftest import FakeClock, intake_doc
from ui.clerk.feedback_panel import OVERDUE_BG, FeedbackPanel
from ui.clerk.main_window import MainWindow
from ui.clerk.rating_hook import connect_offers, open_rating_screen
from ui.rating.window import RatingWindow

pytest_plugins = ["tests.clerk_fixtures"]
SHOTS = Path(__file__).resolve().parent / "_screenshots"


def test_finished_transaction_is_asked_on_the_citizen_screen(
    qtbot: Any, window: MainWindow, ctx: AppContext
) -> None:
    code = IntakeService(ctx).receive(intake_doc(), actor="admin").code
    connect_offers(window)
    screen = RatingWindow(ctx, clerk=window.user.username, poll_ms=40)
    try:
        screen.resize(1024, 600)
        screen.show()
        window.finish_transaction("intake", code)  # what the window does after saving an intake
        qtbot.waitUntil(lambda: screen.page == "rate", timeout=5000)
        assert screen.offer is not None and screen.offer.ref == code and screen.offer.clerk == "admin"
        with qtbot.waitSignal(screen.visit.rated, timeout=5000):
            qtbot.mouseClick(screen.rate_page.level_buttons["satisfied"], Qt.MouseButton.LeftButton)
        # Finishing the same intake again (a double signal) cannot make a second rating.
        window.finish_transaction("intake", code)
        qtbot.waitUntil(lambda: "đánh giá" in window.statusBar().currentMessage(), timeout=5000)
        rated = [o for o in RatingService(ctx).for_ref(code) if o.state == "rated"]
        assert len(rated) == 1 and rated[0].level == "satisfied"
    finally:
        qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
        screen.shutdown()
        wait_idle(qtbot)


def test_rating_screen_opens_with_the_clerk_window_when_configured(
    qtbot: Any, window: MainWindow, ctx: AppContext
) -> None:
    ctx.config.set("rating.open_with_clerk", "false")
    assert open_rating_screen(window) is None
    ctx.config.set("rating.open_with_clerk", "true")
    screen = open_rating_screen(window)
    try:
        assert isinstance(screen, RatingWindow) and screen.isVisible()
        assert screen.close() is False and screen.isVisible()  # the citizen side cannot close it
    finally:
        assert screen is not None
        qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
        screen.shutdown()
        assert not screen.isVisible()


def test_feedback_tab_lists_overdue_first_and_records_answers(
    qtbot: Any, window: MainWindow, ctx: AppContext, clock: FakeClock
) -> None:
    svc = FeedbackService(ctx)
    clock.set("2026-11-02T09:00")
    old = svc.submit("time", "Hồ sơ của tôi trễ hẹn hai lần", "Lê Văn Tám", "0987654321")
    clock.set("2026-11-23T09:00")
    new = svc.submit("facilities", "Nơi chờ thiếu ghế ngồi cho người cao tuổi")
    panel = window.panels["feedback"][0]
    assert isinstance(panel, FeedbackPanel)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        window.show_panel("feedback")
    assert [f.number for f in panel.items] == [old.number, new.number]  # overdue first
    assert panel.table.item(0, 0).background().color() == QColor(OVERDUE_BG)
    assert "1 quá hạn" in panel.summary.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.resize(1366, 768)
    panel.select_number(old.number)
    panel.answer_box.setPlainText("Xin lỗi ông; hồ sơ đã có kết quả, mời ông nhận tại quầy số 1.")
    assert window.grab().save(str(SHOTS / "rating-clerk-feedback-tab.png"))
    with qtbot.waitSignal(panel.answered, timeout=5000) as got:
        qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    assert got.args == [old.number]
    qtbot.waitUntil(lambda: [f.number for f in panel.items] == [new.number], timeout=5000)
    done = svc.get(old.number)
    assert done.answered_by == "admin" and done.answer and done.answered_at is not None
    wait_idle(qtbot)


def test_feedback_tab_only_for_supervisors(
    qtbot: Any, ctx: AppContext, services: Any, languages: Any
) -> None:
    from tests.clerk_support import add_user, finish, open_window

    clerk = add_user(ctx, "hoa", "clerk", "Nguyễn Thị Hoà")
    w = open_window(qtbot, services, clerk, languages)
    try:
        assert "feedback" not in w.panels
    finally:
        finish(qtbot)
