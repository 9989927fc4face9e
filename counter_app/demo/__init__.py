"""`counter-app demo`: fill a data dir with a realistic working day, through the same services as the app.

The demo is a list of steps, `DEMO_STEPS`. Each step is a function `step(run: DemoRun) -> None` that adds
its part of the story with the services, moving `run.clock` to the moment each thing happens (never
past `run.end`, the demo's "now"). Another feature adds its own step with one line at the end of the
list, e.g. queue tickets for this morning, ratings of the dossiers returned, payments of the fees:
the dossiers made by the core step are in `run.stories` ("returned", "overdue", "due_soon", …).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from counter_app.demo.payments import add_payments
from counter_app.demo.queue import add_queue_tickets
from counter_app.demo.ratings import add_ratings_and_feedback
from counter_app.domain import lifecycle as lc
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.text import fold
from counter_app.domain.wording import format_due
from counter_app.errors import ConflictError
from counter_app.services.catalog import CatalogService, ProcedureInfo
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.services.users import NO_CLERK, ROLE_LABELS_VI, UserService
from counter_app.timeutil import local
from counter_app.timeutil import now as system_now
from db.models import Dossier

# --- realistic Vietnamese people ---------------------------------------------------------------------------

# Family names roughly by frequency (Nguyễn is about a third of the population).
FAMILY_NAMES = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Hoàng"] * 4
    + ["Huỳnh"] * 4
    + ["Phan"] * 4
    + ["Vũ"] * 3
    + ["Võ"] * 3
    + ["Đặng"] * 2
    + ["Bùi"] * 2
    + ["Đỗ"] * 2
    + ["Hồ"] * 2
    + ["Ngô"] * 2
    + ["Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Tô", "Châu", "Tạ", "Quách", "Lưu", "Cao", "Thái"]
)
MIDDLE_MALE = [
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quốc",
    "Thanh",
    "Công",
    "Gia",
    "Hoàng",
    "Ngọc",
    "Tấn",
    "Xuân",
    "Đình",
    "Trọng",
    "Quang",
    "Thành",
    "Bảo",
    "Anh",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thanh",
    "Thu",
    "Minh",
    "Kim",
    "Bảo",
    "Phương",
    "Mỹ",
    "Hồng",
    "Thùy",
    "Diệu",
    "Khánh",
    "Hoài",
    "Quỳnh",
    "Tường",
    "Xuân",
    "Như",
]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khang",
    "Khoa",
    "Kiên",
    "Long",
    "Lộc",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nhân",
    "Phát",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Bảo",
    "Duy",
    "Hậu",
    "Tín",
    "Lâm",
    "Khải",
    "Đạt",
    "Thiện",
    "Hưng",
    "Kiệt",
    "Nguyên",
    "Tú",
]
GIVEN_FEMALE = [
    "Anh",
    "Ánh",
    "Bích",
    "Châu",
    "Chi",
    "Diễm",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Huệ",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhi",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thoa",
    "Thu",
    "Thủy",
    "Trang",
    "Trâm",
    "Trinh",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Xuân",
    "Yến",
    "Hân",
    "Khánh",
    "Tiên",
    "Duyên",
    "Ly",
]
STREETS = [
    "Lê Duẩn",
    "Nguyễn Huệ",
    "Đồng Khởi",
    "Hai Bà Trưng",
    "Lê Thánh Tôn",
    "Tôn Đức Thắng",
    "Nguyễn Du",
    "Mạc Đĩnh Chi",
    "Lý Tự Trọng",
    "Pasteur",
    "Nam Kỳ Khởi Nghĩa",
    "Thái Văn Lung",
    "Nguyễn Thị Minh Khai",
    "Lê Lợi",
    "Hàm Nghi",
    "Tôn Thất Thiệp",
    "Nguyễn Siêu",
    "Ngô Đức Kế",
    "Hồ Tùng Mậu",
    "Thi Sách",
    "Đông Du",
    "Mạc Thị Bưởi",
    "Huỳnh Thúc Kháng",
    "Nguyễn Văn Chiêm",
    "Chu Mạnh Trinh",
    "Lê Văn Hưu",
]
WARDS = [
    "Phường Bến Nghé, Quận 1",
    "Phường Bến Thành, Quận 1",
    "Phường Đa Kao, Quận 1",
    "Phường Nguyễn Thái Bình, Quận 1",
    "Phường 6, Quận 3",
]
# Mobile prefixes of Viettel, Vinaphone, MobiFone, Vietnamobile.
PHONE_PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "086",
    "096",
    "097",
    "098",
    "081",
    "082",
    "083",
    "084",
    "085",
    "088",
    "091",
    "094",
    "070",
    "076",
    "077",
    "078",
    "079",
    "089",
    "090",
    "093",
    "056",
    "058",
]
# Where people of a Hồ Chí Minh City ward were born (CCCD province codes): mostly here, then the usual.
BIRTH_PROVINCES = [79] * 12 + [
    1,
    38,
    40,
    42,
    44,
    46,
    48,
    49,
    51,
    52,
    54,
    56,
    64,
    66,
    74,
    75,
    80,
    82,
    83,
    86,
    87,
    89,
    91,
    92,
    94,
    96,
    34,
    36,
]


def random_applicant(rng: random.Random, *, born_between: tuple[int, int] = (1945, 2006)) -> dict[str, Any]:
    """A plausible citizen: name, CCCD consistent with sex and birth year, phone, address, sometimes email."""
    female = rng.random() < 0.52
    family = rng.choice(FAMILY_NAMES)
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    parts = [family, middle, given]
    if rng.random() < 0.12:  # a second middle name, e.g. "Nguyễn Ngọc Bảo Trâm"
        parts.insert(2, rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE))
    full_name = " ".join(dict.fromkeys(parts)) if len(set(parts)) < len(parts) else " ".join(parts)
    year = rng.randint(*born_between)
    birth = date(year, rng.randint(1, 12), rng.randint(1, 28))
    # 4th digit: sex and century (0/1 male/female born 1900–1999, 2/3 born 2000–2099), then the year.
    century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
    id_number = f"{rng.choice(BIRTH_PROVINCES):03d}{century_sex}{year % 100:02d}{rng.randint(0, 999999):06d}"
    phone = rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 9999999):07d}"
    number = rng.choice(
        [f"{rng.randint(1, 250)}", f"{rng.randint(1, 120)}/{rng.randint(1, 40)}", f"{rng.randint(1, 90)}B"]
    )
    address = f"{number} {rng.choice(STREETS)}, {rng.choice(WARDS)}, Thành phố Hồ Chí Minh"
    person: dict[str, Any] = {
        "full_name": full_name,
        "id_number": id_number,
        "phone": phone,
        "address": address,
        "birth_date": birth.isoformat(),
    }
    if rng.random() < 0.3:
        person["email"] = f"{fold(given).replace(' ', '')}.{fold(family)}{rng.randint(1, 99)}@gmail.com"
    return person


# --- the run -------------------------------------------------------------------------------------------------


class DemoClock:
    """The clock the demo's AppContext reads; each step moves it to when its action happens."""

    def __init__(self, at: datetime) -> None:
        self.at = local(at)

    def __call__(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = local(at)


@dataclass
class DemoRun:
    ctx: AppContext  # opened on the data dir with `clock`
    clock: DemoClock
    end: datetime  # the demo's "now": nothing may happen after it
    rng: random.Random
    # username → (full name, role, demo password)
    users: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # story → dossier codes: "returned", "ready", "processing", "due_soon", "overdue", "apologised",
    # "apologised_late_again", "supplement", "supplement_resumed", "rejected", "received_today", "stopped"
    stories: dict[str, list[str]] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)  # printed at the end

    @property
    def calendar(self) -> WorkingCalendar:
        return self.ctx.calendar

    def at(self, when: datetime) -> None:
        if when > self.end:
            raise ValueError(f"demo step scheduled after the demo's end: {when} > {self.end}")
        self.clock.set(when)

    def back(self, minutes: int) -> datetime:
        """The moment `minutes` office minutes before the end (the inverse of add_office_minutes)."""
        return office_minutes_before(self.calendar, self.end, minutes)

    def clerks(self) -> list[str]:
        return [u for u, (_, role, _) in self.users.items() if role == "clerk"] or [NO_CLERK]

    def supervisor(self) -> str:
        return next((u for u, (_, role, _) in self.users.items() if role == "supervisor"), NO_CLERK)


def office_minutes_before(cal: WorkingCalendar, end: datetime, minutes: int) -> datetime:
    """The latest moment with `minutes` office minutes between it and `end` (an office moment)."""
    return cal.subtract_office_minutes(end, minutes)


DemoStep = Callable[[DemoRun], None]

DEMO_USERS = [
    ("admin", "Quản Trị Hệ Thống", "admin", "quantri-2026"),
    ("hung.tv", "Trần Văn Hùng", "supervisor", "lanhdao-2026"),
    ("lan.nt", "Nguyễn Thị Lan", "clerk", "canbo1-2026"),
    ("minh.lq", "Lê Quang Minh", "clerk", "canbo2-2026"),
]


def add_users(run: DemoRun) -> None:
    """Admin, a supervisor and two clerks; an account that already exists keeps its password."""
    svc = UserService(run.ctx)
    existing = {u.username for u in svc.list()}
    run.at(run.back(15 * run.calendar.day_minutes))
    for username, full_name, role, password in DEMO_USERS:
        if username in existing:
            run.report.append(f"  {username:<10} đã có từ trước — giữ nguyên mật khẩu")
            run.users[username] = (full_name, role, "")
            continue
        svc.add(username, full_name, role, password, actor=NO_CLERK)
        run.users[username] = (full_name, role, password)


# --- dossiers in every state ------------------------------------------------------------------------------

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


def summarise(run: DemoRun) -> None:
    with run.ctx.db.read() as s:
        counts = dict(s.execute(select(Dossier.status, func.count()).group_by(Dossier.status)).all())
    svc = DossierService(run.ctx)
    overdue = svc.list(overdue=True)
    soon = svc.list(due_within_days=1)
    run.report.append("Hồ sơ: " + ", ".join(f"{lc.LABELS_VI[s]} {counts.get(s, 0)}" for s in lc.STATES))
    run.report.append(f"Quá hạn: {len(overdue)}; đến hạn trong 1 ngày làm việc: {len(soon)}")
    if soon:
        run.report.append(f"  gần nhất: {soon[0].code} hẹn {format_due(soon[0].due_at)}")


DEMO_STEPS: list[DemoStep] = [
    add_users,
    add_dossiers,
    # Other features append their steps here (queue tickets, ratings, payments …).
    add_payments,
    add_ratings_and_feedback,
    add_queue_tickets,
]


def run_demo(
    data_dir: Path,
    *,
    force: bool = False,
    end: datetime | None = None,
    seed: int = 2026,
    steps: list[DemoStep] | None = None,
) -> DemoRun:
    """Run every step on `data_dir`; refuses a data dir that already holds dossiers unless `force`."""
    end = local(end or system_now()).replace(second=0, microsecond=0)
    clock = DemoClock(end)
    ctx = AppContext(data_dir, clock=clock)
    try:
        with ctx.db.read() as s:
            existing = int(s.scalar(select(func.count()).select_from(Dossier)) or 0)
        if existing and not force:
            raise ConflictError(
                f"thư mục dữ liệu {data_dir} đã có {existing} hồ sơ; dữ liệu mẫu chỉ dành cho thư mục mới "
                "(thêm --force để vẫn thêm vào)",
                field="data_dir",
                label="Dữ liệu mẫu",
            )
        run = DemoRun(ctx=ctx, clock=clock, end=end, rng=random.Random(seed))
        for step in steps if steps is not None else DEMO_STEPS:
            step(run)
            clock.set(end)
        summarise(run)
        return run
    finally:
        ctx.close()


def user_lines(run: DemoRun) -> list[str]:
    out = ["Tài khoản mẫu (tên đăng nhập / mật khẩu):"]
    for username, (full_name, role, password) in run.users.items():
        if password:
            out.append(f"  {username:<10} {password:<14} {ROLE_LABELS_VI[role]} — {full_name}")
    return out
