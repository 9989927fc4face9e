"""Local time. Every "today" and every stored time is Asia/Ho_Chi_Minh, never UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

Clock = Callable[[], datetime]


def now() -> datetime:
    return datetime.now(VN_TZ).replace(microsecond=0)


def local(dt: datetime) -> datetime:
    """The same instant in local time; a naive value is taken as already local."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(VN_TZ)


def parse_local(text: str) -> datetime:
    """ISO 8601; without an offset it means local time."""
    return local(datetime.fromisoformat(text.strip()))


def iso(dt: datetime | None) -> str | None:
    return None if dt is None else local(dt).replace(microsecond=0).isoformat()


def day_start(day: date) -> datetime:
    """00:00 local time on that day: where a day's or a period's [start, end) bounds begin."""
    return datetime(day.year, day.month, day.day, tzinfo=VN_TZ)


def today(clock: Clock = now) -> date:
    return local(clock()).date()
