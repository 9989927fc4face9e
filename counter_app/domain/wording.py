"""How the counter writes a weekday, a due time and an amount of money, in Vietnamese or English.

The one table of weekday names and the one money formatter of the core and the windows. `printing`
and `city_server` may not import the core (pyproject.toml, import-linter contracts): their PDF and HTML
texts keep a local copy that tests/test_wording.py holds equal to this one.
"""

from __future__ import annotations

from datetime import date, datetime

from counter_app.timeutil import local

# Monday first, as date.weekday() counts. Vietnamese writes "thứ Hai" in running text, with a small "t".
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "vi": ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def weekday_name(day: date, lang: str = "vi") -> str:
    return WEEKDAYS["en" if lang == "en" else "vi"][day.weekday()]


def format_due(dt: datetime, lang: str = "vi") -> str:
    """'15:00 thứ Năm, 26/11/2026': how a clerk says a due time (day first, as everywhere here)."""
    d = local(dt)
    return f"{d:%H:%M} {weekday_name(d, lang)}, {d:%d/%m/%Y}"


def format_vnd(amount: int, lang: str = "vi") -> str:
    """The digits of an amount in VND, grouped: '1.250.000' (Vietnamese dots), '1,250,000' in English."""
    grouped = f"{amount:,}"
    return grouped if lang == "en" else grouped.replace(",", ".")


def format_dong(amount: int, lang: str = "vi") -> str:
    """An amount with its unit: '1.250.000 đồng', '1,250,000 VND'."""
    return f"{format_vnd(amount, lang)} {'VND' if lang == 'en' else 'đồng'}"
