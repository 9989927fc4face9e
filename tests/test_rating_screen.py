"""The citizen's rating screen driven through qtbot: real widgets, real SQLite, real jobs.

The clerk side stores the offer (RatingService.offer) exactly as the clerk window does; the screen
finds it by polling. Screenshots of every citizen-side page, Vietnamese and English, go to
tests/_screenshots/rating-*.png (looked at by hand).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from counter_app.services.context import AppContext
from counter_app.services.feedback import FeedbackService
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from counter_app.services.users import UserService
from tests.conftest import FakeClock, intake_doc
from ui.qt_app import make_app
from ui.rating.window import RatingWindow

SHOTS = Path(__file__).resolve().parent / "_screenshots"


def _rows(ctx: AppContext, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(ctx.db.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def dossier(ctx: AppContext) -> str:
    UserService(ctx).add("hoa", "Nguyễn Thị Hoà", "clerk", "matkhau-123", actor="system")
    return IntakeService(ctx).receive(intake_doc(), actor="hoa").code


def _open(qtbot: Any, ctx: AppContext, **options: Any) -> RatingWindow:
    make_app()  # the bundled Noto fonts
    options.setdefault("poll_ms", 40)
    options.setdefault("thanks_ms", 60_000)
    w = RatingWindow(ctx, clerk="hoa", **options)
    w.resize(1024, 600)
    w.show()
    return w


@pytest.fixture
def screen(qtbot: Any, ctx: AppContext, dossier: str) -> Iterator[RatingWindow]:
    w = _open(qtbot, ctx)
    yield w
    qtbot.waitUntil(lambda: not w.busy, timeout=5000)
    w.shutdown()
    QApplication.processEvents()


def _wait_page(qtbot: Any, w: RatingWindow, page: str) -> None:
    qtbot.waitUntil(lambda: w.page == page, timeout=5000)


def _click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_rating_flow_stores_one_rating_bound_to_the_dossier(
    qtbot: Any, ctx: AppContext, dossier: str, screen: RatingWindow
) -> None:
    offer_id = RatingService(ctx).offer("intake", dossier, "hoa")  # what the clerk window does
    _wait_page(qtbot, screen, "rate")
    assert screen.offer is not None and screen.offer.id == offer_id
    assert dossier in screen.rate_page.ref.text() and "Nguyễn Thị Hoà" in screen.rate_page.ref.text()
    with qtbot.waitSignal(screen.visit.rated, timeout=5000) as got:
        _click(qtbot, screen.rate_page.level_buttons["very_satisfied"])
    assert got.args == [offer_id, "very_satisfied"]
    assert screen.page == "thanks"
    rows = _rows(
        ctx,
        "SELECT o.kind, o.ref, o.clerk, o.counter_number, o.field, r.level FROM ratings r "
        "JOIN rating_offers o ON o.id = r.offer_id",
    )
    assert rows == [("intake", dossier, "hoa", ctx.counter_number, "Hộ tịch", "very_satisfied")]
    _click(qtbot, screen.thanks_page.survey_no)
    assert screen.page == "idle"
    # The same transaction shown again (a stale screen, a double signal): the second rating is refused.
    screen.visit.show_offer(RatingService(ctx).get(offer_id))
    with qtbot.waitSignal(screen.visit.write_failed, timeout=5000) as refused:
        _click(qtbot, screen.rate_page.level_buttons["dissatisfied"])
    assert "một lần" in refused.args[0]
    assert screen.page == "notice" and "only once" not in screen.notice_page.text.text()
    assert "chỉ được đánh giá một lần" in screen.notice_page.text.text()
    assert _rows(ctx, "SELECT count(*) FROM ratings") == [(1,)]
    assert _rows(ctx, "SELECT level FROM ratings") == [("very_satisfied",)]


def test_no_answer_in_time_records_no_rating(qtbot: Any, ctx: AppContext, dossier: str) -> None:
    w = _open(qtbot, ctx, timeout_ms=300)
    try:
        offer_id = RatingService(ctx).offer("return", dossier, "hoa")
        _wait_page(qtbot, w, "rate")
        with qtbot.waitSignal(w.visit.no_rating, timeout=5000):
            pass  # nobody touches the screen
        assert w.page == "idle"
        assert RatingService(ctx).get(offer_id).state == "no_rating"
        assert _rows(ctx, "SELECT count(*) FROM ratings") == [(0,)]
        assert _rows(ctx, "SELECT count(*) FROM outbox WHERE type = 'rating.none'") == [(1,)]
        qtbot.waitUntil(lambda: not w.busy)
        assert w.page == "idle"  # the closed offer is not asked again
    finally:
        qtbot.waitUntil(lambda: not w.busy)
        w.shutdown()


def test_no_answer_on_a_screen_nobody_could_see_is_not_no_rating(
    qtbot: Any, ctx: AppContext, dossier: str
) -> None:
    """A question up on a rating screen that is not shown (or minimised) cannot be answered: its time
    running out withdraws the offer instead of counting "no rating" in the satisfaction figures."""
    make_app()
    w = RatingWindow(ctx, clerk="hoa", poll_ms=40, timeout_ms=300)  # never shown
    try:
        offer_id = RatingService(ctx).offer("intake", dossier, "hoa")
        _wait_page(qtbot, w, "rate")
        qtbot.waitUntil(lambda: w.page == "idle" and not w.busy, timeout=5000)
        assert RatingService(ctx).get(offer_id).state == "cancelled"
        assert _rows(ctx, "SELECT count(*) FROM outbox WHERE type = 'rating.none'") == [(0,)]
        w.show()
        w.showMinimized()
        second = RatingService(ctx).offer("return", dossier, "hoa")
        _wait_page(qtbot, w, "rate")
        qtbot.waitUntil(lambda: w.page == "idle" and not w.busy, timeout=5000)
        assert RatingService(ctx).get(second).state == "cancelled"
    finally:
        qtbot.waitUntil(lambda: not w.busy)
        w.shutdown()


@pytest.mark.parametrize("max_age_s,shown", [(60, False), (300, True)])
def test_offers_older_than_the_configured_age_are_not_shown(
    qtbot: Any, ctx: AppContext, clock: FakeClock, dossier: str, max_age_s: int, shown: bool
) -> None:
    """An offer made while no screen ran (two minutes ago here) is closed as "no rating" instead of being
    shown to whoever stands there now, past `rating.offer_max_age_s`."""
    ctx.config.set("rating.offer_max_age_s", str(max_age_s))
    offer_id = RatingService(ctx).offer("intake", dossier, "hoa")
    clock.advance(minutes=2)
    w = _open(qtbot, ctx, poll_ms=60_000)  # one look at start-up, nothing more
    try:
        assert w.stale_s == max_age_s
        qtbot.waitUntil(lambda: not w.busy, timeout=5000)
        assert w.page == ("rate" if shown else "idle")
        assert RatingService(ctx).get(offer_id).state == ("pending" if shown else "no_rating")
    finally:
        qtbot.waitUntil(lambda: not w.busy)
        w.shutdown()


def test_dissatisfied_reasons_comment_and_survey(
    qtbot: Any, ctx: AppContext, dossier: str, screen: RatingWindow
) -> None:
    offer_id = RatingService(ctx).offer("return", dossier, "hoa")
    _wait_page(qtbot, screen, "rate")
    with qtbot.waitSignal(screen.visit.rated, timeout=5000):
        _click(qtbot, screen.rate_page.level_buttons["dissatisfied"])
    assert screen.page == "reasons"
    _click(qtbot, screen.reasons_page.reason_buttons["staff.one_go"])
    _click(qtbot, screen.reasons_page.reason_buttons["procedure.time"])
    _click(qtbot, screen.reasons_page.reason_buttons["staff.polite"])
    _click(qtbot, screen.reasons_page.reason_buttons["staff.polite"])  # changed their mind
    _click(qtbot, screen.reasons_page.comment_button)
    assert screen.page == "comment"
    kb = screen.comment_page.keyboard
    for key in [
        "shift",
        "c",
        "h",
        "o",
        "horn",
        "huyen",
        "space",
        "l",
        "a",
        "u",
        "circumflex",
        "space",
        "q",
        "u",
        "a",
        "sac",
        "backspace",
        "a",
        "sac",
    ]:
        _click(qtbot, kb.keys[key])
    assert screen.visit.comment.text == "Chờ lâu quá"
    _click(qtbot, screen.comment_page.done)
    with qtbot.waitSignal(screen.visit.explained, timeout=5000):
        _click(qtbot, screen.reasons_page.send)
    view = RatingService(ctx).get(offer_id)
    assert view.level == "dissatisfied" and view.reasons == ["staff.one_go", "procedure.time"]
    assert view.comment == "Chờ lâu quá"
    # The detailed survey: answer two criteria of the first group, skip the second, stop at the third.
    _click(qtbot, screen.thanks_page.survey_yes)
    assert screen.page == "survey"
    label, yes, no = screen.survey_page.rows[0]
    _click(qtbot, yes)
    _click(qtbot, screen.survey_page.rows[1][2])
    _click(qtbot, screen.survey_page.rows[2][1])
    _click(qtbot, screen.survey_page.rows[2][1])  # tapped twice: unanswered
    with qtbot.waitSignal(screen.visit.survey_recorded, timeout=5000) as rec:
        _click(qtbot, screen.survey_page.next)
    assert rec.args == [offer_id, 2]
    _click(qtbot, screen.survey_page.skip)
    assert "3/5" in screen.survey_page.title.text()
    _click(qtbot, screen.survey_page.rows[0][2])
    with qtbot.waitSignal(screen.visit.survey_recorded, timeout=5000):
        screen.visit.stop_survey()
    assert screen.page == "thanks" and not screen.thanks_page.survey_offer_box.isVisible()
    assert RatingService(ctx).survey_answers(offer_id) == {
        "access.signage": True,
        "access.tidy": False,
        "staff.polite": False,
    }


def test_the_next_transaction_waits_for_the_citizen_on_screen(
    qtbot: Any, ctx: AppContext, dossier: str, screen: RatingWindow
) -> None:
    svc = RatingService(ctx)
    first = svc.offer("intake", dossier, "hoa")
    _wait_page(qtbot, screen, "rate")
    second = svc.offer("ticket", "A007", "hoa")  # the clerk finishes the queue ticket meanwhile
    with qtbot.waitSignal(screen.visit.rated, timeout=5000) as got:
        _click(qtbot, screen.rate_page.level_buttons["satisfied"])
    assert got.args == [first, "satisfied"]  # the tap counts for what the citizen was looking at
    _click(qtbot, screen.thanks_page.survey_no)
    qtbot.waitUntil(
        lambda: screen.page == "rate" and screen.offer is not None and screen.offer.id == second, timeout=5000
    )
    assert "A007" in screen.rate_page.ref.text()


def test_four_levels_when_configured(qtbot: Any, ctx: AppContext, dossier: str) -> None:
    ctx.config.set("rating.levels", "4")
    w = _open(qtbot, ctx)
    try:
        assert list(w.rate_page.level_buttons) == ["very_satisfied", "satisfied", "neutral", "dissatisfied"]
        assert w.rate_page.level_buttons["neutral"].text() == "Bình thường"
        RatingService(ctx).offer("intake", dossier, "hoa")
        _wait_page(qtbot, w, "rate")
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert w.grab().save(str(SHOTS / "rating-2-rate-4-levels-vi.png"))
        with qtbot.waitSignal(w.visit.rated, timeout=5000) as got:
            _click(qtbot, w.rate_page.level_buttons["neutral"])
        assert got.args[1] == "neutral" and w.page == "thanks"
    finally:
        qtbot.waitUntil(lambda: not w.busy)
        w.shutdown()


def test_walking_away_on_the_reasons_page_keeps_what_was_chosen(
    qtbot: Any, ctx: AppContext, dossier: str
) -> None:
    w = _open(qtbot, ctx, timeout_ms=400)
    try:
        offer_id = RatingService(ctx).offer("intake", dossier, "hoa")
        _wait_page(qtbot, w, "rate")
        _click(qtbot, w.rate_page.level_buttons["dissatisfied"])
        _click(qtbot, w.reasons_page.reason_buttons["procedure.fees"])
        with qtbot.waitSignal(w.visit.explained, timeout=5000):
            pass
        assert w.page == "idle"
        view = RatingService(ctx).get(offer_id)
        assert (view.level, view.reasons) == ("dissatisfied", ["procedure.fees"])
    finally:
        qtbot.waitUntil(lambda: not w.busy)
        w.shutdown()


def test_feedback_from_the_idle_screen(qtbot: Any, ctx: AppContext, screen: RatingWindow) -> None:
    _click(qtbot, screen.idle_page.feedback_button)
    assert screen.page == "fb_category"
    _click(qtbot, screen.category_page.category_buttons["facilities"])
    kb = screen.text_page.keyboard
    _click(qtbot, kb.keys["t"])
    _click(qtbot, screen.text_page.next)  # too short: stays, says why
    assert screen.page == "fb_text" and "Nội dung phản ánh" in screen.text_page.error.text()
    for key in ["h", "i", "e", "circumflex", "u", "space", "g", "h", "e", "circumflex", "sac"]:
        _click(qtbot, kb.keys[key])
    assert screen.visit.fb_text.text == "thiêu ghế"
    _click(qtbot, kb.keys["u"])
    _click(qtbot, screen.text_page.next)
    assert screen.page == "fb_contact"
    ckb = screen.contact_page.keyboard
    for key in "le an":
        _click(qtbot, ckb.keys["space" if key == " " else key])
    assert screen.visit.fb_name.text == "Le An"
    qtbot.mouseClick(screen.contact_page.phone_box, Qt.MouseButton.LeftButton)
    assert ckb.digits_only and not ckb.keys["a"].isEnabled()
    for key in "09123":
        _click(qtbot, ckb.keys[key])
    _click(qtbot, screen.contact_page.send)
    assert screen.page == "fb_contact" and "Số điện thoại" in screen.contact_page.error.text()
    assert _rows(ctx, "SELECT count(*) FROM feedback") == [(0,)]
    for key in "45678":
        _click(qtbot, ckb.keys[key])
    with qtbot.waitSignal(screen.visit.feedback_sent, timeout=5000) as sent:
        _click(qtbot, screen.contact_page.send)
    assert screen.page == "fb_done"
    f = FeedbackService(ctx).get(sent.args[0])
    assert (f.category, f.text, f.name, f.phone) == ("facilities", "thiêu ghếu", "Le An", "0912345678")
    assert any(sent.args[0] in lab.text() for lab in screen.pages["fb_done"].findChildren(QLabel))


def test_kiosk_safe_and_bilingual(qtbot: Any, ctx: AppContext, screen: RatingWindow) -> None:
    assert screen.close() is False and screen.isVisible()  # nothing on the citizen side closes it
    event = QCloseEvent()
    QApplication.sendEvent(screen, event)
    assert not event.isAccepted()
    QApplication.sendEvent(
        screen, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    )
    assert screen.isVisible()
    assert screen.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in screen.rate_page.level_buttons.values())
    assert screen.idle_page.feedback_button.text().endswith("Gửi phản ánh, kiến nghị")
    _click(qtbot, screen.lang_button)
    assert screen.lang == "en" and screen.idle_page.feedback_button.text().endswith(
        "Send feedback or a complaint"
    )
    assert screen.lang_button.text() == "Tiếng Việt"
    _click(qtbot, screen.idle_page.feedback_button)
    assert screen.category_page.category_buttons["fees"].text() == "Fees"
    screen.finish_visit()
    assert screen.lang == "vi"  # the next citizen starts in Vietnamese
    screen.shutdown()
    assert not screen.isVisible()


def test_screenshots_of_every_citizen_page(
    qtbot: Any, ctx: AppContext, dossier: str, screen: RatingWindow
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    svc = RatingService(ctx)
    saved: list[Path] = []
    # The idle screen shows the number this counter serves (from the queue).
    from counter_app.services.queue import open_queue

    queue = open_queue(ctx)
    queue.issue("A", print_ticket=False, actor="hoa")
    queue.call_next(ctx.counter_number, actor="hoa")
    qtbot.waitUntil(lambda: "A001" in screen.idle_page.serving.text(), timeout=5000)

    def shot(name: str) -> None:
        QApplication.processEvents()
        path = SHOTS / f"rating-{name}-{screen.lang}.png"
        image = screen.grab()
        assert (image.width(), image.height()) == (1024, 600), name  # nothing pushed the page off screen
        assert image.save(str(path))
        saved.append(path)

    for i, lang in enumerate(("vi", "en")):
        qtbot.waitUntil(lambda: screen.page == "idle" and not screen.busy)
        screen.set_language(lang)
        shot("1-idle")
        svc.offer("intake" if lang == "vi" else "return", dossier, "hoa")
        _wait_page(qtbot, screen, "rate")
        screen.set_language(lang)
        shot("2-rate")
        _click(qtbot, screen.rate_page.level_buttons["dissatisfied"])
        _click(qtbot, screen.reasons_page.reason_buttons["staff.guides"])
        _click(qtbot, screen.reasons_page.reason_buttons["procedure.time"])
        shot("3-reasons")
        _click(qtbot, screen.reasons_page.comment_button)
        for key in [
            "shift",
            "c",
            "a",
            "n",
            "space",
            "b",
            "o",
            "circumflex",
            "nang",
            "space",
            "n",
            "o",
            "horn",
            "i",
            "huyen",
            "space",
            "q",
            "u",
            "a",
            "sac",
        ]:
            screen.comment_page.keyboard.press(key)
        shot("4-keyboard")
        _click(qtbot, screen.comment_page.done)
        _click(qtbot, screen.reasons_page.send)
        shot("5-thanks")
        _click(qtbot, screen.thanks_page.survey_yes)
        screen.visit.answer_survey("access.signage", True)
        screen.visit.answer_survey("access.tidy", False)
        shot("6-survey")
        screen.visit.skip_survey_group()
        screen.visit.skip_survey_group()
        shot("6-survey-staff")
        screen.visit.stop_survey()
        shot("7-thanks-final")
        screen.finish_visit()
        screen.set_language(lang)
        _click(qtbot, screen.idle_page.feedback_button)
        shot("8-feedback-category")
        _click(qtbot, screen.category_page.category_buttons["time"])
        for key in [
            "shift",
            "c",
            "h",
            "o",
            "horn",
            "huyen",
            "space",
            "q",
            "u",
            "a",
            "sac",
            "space",
            "l",
            "a",
            "u",
            "circumflex",
        ]:
            screen.text_page.keyboard.press(key)
        shot("9-feedback-text")
        _click(qtbot, screen.text_page.next)
        for key in "tran thi be":
            screen.contact_page.keyboard.press("space" if key == " " else key)
        screen.contact_page.phone_box.tapped.emit()
        for key in "09":
            screen.contact_page.keyboard.press(key)
        _click(qtbot, screen.contact_page.send)  # refused: the phone is incomplete
        shot("10-feedback-contact")
        for key in f"1234567{i}":
            screen.contact_page.keyboard.press(key)
        with qtbot.waitSignal(screen.visit.feedback_sent, timeout=5000):
            _click(qtbot, screen.contact_page.send)
        shot("11-feedback-done")
        screen.visit.notice = "already_rated"
        screen.visit.show("notice")
        shot("12-notice")
        screen.finish_visit()
    assert len(saved) == 26 and all(p.stat().st_size > 5000 for p in saved)
