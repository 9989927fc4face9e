"""Working days and due times (docs/domain.md, Working days): holidays from the package, office overrides, office hours."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.office_hours import parse_office_hours
from counter_app.services.calendar import CalendarService
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from counter_app.timeutil import iso, parse_local
from tests.conftest import FakeClock, required_components
from tests.core_support import run_main

DEFAULT_HOURS = parse_office_hours("07:30-11:30,13:30-17:00")


def due(start: str, days: int, overrides: dict[date, bool] | None = None) -> str:
    return iso(WorkingCalendar(DEFAULT_HOURS, overrides).due(parse_local(start), days)) or ""


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        # Tết 2027: 4–10 February are holidays in the package.
        ("2027-02-03T10:00", 1, "2027-02-11T10:00:00+07:00", "the day before Tết → first day after it"),
        ("2027-02-03T10:00", 3, "2027-02-15T10:00:00+07:00", "Thu 11, Fri 12, weekend, Mon 15"),
        (
            "2027-02-06T09:00",
            1,
            "2027-02-12T07:30:00+07:00",
            "received during Tết → counts from Thu 11 07:30",
        ),
        # 30/4 and 1/5.
        ("2026-04-29T14:00", 2, "2026-05-05T14:00:00+07:00", "Thu 30/4 and Fri 1/5 off (2026)"),
        (
            "2027-04-29T15:00",
            1,
            "2027-05-04T15:00:00+07:00",
            "Fri 30/4, Sat 1/5 and its Monday substitute off",
        ),
        # 2/9 and the adjacent day.
        ("2027-09-01T09:00", 1, "2027-09-06T09:00:00+07:00", "Thu 2/9 and Fri 3/9 off"),
        ("2026-08-28T16:00", 1, "2026-09-03T16:00:00+07:00", "Mon 31/8 (bridge), Tue 1/9, Wed 2/9 off"),
        # Office hours.
        ("2026-11-25T15:00", 1, "2026-11-26T15:00:00+07:00", "15:00 + 1 day → 15:00 next working day"),
        ("2026-11-25T12:10", 1, "2026-11-26T13:30:00+07:00", "received at lunch → counts from 13:30"),
        (
            "2026-11-23T17:30",
            1,
            "2026-11-25T07:30:00+07:00",
            "after closing → next opening (Tue 24/11 is no enacted holiday: a working day)",
        ),
        # The official 2026 swaps (Thông báo 9441/TB-BNV, Công văn 12729/VPCP-KGVX).
        ("2025-12-31T15:00", 1, "2026-01-05T15:00:00+07:00", "Thu 1/1 holiday, Fri 2/1 swapped off"),
        ("2026-01-09T15:00", 1, "2026-01-10T15:00:00+07:00", "Sat 10/1 is a make-up working day"),
        ("2026-01-10T09:00", 1, "2026-01-12T09:00:00+07:00", "received on the make-up Saturday"),
        ("2026-08-21T15:00", 1, "2026-08-22T15:00:00+07:00", "Sat 22/8 is a make-up working day"),
        ("2026-08-22T16:00", 1, "2026-08-24T16:00:00+07:00", "from the make-up Saturday to Monday"),
        ("2026-04-24T10:00", 1, "2026-04-28T10:00:00+07:00", "Sun 26/4 Giỗ Tổ → Mon 27/4 off in lieu"),
        ("2025-04-25T10:00", 1, "2025-04-26T10:00:00+07:00", "2025: Sat 26/4 worked for Fri 2/5"),
        ("2025-04-29T10:00", 1, "2025-05-05T10:00:00+07:00", "2025: 30/4, 1/5, 2/5 off"),
        ("2026-11-25T17:00", 1, "2026-11-27T07:30:00+07:00", "exactly at closing is already after closing"),
        ("2026-11-25T06:00", 1, "2026-11-26T07:30:00+07:00", "before opening → counts from 07:30"),
        (
            "2026-11-25T11:00",
            1,
            "2026-11-26T11:00:00+07:00",
            "the lunch break does not move a morning receipt",
        ),
        ("2026-11-25T09:00:45", 1, "2026-11-26T09:00:00+07:00", "seconds do not make a due time later"),
        ("2026-11-27T15:00", 3, "2026-12-02T15:00:00+07:00", "Friday + 3 → Wednesday, weekend skipped"),
        ("2026-11-28T10:00", 1, "2026-12-01T07:30:00+07:00", "received on Saturday → from Monday's opening"),
        ("2026-11-25T09:00", 0, "2026-11-25T09:00:00+07:00", "0 days → at once"),
    ],
)
def test_due_times(start: str, days: int, expected: str, why: str) -> None:
    assert due(start, days) == expected, why


def test_overrides_win_over_weekends_and_the_official_days() -> None:
    # The official make-up Saturday counts; an office that may not open that day says so.
    assert due("2026-08-21T10:00", 1) == "2026-08-22T10:00:00+07:00"
    assert due("2026-08-21T10:00", 1, {date(2026, 8, 22): False}) == "2026-08-24T10:00:00+07:00"
    # An extra day off of the office.
    assert due("2026-11-23T09:00", 1) == "2026-11-24T09:00:00+07:00"
    assert due("2026-11-23T09:00", 1, {date(2026, 11, 24): False}) == "2026-11-25T09:00:00+07:00"
    # An official holiday the office works anyway.
    assert due("2026-08-28T09:00", 1, {date(2026, 8, 31): True}) == "2026-08-31T09:00:00+07:00"


def test_24_november_is_off_only_where_a_source_says_so() -> None:
    assert due("2027-11-23T09:00", 1) == "2027-11-24T09:00:00+07:00"  # a year of the data file
    assert due("2028-11-23T09:00", 1) == "2028-11-24T09:00:00+07:00"  # a year from the package
    assert due("2028-11-23T09:00", 1, {date(2028, 11, 24): False}) == "2028-11-27T09:00:00+07:00"


def test_package_years_keep_its_substitute_and_weekend_workdays() -> None:
    from counter_app.domain.calendar import MAKE_UP_WORK, SUBSTITUTE, official_days

    days = official_days(2024)  # not in the data file: the package's own 2024 swap (Sat 4/5 worked)
    assert days[date(2024, 5, 4)].kind == MAKE_UP_WORK and days[date(2024, 5, 4)].working
    assert due("2024-05-03T10:00", 1) == "2024-05-04T10:00:00+07:00"
    assert any(o.kind == SUBSTITUTE for o in official_days(2028).values())
    assert all(o.source for o in official_days(2028).values())


def test_every_official_day_names_its_legal_source() -> None:
    from counter_app.domain.calendar import KINDS, OFFICIAL_DAYS_FILE

    data = json.loads(OFFICIAL_DAYS_FILE.read_text(encoding="utf-8"))
    assert set(data["years"]) == {"2025", "2026", "2027"}
    for d in data["days"]:
        assert d["kind"] in KINDS and d["source"].strip() and d["name"].strip(), d
        day = date.fromisoformat(d["date"])
        assert (d["kind"] == "make_up_work") == (day.weekday() >= 5 and d["kind"] != "holiday"), d
        assert (day.month, day.day) != (11, 24), "24/11 has no enacted source"


def test_office_minutes_between_is_the_inverse_of_adding() -> None:
    cal = WorkingCalendar(DEFAULT_HOURS)
    start = parse_local("2027-02-03T10:17")
    for minutes in (0, 1, 73, 450, 451, 899, 900, 3 * 450 + 17):
        end = cal.add_office_minutes(start, minutes)
        assert cal.office_minutes_between(start, end) == minutes, minutes


def test_subtracting_office_minutes_is_the_inverse_too() -> None:
    cal = WorkingCalendar(DEFAULT_HOURS)
    assert (
        iso(cal.subtract_office_minutes(parse_local("2027-02-11T10:00"), 450)) == "2027-02-03T10:00:00+07:00"
    )
    assert (
        iso(cal.subtract_office_minutes(parse_local("2026-11-25T14:00"), 60)) == "2026-11-25T11:00:00+07:00"
    )
    assert (
        iso(cal.subtract_office_minutes(parse_local("2026-11-28T12:00"), 30)) == "2026-11-27T16:30:00+07:00"
    )
    rng = random.Random(7)
    base = parse_local("2027-01-20T00:00")
    for _ in range(300):
        end = base + timedelta(minutes=rng.randint(0, 60 * 24 * 40))
        minutes = rng.randint(1, 4000)
        start = cal.subtract_office_minutes(end, minutes)
        assert cal.office_minutes_between(start, end) == minutes
        assert (
            cal.office_minutes_between(start + timedelta(minutes=1), end) < minutes
        )  # the latest such moment


def test_set_day_through_the_cli_changes_due_times(data_dir: Path) -> None:
    rc, out, err = run_main("calendar", "due", "--from", "2026-11-27T10:00", "--days", "1", data_dir=data_dir)
    assert (rc, out.strip()) == (0, "2026-11-30T10:00:00+07:00"), err
    rc, out, err = run_main(
        "calendar", "set-day", "2026-11-28", "work", "--note", "Làm bù theo QĐ của UBND", data_dir=data_dir
    )
    assert rc == 0, err
    rc, out, err = run_main(
        "calendar", "set-day", "2026-11-30", "off", "--note", "Nghỉ bảo trì", data_dir=data_dir
    )
    assert rc == 0, err
    rc, out, _ = run_main("calendar", "due", "--from", "2026-11-27T10:00", "--days", "2", data_dir=data_dir)
    assert out.strip() == "2026-12-01T10:00:00+07:00"  # Sat 28 worked, Mon 30 off
    rc, out, _ = run_main(
        "calendar", "due", "--from", "2026-11-27T10:00", "--days", "1", "--json", data_dir=data_dir
    )
    assert json.loads(out)["due_at"] == "2026-11-28T10:00:00+07:00"
    assert "thứ Bảy, 28/11/2026" in json.loads(out)["text"]

    rc, out, _ = run_main("calendar", "holidays", "--year", "2026", "--json", data_dir=data_dir)
    rows = {r["date"]: r for r in json.loads(out)}
    assert rows["2026-11-28"] == {
        "date": "2026-11-28",
        "name": "Làm bù theo QĐ của UBND",
        "working": True,
        "kind": "make_up_work",
        "source": "Làm bù theo QĐ của UBND",
        "origin": "override",
    }
    assert rows["2026-11-30"]["kind"] == "local" and rows["2026-11-30"]["origin"] == "override"

    rc, _, err = run_main("calendar", "set-day", "2026-11-30", "clear", data_dir=data_dir)
    assert rc == 0, err
    rc, out, _ = run_main("calendar", "due", "--from", "2026-11-27T10:00", "--days", "2", data_dir=data_dir)
    assert out.strip() == "2026-11-30T10:00:00+07:00"


def test_holidays_json_2026_is_the_official_schedule(data_dir: Path) -> None:
    rc, out, err = run_main("calendar", "holidays", "--year", "2026", "--json", data_dir=data_dir)
    assert rc == 0, err
    rows = {r["date"]: r for r in json.loads(out)}
    kinds = {d: r["kind"] for d, r in rows.items()}
    assert kinds == {
        "2026-01-01": "holiday",
        "2026-01-02": "substitute",
        "2026-01-10": "make_up_work",
        **{f"2026-02-{d}": "holiday" for d in range(16, 21)},
        "2026-04-26": "holiday",
        "2026-04-27": "substitute",
        "2026-04-30": "holiday",
        "2026-05-01": "holiday",
        "2026-08-22": "make_up_work",
        "2026-08-31": "substitute",
        "2026-09-01": "holiday",
        "2026-09-02": "holiday",
    }
    assert "2026-11-24" not in rows
    assert rows["2026-08-22"]["working"] is True and rows["2026-01-10"]["working"] is True
    assert "9441/TB-BNV" in rows["2026-08-31"]["source"] and "16/10/2025" in rows["2026-08-31"]["source"]
    assert "12729/VPCP-KGVX" in rows["2026-01-02"]["source"]
    assert all(r["source"] and r["origin"] == "official" for r in rows.values())
    assert all(set(r) == {"date", "name", "working", "kind", "source", "origin"} for r in rows.values())


def test_holidays_json_lists_tet_2027(data_dir: Path) -> None:
    rc, out, err = run_main("calendar", "holidays", "--year", "2027", "--json", data_dir=data_dir)
    assert rc == 0, err
    rows = json.loads(out)
    days = {r["date"] for r in rows if not r["working"]}
    assert {f"2027-02-{d:02d}" for d in range(4, 11)} <= days
    assert {"2027-04-30", "2027-05-01", "2027-09-02", "2027-09-03", "2027-01-01"} <= days
    assert all(set(r) == {"date", "name", "working", "kind", "source", "origin"} for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert any("Tết Nguyên đán" in r["name"] for r in rows)


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["calendar", "due", "--from", "hôm qua", "--days", "1"], "Thời điểm nhận"),
        (["calendar", "due", "--from", "2026-11-23T09:00", "--days", "-1"], "Số ngày làm việc"),
        (["calendar", "set-day", "2026-02-30", "off"], "Ngày"),
    ],
)
def test_calendar_cli_refuses_bad_input(ctx: AppContext, args: list[str], label: str) -> None:
    rc, _, err = run_main(*args, data_dir=ctx.data_dir)
    assert rc == 2 and label in err


def test_intake_due_follows_overrides_set_in_the_same_context(ctx: AppContext, clock: FakeClock) -> None:
    CalendarService(ctx).set_day(date(2026, 11, 24), False, "Nghỉ đột xuất", actor="admin")
    doc = {
        "procedure": "1.001193",
        "applicant": {
            "full_name": "Trần Thị Bình",
            "id_number": "079303004567",
            "phone": "0987654321",
            "address": "5 Nguyễn Huệ",
        },
        "components": required_components(ctx, "1.001193"),
    }
    r = IntakeService(ctx).receive({**doc, "received_at": "2026-11-23T09:00"}, actor="clerk1")
    assert iso(r.due_at) == "2026-11-25T09:00:00+07:00"


def test_supplement_pause_keeps_the_remaining_office_time(ctx: AppContext, clock: FakeClock) -> None:
    clock.set("2026-11-25T09:00")
    code = "1.004873"  # xác nhận tình trạng hôn nhân: 3 working days
    receipt = IntakeService(ctx).receive(
        {
            "procedure": code,
            "applicant": {
                "full_name": "Lê Văn Cường",
                "id_number": "001099012345",
                "phone": "0903123456",
                "address": "8 Hai Bà Trưng",
            },
            "components": required_components(ctx, code),
        },
        actor="clerk1",
    )
    assert iso(receipt.due_at) == "2026-11-30T09:00:00+07:00"
    svc = DossierService(ctx)
    clock.set("2026-11-26T10:00")
    v = svc.change_status(receipt.code, "supplement", actor="clerk1", note="Thiếu bản sao giấy khai sinh")
    # Thu 10:00→17:00 minus lunch = 300, Fri 450, Mon 07:30→09:00 = 90.
    assert v.history[-1].data["remaining_minutes"] == 840
    clock.set("2026-12-01T10:00")  # past the old due time: the clock was stopped, so not overdue
    assert not svc.get(receipt.code).is_overdue(ctx.now())
    clock.set("2026-12-02T14:00")
    v = svc.change_status(receipt.code, "processing", actor="clerk1", note="Đã bổ sung")
    # Wed 14:00→17:00 = 180, Thu 450, Fri 07:30 + 210 = 11:00.
    assert iso(v.due_at) == "2026-12-04T11:00:00+07:00"
    assert v.history[-1].data["due_at"] == "2026-12-04T11:00:00+07:00"


def test_a_day_set_by_another_process_reaches_an_open_window(
    ctx: AppContext, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import counter_app.services.context as context_module

    assert ctx.calendar.is_working_day(date(2026, 11, 25))
    rc, _, err = run_main("calendar", "set-day", "2026-11-25", "off", data_dir=ctx.data_dir)
    assert rc == 0, err
    assert ctx.calendar.is_working_day(date(2026, 11, 25))  # cached for a while …
    monkeypatch.setattr(context_module, "CALENDAR_TTL_S", 0.0)
    assert not ctx.calendar.is_working_day(date(2026, 11, 25))  # … then read again
