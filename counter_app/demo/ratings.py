"""Demo step: citizens rate the intakes and returns of the demo's dossiers, a few answer the SIPAS survey,
and some leave feedback (one overdue, one answered in time, one answered late, one new)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from counter_app.domain import sipas
from counter_app.services.dossiers import DossierService
from counter_app.services.feedback import FeedbackService
from counter_app.services.ratings import RatingService

if TYPE_CHECKING:
    from counter_app.demo.run import DemoRun

COMMENTS = [
    "Phải chờ khá lâu mới đến lượt",
    "Cán bộ hướng dẫn chưa rõ, phải về bổ sung",
    "Nên có thêm ghế ở nơi chờ",
]
FEEDBACK = [
    # (category, text, name, phone, working days ago, answer: None | "in_time" | "late")
    (
        "time",
        "Hồ sơ đăng ký khai sinh cho cháu đã quá hẹn hai ngày mà chưa có kết quả.",
        "Phạm Văn Bảy",
        "0908123456",
        12,
        None,
    ),
    (
        "staff",
        "Cán bộ quầy số 2 tiếp dân nhiệt tình, hướng dẫn rất kỹ. Xin biểu dương.",
        None,
        None,
        9,
        "in_time",
    ),
    (
        "procedure",
        "Đề nghị niêm yết rõ mức lệ phí chứng thực bản sao ngay tại cửa ra vào.",
        "Lê Thị Hồng",
        "0912555777",
        14,
        "late",
    ),
    ("facilities", "Nơi chờ thiếu quạt, buổi trưa rất nóng.", None, None, 1, None),
]


def add_ratings_and_feedback(run: DemoRun) -> None:
    rng, day = run.rng, run.calendar.day_minutes
    ratings, dossiers = RatingService(run.ctx), DossierService(run.ctx)
    events = []
    for _story, codes in sorted(run.stories.items()):
        for code in codes:
            d = dossiers.get(code)
            events.append((d.received_at, "intake", d.code, d.clerk))
            if d.returned_at is not None:
                events.append((d.returned_at, "return", d.code, d.clerk))
    levels = [sipas.VERY_SATISFIED] * 11 + [sipas.SATISFIED] * 6 + [sipas.DISSATISFIED] * 2
    rated = answered = 0
    for when, kind, code, clerk in sorted(events):
        run.at(when)
        offer_id = ratings.offer(kind, code, clerk)
        if rng.random() < 0.12:
            run.at(min(when + timedelta(seconds=run.ctx.config.rating.timeout_s), run.end))
            ratings.no_rating(offer_id)
            continue
        run.at(min(when + timedelta(seconds=rng.randint(4, 20)), run.end))
        level = rng.choice(levels)
        if level == sipas.DISSATISFIED:
            reasons = rng.sample(sipas.REASON_KEYS, k=rng.randint(1, 2))
            ratings.rate(offer_id, level, reasons, rng.choice(COMMENTS) if rng.random() < 0.5 else None)
        else:
            ratings.rate(offer_id, level)
        rated += 1
        if rng.random() < 0.3:
            for group in sipas.GROUPS[: rng.randint(1, len(sipas.GROUPS))]:
                picked = rng.sample(group.criteria, k=rng.randint(1, len(group.criteria)))
                ratings.record_survey(offer_id, {c.key: rng.random() < 0.9 for c in picked})
            answered += 1
    run.at(run.end)

    svc = FeedbackService(run.ctx)
    for category, text, name, phone, ago, answer in FEEDBACK:
        run.at(run.back(ago * day + rng.randint(30, 200)))
        f = svc.submit(category, text, name, phone, counter=rng.randint(1, 3))
        if answer is not None:
            due_minutes = run.calendar.office_minutes_between(f.received_at, f.due_at)
            after = due_minutes // 2 if answer == "in_time" else due_minutes + day
            run.at(min(run.calendar.add_office_minutes(f.received_at, after), run.end))
            svc.answer(
                f.number,
                "Bộ phận Một cửa xin cảm ơn ý kiến của ông/bà; đã tiếp thu và chấn chỉnh.",
                actor=run.supervisor(),
            )
    run.at(run.end)
    run.report.append(
        f"Đánh giá hài lòng: {rated} lượt đánh giá ({answered} có khảo sát SIPAS); "
        f"phản ánh, kiến nghị: {len(FEEDBACK)} (1 quá hạn chưa trả lời)"
    )
