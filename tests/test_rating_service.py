"""Ratings, SIPAS survey and feedback services, their CLI, and the on-screen keyboard's spelling rules."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from counter_app.domain import sipas
from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services.context import AppContext
from counter_app.services.feedback import FeedbackService
from counter_app.services.intake import IntakeService
from counter_app.services.ratings import RatingService
from counter_app.services.reports import ReportService
from counter_app.timeutil import VN_TZ
from tests.conftest import FakeClock, intake_doc
from tests.core_support import RawDb, ctx_snapshot, run_main
from ui.rating.compose import Composer


def _events(ctx: AppContext, prefix: str) -> list[tuple[str, dict[str, Any]]]:
    conn = RawDb(ctx)
    try:
        rows = conn.execute(
            "SELECT type, payload FROM outbox WHERE type LIKE ? ORDER BY id", (prefix + "%",)
        ).fetchall()
    finally:
        conn.close()
    return [(t, json.loads(p)) for t, p in rows]


def _audit_count(ctx: AppContext, action: str) -> int:
    conn = RawDb(ctx)
    try:
        return int(conn.execute("SELECT count(*) FROM audit_log WHERE action = ?", (action,)).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def dossier(ctx: AppContext) -> str:
    return IntakeService(ctx).receive(intake_doc(), actor="hoa").code


# --- ratings --------------------------------------------------------------------------------------


def test_one_rating_per_transaction_bound_to_dossier(ctx: AppContext, dossier: str) -> None:
    svc = RatingService(ctx)
    offer_id = svc.offer("intake", dossier, "hoa")
    waiting = svc.pending()
    assert waiting is not None and waiting.id == offer_id and waiting.field  # field taken from the dossier
    view = svc.rate(offer_id, sipas.VERY_SATISFIED)
    assert (view.state, view.level, view.ref, view.clerk, view.counter_number) == (
        "rated",
        "very_satisfied",
        dossier,
        "hoa",
        ctx.counter_number,
    )
    assert svc.pending() is None
    before = ctx_snapshot(ctx)
    with pytest.raises(ConflictError) as exc:
        svc.rate(offer_id, sipas.DISSATISFIED)
    assert "chỉ được đánh giá một lần" in str(exc.value)
    with pytest.raises(ConflictError):
        svc.offer("intake", dossier, "hoa")  # the same transaction cannot be offered again once rated
    assert ctx_snapshot(ctx) == before  # refusals leave no trace
    rated = [o for o in svc.for_ref(dossier) if o.state == "rated"]
    assert len(rated) == 1 and rated[0].level == "very_satisfied"
    types = [t for t, _ in _events(ctx, "rating.")]
    assert types == ["rating.offered", "rating.recorded"]
    payload = _events(ctx, "rating.recorded")[0][1]
    assert payload["ref"] == dossier and payload["kind"] == "intake" and payload["level"] == "very_satisfied"
    assert _audit_count(ctx, "rating.recorded") == 1


def test_offer_is_idempotent_while_waiting_and_supersedes_older(
    ctx: AppContext, dossier: str, clock: FakeClock
) -> None:
    svc = RatingService(ctx)
    first = svc.offer("intake", dossier, "hoa")
    assert svc.offer("intake", dossier, "hoa") == first  # the clerk window may signal twice
    clock.advance(minutes=3)
    ticket = svc.offer("ticket", "a012", "hoa")
    assert svc.get(first).state == "cancelled"  # the citizen now at the screen is the one just served
    waiting = svc.pending()
    assert waiting is not None and waiting.id == ticket and waiting.ref == "A012"
    # A screen that was already showing the first one may still store the citizen's tap on it.
    assert svc.rate(first, sipas.SATISFIED).state == "rated"
    assert svc.pending() is not None and svc.pending().id == ticket  # type: ignore[union-attr]
    # Ticket numbers restart every day: tomorrow's A012 is another transaction.
    svc.rate(ticket, sipas.SATISFIED)
    clock.advance(days=1)
    assert svc.offer("ticket", "A012", "hoa") != ticket


def test_ticket_offer_takes_the_field_of_its_queue_line(ctx: AppContext) -> None:
    from counter_app.services.queue import open_queue

    ticket = open_queue(ctx).issue("B", print_ticket=False, actor="hoa")
    svc = RatingService(ctx)
    assert svc.get(svc.offer("ticket", ticket.number, "hoa")).field == "Chứng thực"
    assert svc.get(svc.offer("ticket", "C998", "hoa")).field is None  # unknown to the queue: still rated


def test_bad_offers_and_ratings_are_refused_with_field_names(ctx: AppContext, dossier: str) -> None:
    svc = RatingService(ctx)
    before = ctx_snapshot(ctx)
    with pytest.raises(ValidationError) as e1:
        svc.offer("payment", dossier, "hoa")
    assert e1.value.field == "kind"
    with pytest.raises(NotFoundError) as e2:
        svc.offer("return", "000.00.06.H56-261123-9999", "hoa")
    assert e2.value.label == "Mã hồ sơ"
    assert ctx_snapshot(ctx) == before
    offer_id = svc.offer("intake", dossier, "hoa")
    with pytest.raises(ValidationError) as e3:
        svc.rate(offer_id, sipas.NEUTRAL)  # 3 levels configured: no "Bình thường"
    assert e3.value.field == "level"
    with pytest.raises(ValidationError) as e4:
        svc.rate(offer_id, sipas.DISSATISFIED, ["staff.rude"])
    assert e4.value.field == "reasons"
    with pytest.raises(ValidationError):
        svc.rate(offer_id, sipas.SATISFIED, ["staff.polite"])  # reasons only for "Không hài lòng"
    assert svc.get(offer_id).state == "pending"
    ctx.config.set("rating.levels", "4")
    assert svc.rate(offer_id, sipas.NEUTRAL).level == "neutral"


def test_dissatisfied_then_reasons_once(ctx: AppContext, dossier: str) -> None:
    svc = RatingService(ctx)
    offer_id = svc.offer("return", dossier, "hoa")
    svc.rate(offer_id, sipas.DISSATISFIED)  # the tap is stored at once
    with pytest.raises(ValidationError):
        svc.explain(offer_id, [], "  ")
    view = svc.explain(offer_id, ["staff.one_go", "procedure.time", "staff.one_go"], "  Phải   chờ lâu ")
    assert view.reasons == ["staff.one_go", "procedure.time"] and view.comment == "Phải chờ lâu"
    with pytest.raises(ConflictError):
        svc.explain(offer_id, ["staff.polite"])
    assert [t for t, _ in _events(ctx, "rating.")] == [
        "rating.offered",
        "rating.recorded",
        "rating.explained",
    ]


def test_no_rating_and_stale_offers(ctx: AppContext, dossier: str, clock: FakeClock) -> None:
    svc = RatingService(ctx)
    offer_id = svc.offer("intake", dossier, "hoa")
    assert svc.no_rating(offer_id).state == "no_rating"
    with pytest.raises(ConflictError):
        svc.rate(offer_id, sipas.SATISFIED)
    assert _events(ctx, "rating.none")[0][1]["why"] == "timeout"
    # Offered while no screen ran: an hour later it is closed, not shown to whoever stands there.
    ticket = svc.offer("ticket", "B003", "hoa")
    clock.advance(hours=1)
    assert svc.next_offer(max_age_s=600) is None
    assert svc.get(ticket).state == "no_rating"
    fresh = svc.offer("ticket", "B004", "hoa")
    offer = svc.next_offer(max_age_s=600)
    assert offer is not None and offer.id == fresh


def test_survey_answers(ctx: AppContext, dossier: str) -> None:
    svc = RatingService(ctx)
    offer_id = svc.offer("intake", dossier, "hoa")
    with pytest.raises(ConflictError):
        svc.record_survey(offer_id, {"access.tidy": True})  # only after the quick rating
    svc.rate(offer_id, sipas.SATISFIED)
    assert (
        svc.record_survey(offer_id, {"access.tidy": True, "access.signage": False, "access.equipment": True})
        == 3
    )
    with pytest.raises(ConflictError):
        svc.record_survey(offer_id, {"access.tidy": False})
    with pytest.raises(ValidationError):
        svc.record_survey(offer_id, {"staff.kind": True})
    svc.record_survey(offer_id, {"staff.polite": True})
    assert svc.survey_answers(offer_id) == {
        "access.tidy": True,
        "access.signage": False,
        "access.equipment": True,
        "staff.polite": True,
    }
    # The month's figures are the monthly report's (one definition): 1 offered, 1 rated, satisfied;
    # "access" answered 3 times, 2 satisfied = 66.7 % against the 86 % target; "result" not asked.
    figures = ReportService(ctx).satisfaction("2026-11").ratings
    assert figures is not None
    assert (figures.offered, figures.rated, figures.satisfied_pct, figures.response_pct, figures.surveys) == (
        1,
        1,
        100.0,
        100.0,
        1,
    )
    assert figures.by_group["access"].to_json() == {
        "label": "Tiếp cận dịch vụ",
        "answers": 3,
        "satisfied": 2,
        "satisfied_pct": 66.7,
        "target_pct": 86.0,
        "meets_target": False,
    }
    assert (figures.by_group["staff"].answers, figures.by_group["staff"].satisfied_pct) == (1, 100.0)
    assert figures.by_group["result"].satisfied_pct is None


def test_sipas_data_is_complete() -> None:
    assert [g.target_pct for g in sipas.GROUPS] == [86, 92, 87, 90, 85]
    assert [len(g.criteria) for g in sipas.GROUPS] == [4, 5, 7, 4, 4]
    for c in sipas.CRITERIA.values():
        assert c.vi and c.en and c.key.startswith(c.group + ".")
    assert all(sipas.CRITERIA[k].reason_vi for k in sipas.REASON_KEYS)
    assert [lv.vi for lv in sipas.levels_for(3)] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    assert [lv.vi for lv in sipas.levels_for(4)] == [
        "Rất hài lòng",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
    ]


# --- feedback -------------------------------------------------------------------------------------


def test_feedback_deadline_in_working_days_and_answer(ctx: AppContext, clock: FakeClock) -> None:
    svc = FeedbackService(ctx)
    clock.set("2026-11-23T09:00")  # Monday
    f = svc.submit("staff", "Cán bộ  đến muộn\n15 phút", " Nguyễn  Văn An ", "+84 912 345 678")
    assert f.number == "PAKN-2026-0001" and f.name == "Nguyễn Văn An" and f.phone == "0912345678"
    assert f.text == "Cán bộ đến muộn\n15 phút"
    # 10 working days by the office calendar: weekends and holidays (24/11 is one since 2026) skipped.
    due_day = ctx.calendar.add_working_days(date(2026, 11, 23), 10)
    assert due_day >= date(2026, 12, 7)
    assert f.due_at.isoformat() == f"{due_day.isoformat()}T09:00:00+07:00"
    ctx.config.set("feedback.answer_days", "2")
    g = svc.submit("other", "Nên có thêm ghế chờ")
    assert g.due_at.isoformat() == f"{ctx.calendar.add_working_days(date(2026, 11, 23), 2)}T09:00:00+07:00"
    assert g.name is None
    payload = _events(ctx, "feedback.received")[0][1]
    assert "0912345678" not in json.dumps(payload, ensure_ascii=False)  # contact stays at the office
    clock.set("2026-11-27T10:00")  # g is now overdue, f is not
    assert [x.number for x in svc.list(open_only=True)] == [g.number, f.number]
    answered = svc.answer(f.number, "Đã nhắc nhở cán bộ", actor="lan")
    assert answered.answered_by == "lan" and not answered.is_overdue(ctx.now())
    with pytest.raises(ConflictError):
        svc.answer(f.id, "lần nữa", actor="lan")
    assert [x.number for x in svc.list(open_only=True)] == [g.number]
    assert [x.number for x in svc.list()] == [g.number, f.number]
    assert _events(ctx, "feedback.answered")[0][1]["in_time"] is True
    # Report figures at 27/11 10:05 (the running month): both received in November, f answered in time,
    # g open and past its deadline (26/11 09:00).
    clock.advance(minutes=5)
    figures = ReportService(ctx).satisfaction("2026-11").feedback
    assert figures is not None and figures.to_json() == {
        "received": 2,
        "answered": 1,
        "answered_in_time": 1,
        "answered_late": 0,
        "open": 1,
        "overdue": 1,
    }


def test_feedback_across_a_month_end_is_judged_like_the_report(ctx: AppContext, clock: FakeClock) -> None:
    """Received in October, answered late in November: October counts it received and open (not yet
    overdue) at its month end; November counts the late answer, not a new piece of feedback."""
    svc, reports = FeedbackService(ctx), ReportService(ctx)
    clock.set("2026-10-26T09:00")  # Monday; 10 working days → Monday 09/11 09:00 (no holiday between)
    f = svc.submit("procedure", "Hướng dẫn thủ tục chưa rõ")
    assert f.due_at.isoformat() == "2026-11-09T09:00:00+07:00"
    clock.set("2026-11-10T14:00")
    svc.answer(f.number, "Đã bổ sung bảng hướng dẫn", actor="lan")
    clock.advance(minutes=1)
    october, november = reports.satisfaction("2026-10"), reports.satisfaction("2026-11")
    assert october.as_of.isoformat() == "2026-11-01T00:00:00+07:00"
    assert october.feedback is not None and october.feedback.to_json() == {
        "received": 1,
        "answered": 0,
        "answered_in_time": 0,
        "answered_late": 0,
        "open": 1,
        "overdue": 0,
    }
    assert november.feedback is not None and november.feedback.to_json() == {
        "received": 0,
        "answered": 1,
        "answered_in_time": 0,
        "answered_late": 1,
        "open": 0,
        "overdue": 0,
    }
    # The same sections as the full monthly report, not a second computation that could drift.
    assert reports.monthly("2026-10").to_json()["feedback"] == october.to_json()["feedback"]


def test_feedback_validation_names_the_field(ctx: AppContext) -> None:
    svc = FeedbackService(ctx)
    before = ctx_snapshot(ctx)
    cases = [
        (("staff", "   "), "text"),
        (("staff", "ok"), "text"),
        (("weather", "Trời nóng quá"), "category"),
        (("staff", "Nội dung đủ dài", "An 123"), "name"),
        (("staff", "Nội dung đủ dài", None, "12345"), "phone"),
    ]
    for args, field in cases:
        with pytest.raises(ValidationError) as exc:
            svc.submit(*args)
        assert exc.value.field == field and exc.value.label
    with pytest.raises(ValidationError):
        svc.answer(1, "", actor="lan")
    with pytest.raises(NotFoundError):
        svc.answer(99, "Trả lời", actor="lan")
    assert ctx_snapshot(ctx) == before


def test_feedback_and_rating_cli(data_dir: Path, clock: FakeClock) -> None:
    ctx = AppContext(data_dir, clock=clock)
    try:
        code = IntakeService(ctx).receive(intake_doc(), actor="hoa").code
    finally:
        ctx.close()
    rc, out, err = run_main(
        "feedback",
        "submit",
        "--category",
        "fees",
        "--text",
        "Thu phí chưa rõ ràng",
        "--json",
        data_dir=data_dir,
    )
    assert rc == 0, err
    number = json.loads(out)["number"]
    rc, out, err = run_main("feedback", "list", "--open", "--json", data_dir=data_dir)
    assert rc == 0, err
    items = json.loads(out)
    assert [i["number"] for i in items] == [number] and items[0]["due_at"] and items[0]["overdue"] is False
    rc, out, err = run_main(
        "feedback", "answer", str(items[0]["id"]), "--text", "Đã niêm yết mức phí", data_dir=data_dir
    )
    assert rc == 0 and number in out
    rc, out, err = run_main("feedback", "answer", number, "--text", "Lần hai", data_dir=data_dir)
    assert rc == 2 and "đã được trả lời" in err
    assert json.loads(run_main("feedback", "list", "--open", "--json", data_dir=data_dir)[1]) == []
    # Scripting the rating side: offer, see it waiting, rate it, refuse a second rating.
    rc, out, err = run_main("rating", "offer", "intake", code, "--json", data_dir=data_dir)
    assert rc == 0, err
    offer_id = json.loads(out)["id"]
    assert json.loads(run_main("rating", "pending", "--json", data_dir=data_dir)[1])["id"] == offer_id
    rc, out, err = run_main(
        "rating",
        "rate",
        str(offer_id),
        "dissatisfied",
        "--reason",
        "staff.polite",
        "--json",
        data_dir=data_dir,
    )
    assert rc == 0 and json.loads(out)["reasons"] == ["staff.polite"]
    rc, out, err = run_main("rating", "rate", str(offer_id), "satisfied", data_dir=data_dir)
    assert rc == 2 and "một lần" in err
    assert json.loads(run_main("rating", "pending", "--json", data_dir=data_dir)[1]) is None
    # The month's summary is the monthly report's ratings and feedback sections (the CLI runs on the real
    # clock: this month). One transaction offered and rated "Không hài lòng"; one feedback answered at once.
    month = datetime.now(VN_TZ).strftime("%Y-%m")
    rc, out, err = run_main("rating", "summary", "--month", month, "--json", data_dir=data_dir)
    assert rc == 0, err
    summary = json.loads(out)
    ratings, feedback = summary["ratings"], summary["feedback"]
    assert (ratings["offered"], ratings["rated"], ratings["satisfied_pct"], ratings["response_pct"]) == (
        1,
        1,
        0.0,
        100.0,
    )
    assert ratings["by_level"] == {"very_satisfied": 0, "satisfied": 0, "dissatisfied": 1}
    assert (feedback["received"], feedback["answered"], feedback["answered_in_time"]) == (1, 1, 1)
    rc, out, err = run_main("report", "monthly", "--month", month, "--json", data_dir=data_dir)
    assert rc == 0, err
    monthly = json.loads(out)
    assert (monthly["ratings"], monthly["feedback"]) == (ratings, feedback)
    rc, out, err = run_main("rating", "summary", "--month", month, data_dir=data_dir)
    assert rc == 0 and "hài lòng: 0%" in out and "Công chức: —" in out, out
    rc, _out, err = run_main("rating", "summary", "--month", "2026-13", data_dir=data_dir)
    assert rc == 2 and "Tháng báo cáo" in err


# --- the on-screen keyboard's spelling ------------------------------------------------------------


@pytest.mark.parametrize(
    "keys, expected",
    [
        ("nguoi +horn +huyen", "người"),
        ("Nguyen +circumflex +nga", "Nguyễn"),
        ("hoa +huyen n", "hoàn"),  # the tone moves when the syllable grows
        ("thuy +hoi", "thủy"),
        ("quy +sac", "quý"),
        ("gia +sac", "giá"),
        ("gi +huyen", "gì"),
        ("đuoc +horn +nang", "được"),
        ("tieng +circumflex +sac", "tiếng"),
        ("hai +sac +sac", "hai"),  # tapped twice: off
        ("an +breve +nang", "ặn"),
        ("khoe +hoi", "khỏe"),
        ("Viet +circumflex +nang _ Nam", "Việt Nam"),
        ("o +horn +horn", "o"),
        ("x +sac", "x"),  # no vowel: nothing to mark
    ],
)
def test_composer_places_marks(keys: str, expected: str) -> None:
    c = Composer()
    for token in keys.split(" "):
        if token.startswith("+"):
            name = token[1:]
            (c.modifier if name in ("circumflex", "breve", "horn") else c.tone)(name)
        elif token == "_":
            c.type(" ")
        else:
            for ch in token:
                c.type(ch)
    assert c.text == expected
    import unicodedata

    assert unicodedata.is_normalized("NFC", c.text)


def test_composer_capitalises_names_and_limits_length() -> None:
    c = Composer(max_len=12, capitalize_words=True)
    for ch in "tran thi be xyz":
        c.type(ch)
    assert c.text == "Tran Thi Be "  # stopped at 12 characters
    c.backspace()
    assert c.text == "Tran Thi Be"
