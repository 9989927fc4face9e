"""A generated month for the report tests (test_reports_*.py), made through the real services.

October 2026 (1/10 is a Thursday; no public holiday in the month), a month already past on the real
calendar, so that the CLI in a subprocess (real clock) reports exactly what the in-process tests see.
Office hours 07:30–11:30, 13:30–17:00. Due times in these comments are checked by the tests against the
calendar; every expected figure is written by hand in the tests, never computed here.

Dossiers (H = Hộ tịch 1.001193, 1 day, free; C = Chứng thực 2.000815, 1 day, 2.000 ₫):
  D11 H recv Wed 30/09 09:00 due Thu 01/10 09:00, ready 01/10 09:30 → late (in October), no apology
  D1  C recv Mon 05/10 09:00 due Tue 06/10 09:00, ready 05/10 16:00 → early
  D2  C recv Mon 05/10 10:00 due Tue 06/10 10:00, ready 06/10 09:59 → on time
  D3  C recv Tue 06/10 14:00 due Wed 07/10 14:00, ready 07/10 14:00 → on time (exactly at the due time)
  D4  H recv Wed 07/10 09:00 due Thu 08/10 09:00, apology 08/10 10:00 (new due Mon 12/10 10:00),
        ready Fri 09/10 15:00 → late (judged on the original due time), with apology
  D5  H recv Thu 08/10 08:00 due Fri 09/10 08:00, ready 09/10 11:00 → late, NO apology
  D6  H recv Mon 12/10 09:00 due Tue 13/10 09:00; supplement 12/10 11:00 (330 office minutes left),
        back Thu 15/10 09:00 → due 15/10 16:30; ready 15/10 16:00 → on time (clock stopped meanwhile)
  D9  H recv Tue 13/10 09:00, rejected 13/10 10:00
  D12 H recv Wed 14/10 09:00 due Thu 15/10 09:00, ready 14/10 15:00 → early; returned Fri 16/10 10:00
  D13 H recv Wed 28/10 09:00 due Thu 29/10 09:00, ready Tue 03/11 10:00 → open and overdue at month end
  D7  H recv Thu 29/10 14:00 due Fri 30/10 14:00 → open and overdue at month end, no apology
  D10 C recv Thu 29/10 09:00 due Fri 30/10 09:00, apology 30/10 10:00 (new due Wed 04/11 10:00)
        → open at month end, past its original due (register, with apology), not overdue (new due ahead)
  D8  H recv Fri 30/10 09:00 due Mon 02/11 09:00 → open, not overdue

Ratings (counter 1): O1 D1 lan very_satisfied, O2 D2 lan satisfied, O3 D3 lan dissatisfied,
O4 D4 minh satisfied, O5 D5 minh no rating (timeout), O6 D6 lan cancelled by the clerk.
Payments: D1 cash 2.000; D2 VietQR 2.000; D3 transfer 1.000 + cash 1.000; D10 VietQR 2.000.
Feedback: F5 recv 15/09 (due 29/09) answered 05/10; F1 recv 05/10 (due 19/10) answered 13/10;
F2 recv 06/10 (due 20/10) answered 21/10; F3 recv 08/10 (due 22/10) open; F4 recv 26/10 (due 09/11) open.
Queue (counter 1): Tue 06/10 A001 08:00, A002 08:02, B001 08:05, A003 08:06; A001 called 08:10, A002
called 08:20 (A001 finished), A002 finished 08:26, B001 called 08:30 finished 08:34, A003 called 08:40
and skipped 08:41 (no-show); Wed 07/10 C001 issued 09:00, called 09:45, finished 10:45.
"""

from __future__ import annotations

from typing import Any

from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.feedback import FeedbackService
from counter_app.services.intake import IntakeService
from counter_app.services.payments import PaymentService
from counter_app.services.queue import open_queue
from counter_app.services.ratings import RatingService
from counter_app.services.users import UserService
from counter_app.timeutil import parse_local
from tests.conftest import FakeClock, intake_doc, required_components

BIRTH = "1.001193"
COPY = "2.000815"


def receive(ctx: AppContext, clock: FakeClock, when: str, procedure: str = BIRTH, **over: Any) -> str:
    clock.set(when)
    doc = intake_doc(procedure=procedure, components=required_components(ctx, procedure), **over)
    return IntakeService(ctx).receive(doc, actor=over.get("clerk", "lan")).code


def status(
    ctx: AppContext, clock: FakeClock, code: str, when: str, target: str, note: str | None = None
) -> None:
    clock.set(when)
    DossierService(ctx).change_status(code, target, actor="lan", note=note)


def apologize(ctx: AppContext, clock: FakeClock, code: str, when: str, new_due: str) -> None:
    clock.set(when)
    DossierService(ctx).apologize(
        code, parse_local(new_due), "Cần xác minh thêm với cơ quan khác", actor="truong"
    )


def add_users(ctx: AppContext) -> None:
    users = UserService(ctx)
    for username, name, role in (
        ("lan", "Trần Thị Lan", "clerk"),
        ("minh", "Lê Văn Minh", "clerk"),
        ("truong", "Phạm Quốc Trưởng", "supervisor"),
    ):
        users.add(username, name, role, "mat-khau-123", actor="system")


def build_month(ctx: AppContext, clock: FakeClock) -> dict[str, str]:
    add_users(ctx)
    c: dict[str, str] = {}
    c["D11"] = receive(ctx, clock, "2026-09-30T09:00")
    status(ctx, clock, c["D11"], "2026-10-01T09:30", "ready")
    c["D1"] = receive(ctx, clock, "2026-10-05T09:00", COPY)
    c["D2"] = receive(ctx, clock, "2026-10-05T10:00", COPY)
    status(ctx, clock, c["D1"], "2026-10-05T16:00", "ready")
    status(ctx, clock, c["D2"], "2026-10-06T09:59", "ready")
    c["D3"] = receive(ctx, clock, "2026-10-06T14:00", COPY)
    c["D4"] = receive(ctx, clock, "2026-10-07T09:00")
    status(ctx, clock, c["D3"], "2026-10-07T14:00", "ready")
    c["D5"] = receive(ctx, clock, "2026-10-08T08:00")
    apologize(ctx, clock, c["D4"], "2026-10-08T10:00", "2026-10-12T10:00")
    status(ctx, clock, c["D5"], "2026-10-09T11:00", "ready")
    status(ctx, clock, c["D4"], "2026-10-09T15:00", "ready")
    c["D6"] = receive(ctx, clock, "2026-10-12T09:00")
    status(ctx, clock, c["D6"], "2026-10-12T11:00", "supplement", note="Thiếu bản sao giấy chứng sinh")
    c["D9"] = receive(ctx, clock, "2026-10-13T09:00")
    status(ctx, clock, c["D9"], "2026-10-13T10:00", "rejected", note="Không thuộc thẩm quyền")
    c["D12"] = receive(ctx, clock, "2026-10-14T09:00")
    status(ctx, clock, c["D12"], "2026-10-14T15:00", "ready")
    status(ctx, clock, c["D6"], "2026-10-15T09:00", "processing")
    status(ctx, clock, c["D6"], "2026-10-15T16:00", "ready")
    status(ctx, clock, c["D12"], "2026-10-16T10:00", "returned")
    c["D13"] = receive(ctx, clock, "2026-10-28T09:00")
    c["D10"] = receive(ctx, clock, "2026-10-29T09:00", COPY)
    c["D7"] = receive(ctx, clock, "2026-10-29T14:00")
    c["D8"] = receive(ctx, clock, "2026-10-30T09:00")
    apologize(ctx, clock, c["D10"], "2026-10-30T10:00", "2026-11-04T10:00")
    status(ctx, clock, c["D13"], "2026-11-03T10:00", "ready")

    pay = PaymentService(ctx)
    for code, when, method, amount in (
        ("D1", "2026-10-05T09:05", "cash", 2000),
        ("D2", "2026-10-05T10:05", "vietqr", 2000),
        ("D3", "2026-10-06T14:05", "transfer", 1000),
        ("D3", "2026-10-07T14:05", "cash", 1000),
        ("D10", "2026-10-29T09:05", "vietqr", 2000),
    ):
        clock.set(when)
        pay.record(c[code], method, amount, actor="lan")

    rs = RatingService(ctx)
    surveys: dict[str, dict[str, bool]] = {
        "D1": {"access.signage": True, "access.tidy": True, "procedure.time": True, "staff.polite": True},
        "D2": {"access.signage": False, "procedure.time": True, "staff.polite": True, "result.lawful": True},
        "D3": {"staff.polite": False, "procedure.time": False},
        "D4": {"staff.polite": True, "staff.helpful": True},
    }
    for key, clerk, when, level in (
        ("D1", "lan", "2026-10-05T16:05", "very_satisfied"),
        ("D2", "lan", "2026-10-06T10:05", "satisfied"),
        ("D3", "lan", "2026-10-07T14:10", "dissatisfied"),
        ("D4", "minh", "2026-10-09T15:05", "satisfied"),
    ):
        clock.set(when)
        oid = rs.offer("intake", c[key], clerk, 1)
        clock.advance(seconds=20)
        rs.rate(oid, level, reasons=["staff.polite"] if level == "dissatisfied" else None)
        rs.record_survey(oid, surveys[key])
    clock.set("2026-10-09T11:05")
    oid = rs.offer("intake", c["D5"], "minh", 1)
    clock.advance(seconds=30)
    rs.no_rating(oid)
    clock.set("2026-10-15T16:05")
    oid = rs.offer("intake", c["D6"], "lan", 1)
    rs.cancel(oid, actor="lan")

    fb = FeedbackService(ctx)
    numbers: dict[str, str] = {}
    for key, when, cat, text in (
        ("F5", "2026-09-15T09:00", "time", "Chờ lâu quá"),
        ("F1", "2026-10-05T09:00", "staff", "Cán bộ hướng dẫn chưa rõ"),
        ("F2", "2026-10-06T09:00", "procedure", "Phải nộp thêm giấy tờ"),
        ("F3", "2026-10-08T09:00", "time", "Trả kết quả chậm"),
        ("F4", "2026-10-26T09:00", "staff", "Cảm ơn cán bộ nhiệt tình"),
    ):
        clock.set(when)
        numbers[key] = fb.submit(cat, text).number
    for key, when in (("F5", "2026-10-05T09:00"), ("F1", "2026-10-13T09:00"), ("F2", "2026-10-21T10:00")):
        clock.set(when)
        fb.answer(numbers[key], "Bộ phận đã tiếp thu và xử lý.", actor="truong")
    c.update(numbers)

    q = open_queue(ctx)
    for when, service in (
        ("2026-10-06T08:00", "A"),
        ("2026-10-06T08:02", "A"),
        ("2026-10-06T08:05", "B"),
        ("2026-10-06T08:06", "A"),
    ):
        clock.set(when)
        q.issue(service, print_ticket=False, actor="kiosk")
    for when, action, arg in (
        ("2026-10-06T08:10", "call", "A"),
        ("2026-10-06T08:20", "call", "A"),
        ("2026-10-06T08:26", "finish", "A002"),
        ("2026-10-06T08:30", "call", "B"),
        ("2026-10-06T08:34", "finish", "B001"),
        ("2026-10-06T08:40", "call", "A"),
        ("2026-10-06T08:41", "skip", "A003"),
        ("2026-10-07T09:00", "issue", "C"),
        ("2026-10-07T09:45", "call", "C"),
        ("2026-10-07T10:45", "finish", "C001"),
    ):
        clock.set(when)
        if action == "call":
            q.call_next(1, service=arg, actor="lan")
        elif action == "finish":
            q.finish(arg, actor="lan")
        elif action == "skip":
            q.skip(arg, actor="lan")
        else:
            q.issue(arg, print_ticket=False, actor="kiosk")

    clock.set("2026-11-05T09:00")
    return c
