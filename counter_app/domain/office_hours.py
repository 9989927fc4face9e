"""Office hours: the segments of a working day during which processing time runs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEGMENT = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Segment:
    start: int  # minutes after midnight
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


def parse_office_hours(text: str) -> tuple[Segment, ...]:
    """'07:30-11:30,13:30-17:00' → segments; ValueError (Vietnamese) when malformed or overlapping."""
    parts = [p for p in str(text).split(",") if p.strip()]
    if not parts:
        raise ValueError("cần ít nhất một khoảng giờ, ví dụ 07:30-11:30,13:30-17:00")
    segments: list[Segment] = []
    for part in parts:
        m = _SEGMENT.match(part)
        if not m:
            raise ValueError(f"'{part.strip()}' không đúng dạng HH:MM-HH:MM")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2 != 0):
            raise ValueError(f"'{part.strip()}' có giờ không hợp lệ")
        seg = Segment(h1 * 60 + m1, h2 * 60 + m2)
        if seg.end <= seg.start:
            raise ValueError(f"'{part.strip()}': giờ kết thúc phải sau giờ bắt đầu")
        if segments and seg.start < segments[-1].end:
            raise ValueError("các khoảng giờ phải theo thứ tự và không chồng lên nhau")
        segments.append(seg)
    return tuple(segments)
