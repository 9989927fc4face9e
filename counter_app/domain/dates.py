"""Dates as people type them: 31/12/2026 (what clerks write, also with - or .) or ISO 2026-12-31; times
after the day, 31/12/2026 15:00 or 2026-12-31T15:00. One parser for every place a person types a date,
so the same words refuse the same mistakes: "ngày không tồn tại" for 31/02."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from counter_app.errors import ValidationError
from counter_app.timeutil import local

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", re.ASCII)
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)  # ddmmyyyy, as printed on the CCCD card
_TIME = re.compile(r"(\d{1,2})[:hg](\d{2})(?::(\d{2}))?", re.ASCII)
DAY_HINT = "phải có dạng ngày/tháng/năm, ví dụ 31/12/2026 (hoặc 2026-12-31)"
MOMENT_HINT = "phải có dạng ngày/tháng/năm giờ:phút, ví dụ 31/12/2026 15:00 (hoặc 2026-12-31T15:00)"


def _day_parts(text: str, compact: bool) -> tuple[int, int, int] | None:
    m = _DMY.fullmatch(text)
    if m:
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    m = _YMD.fullmatch(text)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _COMPACT.fullmatch(text) if compact else None
    if m:
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    return None


def parse_day(raw: object, *, field: str, label: str, compact: bool = False) -> date:
    """31/12/2026, 31-12-2026, 31.12.2026 or 2026-12-31 (and 31122026 with `compact`) → date."""
    text = raw.strip() if isinstance(raw, str) else ""
    parts = _day_parts(text, compact)
    if parts is None:
        raise ValidationError(DAY_HINT, field=field, label=label)
    try:
        return date(*parts)
    except ValueError:
        raise ValidationError("ngày không tồn tại", field=field, label=label) from None


def parse_moment(raw: object, *, field: str, label: str) -> datetime:
    """A local date and time: '31/12/2026 15:00', '31/12/2026' (00:00) or ISO 8601 (with or without an
    offset; without one it is local time)."""
    text = raw.strip() if isinstance(raw, str) else ""
    if _YMD.match(text):
        try:  # what scripts send, possibly with an offset
            return local(datetime.fromisoformat(text))
        except ValueError:
            pass  # 2026-02-31T10:00: the day's own message below
    m = re.fullmatch(r"(\S+?)(?:[ T]+(.+))?", text)
    if m is None or _day_parts(m.group(1), False) is None:
        raise ValidationError(MOMENT_HINT, field=field, label=label)
    day = parse_day(m.group(1), field=field, label=label)
    at = time(0, 0)
    if m.group(2):
        t = _TIME.fullmatch(m.group(2).strip())
        if t is None:
            raise ValidationError(MOMENT_HINT, field=field, label=label)
        try:
            at = time(int(t.group(1)), int(t.group(2)), int(t.group(3) or 0))
        except ValueError:
            raise ValidationError(
                f"giờ không tồn tại ({m.group(2).strip()})", field=field, label=label
            ) from None
    return local(datetime.combine(day, at))
