"""Checking what a clerk or an admin types about the queue: ticket numbers, line letters, names, counters."""

from __future__ import annotations

import re

from counter_app.domain.text import clean_text
from counter_app.errors import ValidationError

PREFIX_RE = re.compile(r"[A-Z]")
NUMBER_RE = re.compile(r"([A-Za-z])\s*0*(\d{1,4})")


def normalise_number(raw: str) -> str:
    """'a12', 'A012', ' A 12 ' → 'A012' (what a clerk types → what the ticket says)."""
    m = NUMBER_RE.fullmatch((raw or "").strip())
    if not m:
        raise ValidationError(
            "phải gồm một chữ cái và các chữ số, ví dụ A012", field="number", label="Số thứ tự"
        )
    return f"{m.group(1).upper()}{int(m.group(2)):03d}"


def parse_prefix(raw: str) -> str:
    value = (raw or "").strip().upper()
    if not PREFIX_RE.fullmatch(value):
        raise ValidationError("phải là một chữ cái từ A đến Z", field="prefix", label="Ký hiệu dịch vụ")
    return value


def parse_name(raw: str) -> str:
    return clean_text(raw, field="name", label="Tên dịch vụ", max_len=100)


def parse_fields(raw: list[str] | None) -> list[str]:
    out: list[str] = []
    for item in raw or []:
        value = clean_text(str(item), field="fields", label="Lĩnh vực", max_len=100, required=False)
        if not value:
            continue
        if value not in out:
            out.append(value)
    return out


def parse_counters(raw: list[int] | None) -> list[int]:
    out: set[int] = set()
    for item in raw or []:
        try:
            n = int(item)
        except (TypeError, ValueError):
            raise ValidationError(
                f"'{item}' không phải số quầy", field="counters", label="Quầy phục vụ"
            ) from None
        if not 1 <= n <= 99:
            raise ValidationError("số quầy phải từ 1 đến 99", field="counters", label="Quầy phục vụ")
        out.add(n)
    return sorted(out)


def parse_counter(raw: int) -> int:
    try:
        n = int(raw)
    except (TypeError, ValueError):
        raise ValidationError("phải là số", field="counter", label="Số quầy") from None
    if not 1 <= n <= 99:
        raise ValidationError("phải từ 1 đến 99", field="counter", label="Số quầy")
    return n
