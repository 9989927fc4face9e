"""counter-app calendar due --from ISO --days N | holidays --year Y [--json] | set-day DATE off|work"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain.dates import parse_day, parse_moment
from counter_app.domain.wording import format_due
from counter_app.errors import ValidationError
from counter_app.services.calendar import CalendarService
from counter_app.timeutil import iso


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "calendar", "lịch làm việc, ngày nghỉ và ngày hẹn trả")
    s = p.add_subparsers(dest="calendar_cmd", required=True, metavar="ACTION")
    due = add(s, common, "due", "tính thời điểm hẹn trả kết quả")
    due.add_argument("--from", dest="start", required=True, help="thời điểm nhận (ISO 8601, giờ địa phương)")
    due.add_argument("--days", type=int, required=True, help="số ngày làm việc")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=_due)
    hol = add(s, common, "holidays", "ngày nghỉ lễ và ngày làm bù trong năm")
    hol.add_argument("--year", type=int, required=True)
    hol.add_argument("--json", action="store_true")
    hol.set_defaults(handler=_holidays)
    sd = add(s, common, "set-day", "đặt một ngày là ngày nghỉ (off) hoặc ngày làm việc/làm bù (work)")
    sd.add_argument("day", help="YYYY-MM-DD")
    sd.add_argument("kind", choices=["off", "work", "clear"])
    sd.add_argument("--note", default="")
    sd.set_defaults(handler=_set_day)


def _parse_day(text: str) -> date:
    return parse_day(text, field="date", label="Ngày")


def _due(args: argparse.Namespace, app: CliApp) -> int:
    start = parse_moment(args.start, field="from", label="Thời điểm nhận")
    if args.days < 0:
        raise ValidationError("không được âm", field="days", label="Số ngày làm việc")
    due = CalendarService(app.ctx).due(start, args.days)
    if args.json:
        app.out_json({"from": iso(start), "days": args.days, "due_at": iso(due), "text": format_due(due)})
    else:
        app.out(iso(due) or "")
    return 0


def _holidays(args: argparse.Namespace, app: CliApp) -> int:
    rows = CalendarService(app.ctx).holidays(args.year)
    if args.json:
        app.out_json(rows)
    else:
        for r in rows:
            state = "làm bù" if r["working"] else "nghỉ"
            app.out(f"{r['date']}  {state:<6}  {r['name']}  ({r['source']})")
    return 0


def _set_day(args: argparse.Namespace, app: CliApp) -> int:
    day = _parse_day(args.day)
    svc = CalendarService(app.ctx)
    if args.kind == "clear":
        svc.clear_day(day, actor=app.actor)
        app.out(f"Đã xóa điều chỉnh ngày {day:%d/%m/%Y}")
    else:
        svc.set_day(day, args.kind == "work", args.note, actor=app.actor)
        app.out(f"{day:%d/%m/%Y}: {'ngày làm việc' if args.kind == 'work' else 'ngày nghỉ'}")
    return 0
