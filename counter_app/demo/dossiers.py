"""Demo step: dossiers in every state, received over the last two weeks or so and told as stories."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.demo.people import random_applicant
from counter_app.demo.run import DemoRun
from counter_app.domain import lifecycle as lc
from counter_app.services.catalog import CatalogService, ProcedureInfo
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.timeutil import local

SUPPLEMENT_REASONS = [
    "Thiếu bản sao Giấy chứng nhận kết hôn của cha, mẹ",
    "Tờ khai chưa có chữ ký của người yêu cầu",
    "Giấy tờ tùy thân đã hết hạn sử dụng; đề nghị bổ sung CCCD còn hiệu lực",
    "Văn bản ủy quyền chưa được chứng thực",
]
REJECT_REASONS = [
    "Việc đăng ký thuộc thẩm quyền của UBND nơi cư trú của người yêu cầu",
    "Giấy tờ xuất trình có dấu hiệu bị tẩy xóa, sửa chữa nội dung",
]
APOLOGY_REASONS = [
    "Cần xác minh thông tin hộ tịch tại nơi đăng ký trước đây",
    "Chờ ý kiến của cơ quan chuyên môn cấp trên",
]
NOTES = [
    "Đã chuyển bộ phận chuyên môn",
    "Đã ký duyệt",
    "Trả tận tay người nộp",
    "Người nộp ủy quyền nhận thay",
]


@dataclass
class _Plan:
    story: str
    procedure: ProcedureInfo
    received: datetime
    # (office minutes after receipt, or an absolute moment; target state; note)
    moves: Sequence[tuple[datetime, str, str | None]] = ()
    apology: tuple[datetime, datetime, str] | None = None  # (when, new due, reason)


def _document(run: DemoRun, p: ProcedureInfo) -> dict[str, Any]:
    rng = run.rng
    components = [
        {"name": c.name, "kind": c.kind, "count": c.count}
        for c in p.components
        if c.required or rng.random() < 0.25
    ]
    doc: dict[str, Any] = {
        "procedure": p.code,
        "applicant": random_applicant(rng),
        "components": components,
        "sets": 2 if rng.random() < 0.1 else 1,
        "delivery": "counter",
    }
    if rng.random() < 0.15:
        doc["delivery"] = "post"
        doc["post_address"] = doc["applicant"]["address"]
    return doc


def add_dossiers(run: DemoRun) -> None:
    """37 dossiers received over the last two weeks or so, told as stories relative to the end."""
    rng, cal = run.rng, run.calendar
    day = cal.day_minutes
    catalog = CatalogService(run.ctx).list()
    by_days: dict[int, list[ProcedureInfo]] = {}
    for p in catalog:
        by_days.setdefault(p.processing_days, []).append(p)
    short = [p for p in catalog if 1 <= p.processing_days <= 3]
    long = [p for p in catalog if p.processing_days >= 5] or short

    def after(t: datetime, minutes: int) -> datetime:
        return min(cal.add_office_minutes(t, minutes), run.end)

    def jitter(lo: int, hi: int) -> int:
        return rng.randint(lo, hi)

    plans: list[_Plan] = []
    # Done and handed back, received 6–12 working days ago.
    for _ in range(6):
        p = rng.choice(short)
        r = run.back(jitter(6 * day, 12 * day))
        work = after(r, jitter(20, 120))
        ready = after(r, jitter(day // 2, p.processing_days * day - 30))
        back_at = after(ready, jitter(30, 2 * day))
        plans.append(
            _Plan(
                "returned",
                p,
                r,
                [
                    (work, lc.PROCESSING, None),
                    (ready, lc.READY, rng.choice(NOTES[:2])),
                    (back_at, lc.RETURNED, rng.choice(NOTES[2:])),
                ],
            )
        )
    # Results waiting at the counter.
    for _ in range(4):
        p = rng.choice(short)
        r = run.back(jitter(p.processing_days * day + 60, p.processing_days * day + 3 * day))
        ready = after(r, jitter(60, p.processing_days * day - 30))
        plans.append(
            _Plan("ready", p, r, [(after(r, 30), lc.PROCESSING, None), (ready, lc.READY, "Đã ký duyệt")])
        )
    # Being processed, on track (long procedures).
    for _ in range(6):
        p = rng.choice(long)
        r = run.back(jitter(day, min(p.processing_days - 2, 8) * day))
        plans.append(_Plan("processing", p, r, [(after(r, jitter(15, 200)), lc.PROCESSING, None)]))
    # Due within the next working day.
    for i in range(4):
        p = rng.choice(short)
        r = run.back(p.processing_days * day - jitter(30, day - 30))
        moves = [(after(r, jitter(10, 90)), lc.PROCESSING, None)] if i % 2 == 0 else []
        plans.append(_Plan("due_soon", p, r, moves))
    # Overdue, no apology yet.
    for i in range(4):
        p = rng.choice(short)
        r = run.back(p.processing_days * day + jitter(60, 2 * day))
        moves = [(after(r, jitter(10, 90)), lc.PROCESSING, None)] if i != 3 else []
        plans.append(_Plan("overdue", p, r, moves))
    # Overdue, apologised, new due date ahead.
    p = rng.choice(short)
    r = run.back(p.processing_days * day + day)
    plan = _Plan("apologised", p, r, [(after(r, 45), lc.PROCESSING, None)])
    # "Hẹn lại 16:00" three working days on: what a supervisor would write on the letter.
    new_day = cal.add_working_days(run.end.date(), 3)
    new_due = local(datetime(new_day.year, new_day.month, new_day.day, 16, 0))
    plan.apology = (run.back(day // 2), new_due, APOLOGY_REASONS[0])
    plans.append(plan)
    # Overdue, apologised, and late again: no second apology is possible.
    p = rng.choice(short)
    r = run.back(p.processing_days * day + 5 * day)
    plan = _Plan("apologised_late_again", p, r, [(after(r, 60), lc.PROCESSING, None)])
    plan.apology = (run.back(4 * day), run.back(day), APOLOGY_REASONS[1])
    plans.append(plan)
    # Waiting for the citizen to complete the dossier (the clock is stopped).
    for _ in range(3):
        p = rng.choice(short + long)
        r = run.back(jitter(day, 6 * day))
        s_at = after(r, jitter(30, min(p.processing_days * day - 30, day)))
        plans.append(_Plan("supplement", p, r, [(s_at, lc.SUPPLEMENT, rng.choice(SUPPLEMENT_REASONS))]))
    # Supplemented and back in processing.
    # A 3-day procedure paused half a day in, back after a day and a half: due a day and a half from now.
    p = rng.choice(by_days.get(3) or short)
    r = run.back(3 * day)
    s_at = after(r, day // 2)
    plans.append(
        _Plan(
            "supplement_resumed",
            p,
            r,
            [
                (after(r, 20), lc.PROCESSING, None),
                (s_at, lc.SUPPLEMENT, rng.choice(SUPPLEMENT_REASONS)),
                (after(s_at, day + day // 2), lc.PROCESSING, "Công dân đã nộp bổ sung"),
            ],
        )
    )
    # Refused.
    for reason in REJECT_REASONS:
        p = rng.choice(short)
        r = run.back(jitter(2 * day, 7 * day))
        plans.append(_Plan("rejected", p, r, [(after(r, jitter(10, 60)), lc.REJECTED, reason)]))
    # This morning's (or the last working day's) receipts, not yet touched.
    for _ in range(5):
        p = rng.choice(catalog)
        plans.append(_Plan("received_today", p, run.back(jitter(5, min(day - 30, 240))), []))
    # Stopped (dừng giải quyết) at the applicant's written request; last, so the plans above keep
    # the draws they had.
    r = run.back(3 * day)
    stop_reason = "Người nộp hồ sơ có văn bản đề nghị dừng giải quyết"
    plans.append(
        _Plan(
            "stopped",
            short[0],
            r,
            [(after(r, 20), lc.PROCESSING, None), (after(r, day), lc.STOPPED, stop_reason)],
        )
    )

    # Play everything in time order so that codes, history and the outbox read like a real day.
    events: list[tuple[datetime, int, Callable[[], None]]] = []
    intake, dossiers = IntakeService(run.ctx), DossierService(run.ctx)
    codes: dict[int, str] = {}
    for n, plan in enumerate(plans):
        clerk = rng.choice(run.clerks())
        doc = _document(run, plan.procedure)

        def receive(n: int = n, plan: _Plan = plan, doc: dict[str, Any] = doc, clerk: str = clerk) -> None:
            codes[n] = intake.receive(doc, actor=clerk).code
            run.stories.setdefault(plan.story, []).append(codes[n])

        events.append((plan.received, len(events), receive))
        for when, target, note in plan.moves:

            def move(n: int = n, target: str = target, note: str | None = note, clerk: str = clerk) -> None:
                dossiers.change_status(codes[n], target, actor=clerk, note=note)

            events.append((max(when, plan.received), len(events), move))
        if plan.apology is not None:
            when, new_due, reason = plan.apology

            def apologise(n: int = n, new_due: datetime = new_due, reason: str = reason) -> None:
                dossiers.apologize(codes[n], new_due, reason, actor=run.supervisor())

            events.append((when, len(events), apologise))
    for when, _, action in sorted(events, key=lambda e: (e[0], e[1])):
        run.at(when)
        action()
    run.at(run.end)
