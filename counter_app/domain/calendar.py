"""Working days and due times, counted in office time (docs/domain.md, Working days).

A dossier's clock runs only during office hours on working days. Processing time of N working days
is N full office days: received at 15:00 with 1 day → due 15:00 the next working day; received
outside office hours → counted from the next opening.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from counter_app.domain.office_hours import Segment
from counter_app.paths import RESOURCES
from counter_app.timeutil import VN_TZ, local

# The official days off and make-up working days, each with its legal source (resources/calendar/).
OFFICIAL_DAYS_FILE = RESOURCES / "calendar" / "vn_official_days.json"
HOLIDAY, SUBSTITUTE, MAKE_UP_WORK, LOCAL = "holiday", "substitute", "make_up_work", "local"
KINDS = (HOLIDAY, SUBSTITUTE, MAKE_UP_WORK, LOCAL)
PACKAGE_SOURCE = "Bộ luật Lao động 2019, Điều 112 (theo gói holidays)"
# Ngày Văn hóa Việt Nam (24/11): the package lists it from 2026, but it was a plan (Nghị quyết
# 30/NQ-CP asks to amend Bộ luật Lao động Điều 112), not a law; off only where a source says so.
UNENACTED = frozenset({(11, 24)})


@dataclass(frozen=True)
class OfficialDay:
    day: date
    kind: str  # HOLIDAY, SUBSTITUTE, MAKE_UP_WORK or LOCAL
    name: str
    source: str  # the legal document (number, date) that makes it so

    @property
    def working(self) -> bool:
        return self.kind == MAKE_UP_WORK


@lru_cache(maxsize=4)
def _official_file(path: Path = OFFICIAL_DAYS_FILE) -> tuple[frozenset[int], dict[date, OfficialDay]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    days: dict[date, OfficialDay] = {}
    for d in data["days"]:
        if d["kind"] not in KINDS or not str(d.get("source") or "").strip():
            raise ValueError(f"{path.name}: {d['date']} thiếu loại hoặc căn cứ pháp lý")
        day = date.fromisoformat(d["date"])
        days[day] = OfficialDay(day, d["kind"], d["name"], d["source"])
    return frozenset(int(y) for y in data["years"]), days


@lru_cache(maxsize=64)
def _package_holidays(year: int) -> dict[date, str]:
    import holidays as holidays_pkg  # 0.1 s of imports: only when a due date is actually computed

    try:
        table = holidays_pkg.country_holidays("VN", years=year, language="vi")
    except (NotImplementedError, TypeError, ValueError):  # older package without Vietnamese names
        table = holidays_pkg.country_holidays("VN", years=year)
    out = dict(table.items())
    for d in getattr(table, "weekend_workdays", ()) or ():
        if d.year == year:
            out[d] = "\0make-up"  # the package's own weekend working days, marked for official_days
    return out


def package_holidays(year: int) -> dict[date, str]:
    """Public holidays of Vietnam from the `holidays` package (lunar Tết and substitute days)."""
    return {d: n for d, n in _package_holidays(year).items() if n != "\0make-up"}


def official_days(year: int) -> dict[date, OfficialDay]:
    """Days off and make-up working days of `year` that a legal text makes so.

    A year of resources/calendar/vn_official_days.json comes from that file alone; any other year
    from the `holidays` package (its substitute days and weekend working days included), less the
    days it lists without an enacted source (24/11).
    """
    years, table = _official_file()
    if year in years:
        return {d: o for d, o in table.items() if d.year == year}
    out: dict[date, OfficialDay] = {}
    for d, name in _package_holidays(year).items():
        if (d.month, d.day) in UNENACTED:
            continue
        if name == "\0make-up":
            out[d] = OfficialDay(d, MAKE_UP_WORK, "Ngày làm bù", PACKAGE_SOURCE)
        else:
            kind = SUBSTITUTE if ("nghỉ bù" in name.lower() or "thay cho" in name.lower()) else HOLIDAY
            out[d] = OfficialDay(d, kind, name, PACKAGE_SOURCE)
    return out


class WorkingCalendar:
    def __init__(
        self,
        segments: tuple[Segment, ...],
        overrides: Mapping[date, bool] | None = None,
        holiday_source: Callable[[int], Mapping[date, OfficialDay]] = official_days,
    ) -> None:
        self.segments = segments
        self.overrides = dict(overrides or {})  # day → True (make-up working day) / False (day off)
        self._holiday_source = holiday_source
        self._holidays_by_year: dict[int, Mapping[date, OfficialDay]] = {}  # per-day loops: keep it cheap
        self.day_minutes = sum(s.minutes for s in segments)

    # --- days -------------------------------------------------------------------------------------

    def official(self, day: date) -> OfficialDay | None:
        table = self._holidays_by_year.get(day.year)
        if table is None:
            table = self._holidays_by_year[day.year] = self._holiday_source(day.year)
        return table.get(day)

    def holiday_name(self, day: date) -> str | None:
        """The name of the official day off on `day` (None on a working day or a make-up day)."""
        entry = self.official(day)
        return entry.name if entry is not None and not entry.working else None

    def is_working_day(self, day: date) -> bool:
        """Overrides (office, city) first, then the official days (a make-up Saturday is a full
        working day), then the week."""
        if day in self.overrides:
            return self.overrides[day]
        entry = self.official(day)
        if entry is not None:
            return entry.working
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        d = day + timedelta(days=1)
        for _ in range(800):  # a year and more of days off would be a broken override table
            if self.is_working_day(d):
                return d
            d += timedelta(days=1)
        raise ValueError("không tìm thấy ngày làm việc nào trong hơn hai năm")

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        d = day - timedelta(days=1)
        for _ in range(800):
            if self.is_working_day(d):
                return d
            d -= timedelta(days=1)
        raise ValueError("không tìm thấy ngày làm việc nào trong hơn hai năm")

    def add_working_days(self, day: date, n: int) -> date:
        d = day
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    # --- office time ------------------------------------------------------------------------------

    def _at(self, day: date, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=VN_TZ) + timedelta(minutes=minute)

    def _position(self, moment: datetime) -> tuple[date, int]:
        """(working day, minute of day) of the first office minute at or after `moment`.

        A moment exactly at a closing counts as the next opening, so a due time never reads "17:00"
        when it means "first thing next morning".
        """
        moment = local(moment)
        day = moment.date()
        minute = moment.hour * 60 + moment.minute  # seconds do not make a due time later
        if self.is_working_day(day):
            for seg in self.segments:
                if minute < seg.start:
                    return day, seg.start
                if minute < seg.end:
                    return day, minute
        return self.next_working_day(day), self.segments[0].start

    def add_office_minutes(self, start: datetime, minutes: int) -> datetime:
        day, minute = self._position(start)
        remaining = minutes
        while True:
            seg_index = next(i for i, s in enumerate(self.segments) if s.start <= minute < s.end)
            seg = self.segments[seg_index]
            available = seg.end - minute
            if remaining < available:
                return self._at(day, minute + remaining)
            remaining -= available
            if seg_index + 1 < len(self.segments):
                minute = self.segments[seg_index + 1].start
            else:
                day, minute = self.next_working_day(day), self.segments[0].start
            if remaining == 0:
                return self._at(day, minute)

    def subtract_office_minutes(self, end: datetime, minutes: int) -> datetime:
        """The latest moment with `minutes` office minutes from it to `end` (add_office_minutes backwards).

        E.g. "received when, to be due now?" for overdue reports and demo data.
        """
        end = local(end).replace(second=0, microsecond=0)
        if minutes <= 0:
            return end
        day, minute = end.date(), end.hour * 60 + end.minute
        # The last office minute at or before `end`: inside a segment, or the end of an earlier one.
        segs = self.segments
        if self.is_working_day(day) and any(s.start < minute for s in segs):
            seg = [s for s in segs if s.start < minute][-1]
            minute = min(minute, seg.end)
        else:
            day, minute = self.previous_working_day(day), segs[-1].end
        remaining = minutes
        while True:
            seg_index = next(i for i, s in enumerate(segs) if s.start < minute <= s.end)
            available = minute - segs[seg_index].start
            if remaining <= available:
                return self._at(day, minute - remaining)
            remaining -= available
            if seg_index > 0:
                minute = segs[seg_index - 1].end
            else:
                day, minute = self.previous_working_day(day), segs[-1].end

    def office_minutes_between(self, start: datetime, end: datetime) -> int:
        """Office minutes from `start` to `end` (0 when end is not after start)."""
        if end <= start:
            return 0
        day, minute = self._position(start)
        end_local = local(end)
        total = 0
        while True:
            seg = next(s for s in self.segments if s.start <= minute < s.end)
            seg_end = self._at(day, seg.end)
            if end_local <= seg_end:
                here = self._at(day, minute)
                if end_local > here:
                    total += int((end_local - here).total_seconds() // 60)
                return total
            total += seg.end - minute
            later = [s for s in self.segments if s.start > seg.start]
            if later:
                minute = later[0].start
            else:
                day, minute = self.next_working_day(day), self.segments[0].start
            if self._at(day, minute) >= end_local:
                return total

    def due(self, received_at: datetime, working_days: int) -> datetime:
        """Due time for a dossier received at `received_at` with `working_days` of processing."""
        if working_days < 0:
            raise ValueError("số ngày xử lý không được âm")
        return self.add_office_minutes(received_at, working_days * self.day_minutes)
