"""The rating screen's visit (ui/rating/visit.py) driven without any widget: the state machine over the
real store (ui/rating/store.py), a real SQLite file and real jobs. The window's tests
(tests/test_rating_screen.py) drive the same visit through taps on its pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from counter_app.services.users import UserService
from tests.conftest import intake_doc
from ui.rating.store import RatingStore
from ui.rating.visit import VisitController


@pytest.fixture
def dossier(ctx: AppContext) -> str:
    UserService(ctx).add("hoa", "Nguyễn Thị Hoà", "clerk", "matkhau-123", actor="system")
    return IntakeService(ctx).receive(intake_doc(), actor="hoa").code


@pytest.fixture
def visit(qtbot: Any, ctx: AppContext, dossier: str) -> Iterator[VisitController]:
    widgets = set(QApplication.allWidgets())
    store = RatingStore(ctx, counter=ctx.counter_number, clerk="hoa", stale_s=600, poll_ms=60_000)
    v = VisitController(store, timeout_ms=60_000, thanks_ms=60_000)
    yield v
    # The visit made no widget (widgets of earlier tests may be deleted meanwhile: only new ones count).
    assert set(QApplication.allWidgets()) - widgets == set()
    qtbot.waitUntil(lambda: not store.busy, timeout=5000)
    v.timer.stop()
    store.stop()


def _offer_found(qtbot: Any, visit: VisitController) -> None:
    visit.store.poll()
    qtbot.waitUntil(lambda: visit.page == "rate", timeout=5000)


def _outbox(ctx: AppContext, kind: str) -> int:
    conn = sqlite3.connect(ctx.db.path)
    try:
        return int(conn.execute("SELECT count(*) FROM outbox WHERE type = ?", (kind,)).fetchone()[0])
    finally:
        conn.close()


def test_idle_shows_the_clerk_then_an_offer_is_asked_once(
    qtbot: Any, ctx: AppContext, dossier: str, visit: VisitController
) -> None:
    pages: list[str] = []
    visit.page_changed.connect(pages.append)
    visit.store.poll()
    qtbot.waitUntil(lambda: not visit.store.busy, timeout=5000)
    assert visit.page == "idle" and visit.clerk_name == "Nguyễn Thị Hoà" and visit.offer is None

    offer_id = RatingService(ctx).offer("intake", dossier, "hoa")
    with qtbot.waitSignal(visit.offer_shown, timeout=5000) as shown:
        visit.store.poll()
    assert shown.args == [offer_id] and visit.page == "rate" and visit.offer_clerk_name == "Nguyễn Thị Hoà"
    assert visit.timer.isActive() and visit.timer.interval() == 60_000
    with qtbot.waitSignal(visit.rated, timeout=5000) as rated:
        visit.choose_level("satisfied")
    assert rated.args == [offer_id, "satisfied"]
    assert visit.page == "thanks" and visit.survey_offered
    visit.choose_level("very_satisfied")  # a second tap after the page moved on does nothing
    visit.finish_visit()
    assert (visit.page, visit.offer, visit.lang) == ("idle", None, "vi")
    visit.store.poll()  # the same offer (rated now) is never asked again
    qtbot.waitUntil(lambda: not visit.store.busy, timeout=5000)
    assert visit.page == "idle" and pages == ["rate", "thanks", "idle"]
    assert [o.level for o in RatingService(ctx).for_ref(dossier)] == ["satisfied"]


def test_dissatisfied_reasons_and_survey_are_written_in_order(
    qtbot: Any, ctx: AppContext, dossier: str, visit: VisitController
) -> None:
    offer_id = RatingService(ctx).offer("return", dossier, "hoa")
    _offer_found(qtbot, visit)
    visit.choose_level("dissatisfied")
    assert visit.page == "reasons"
    visit.toggle_reason("staff.one_go", True)
    visit.toggle_reason("staff.polite", True)
    visit.toggle_reason("staff.polite", False)
    visit.show("comment")
    for ch in "Chờ lâu":
        visit.comment.type(ch)
    visit.show("reasons")
    with qtbot.waitSignal(visit.explained, timeout=5000):
        visit.send_reasons()  # queued behind the rating: never before it
    view = RatingService(ctx).get(offer_id)
    assert (view.level, view.reasons, view.comment) == ("dissatisfied", ["staff.one_go"], "Chờ lâu")

    visit.start_survey()
    first = visit.survey_keys
    visit.answer_survey(first[0], True)
    visit.answer_survey(first[1], False)
    visit.answer_survey(first[1], False)  # tapped again: unanswered
    with qtbot.waitSignal(visit.survey_recorded, timeout=5000) as rec:
        visit.next_survey_group()
    assert rec.args == [offer_id, 1] and visit.survey_index == 1 and visit.survey_answers == {}
    while not visit.survey_last:
        visit.skip_survey_group()
    visit.next_survey_group()  # nothing answered on the last group: nothing written
    assert visit.page == "thanks" and not visit.survey_offered
    assert visit.timer.interval() == 60_000  # the thanks page's own (short) time


def test_timeout_on_the_question_records_no_rating_when_seen_else_withdraws_it(
    qtbot: Any, ctx: AppContext, dossier: str, visit: VisitController
) -> None:
    ratings = RatingService(ctx)
    first = ratings.offer("intake", dossier, "hoa")
    _offer_found(qtbot, visit)
    with qtbot.waitSignal(visit.no_rating, timeout=5000):
        visit.timed_out()  # the citizen saw the question and walked away
    assert visit.page == "idle" and ratings.get(first).state == "no_rating"

    second = ratings.offer("return", dossier, "hoa")
    visit.citizen_sees = lambda: False  # hidden, minimised: nobody could have answered
    _offer_found(qtbot, visit)
    with qtbot.waitSignal(visit.not_seen, timeout=5000):
        visit.timed_out()
    assert visit.page == "idle" and ratings.get(second).state == "cancelled"
    assert _outbox(ctx, "rating.none") == 1 and _outbox(ctx, "rating.cancelled") == 1


def test_walking_away_keeps_the_reasons_chosen(
    qtbot: Any, ctx: AppContext, dossier: str, visit: VisitController
) -> None:
    offer_id = RatingService(ctx).offer("intake", dossier, "hoa")
    _offer_found(qtbot, visit)
    visit.choose_level("dissatisfied")
    visit.toggle_reason("procedure.time", True)
    with qtbot.waitSignal(visit.explained, timeout=5000):
        visit.timed_out()
    assert visit.page == "idle" and RatingService(ctx).get(offer_id).reasons == ["procedure.time"]


def test_feedback_checks_each_step_and_speaks_the_citizens_language(
    qtbot: Any, ctx: AppContext, visit: VisitController
) -> None:
    visit.start_feedback()
    assert visit.page == "fb_category"
    visit.pick_category("facilities")
    visit.set_language("en")
    for ch in "ab":
        visit.fb_text.type(ch)
    visit.feedback_text_done()  # too short: stays, says why, in English
    assert visit.page == "fb_text" and visit.fb_text_error and "Nội dung" not in visit.fb_text_error
    for ch in "out the seats":
        visit.fb_text.type(ch)
    visit.feedback_text_done()
    assert visit.page == "fb_contact" and visit.fb_text_error == "" and visit.contact_field == "name"
    for ch in "0912":
        visit.fb_phone.type(ch)
    visit.send_feedback()  # a phone number too short: the keyboard goes to the phone box
    assert visit.page == "fb_contact" and visit.contact_field == "phone" and visit.fb_contact_error
    for ch in "345678":
        visit.fb_phone.type(ch)
    with qtbot.waitSignal(visit.feedback_sent, timeout=5000) as sent:
        visit.send_feedback()
        assert visit.sending
    assert visit.page == "fb_done" and not visit.sending
    assert visit.fb_result is not None and visit.fb_result.number == sent.args[0]
    assert visit.fb_result.phone == "0912345678"
    visit.finish_visit()
    assert visit.lang == "vi" and visit.fb_phone.text == "" and visit.fb_result is None


def test_a_tap_restarts_the_clock_only_during_a_visit(
    qtbot: Any, ctx: AppContext, dossier: str, visit: VisitController
) -> None:
    visit.touched()
    assert not visit.timer.isActive()  # idle waits for nobody
    RatingService(ctx).offer("intake", dossier, "hoa")
    _offer_found(qtbot, visit)
    visit.timer.stop()
    visit.timer.setInterval(5)
    visit.touched()  # the page's clock had already run out: a tap does not bring it back
    assert not visit.timer.isActive()
    visit.show("rate")
    visit.touched()
    assert visit.timer.isActive() and visit.timer.interval() == 60_000
