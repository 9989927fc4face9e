"""Weekday names and amounts are written one way: counter_app/domain/wording.py, and the copies in the
layers that may not import it (printing) stay equal to it."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain import wording
from counter_app.timeutil import VN_TZ
from printing import pdf_common


def test_weekdays_in_both_languages() -> None:
    thursday = date(2026, 11, 26)
    assert wording.weekday_name(thursday) == "thứ Năm"
    assert wording.weekday_name(thursday, "en") == "Thursday"
    assert wording.weekday_name(date(2026, 11, 29)) == "Chủ nhật"


def test_due_time_is_local_and_day_first() -> None:
    due = datetime(2026, 11, 26, 8, 0, tzinfo=VN_TZ)
    assert wording.format_due(due) == "08:00 thứ Năm, 26/11/2026"
    assert wording.format_due(due, "en") == "08:00 Thursday, 26/11/2026"


def test_amounts() -> None:
    assert wording.format_vnd(1_250_000) == "1.250.000"
    assert wording.format_vnd(1_250_000, "en") == "1,250,000"
    assert wording.format_dong(0) == "0 đồng"
    assert wording.format_dong(50_000) == "50.000 đồng"
    assert wording.format_dong(50_000, "en") == "50,000 VND"


def test_the_pdf_weekdays_are_the_same_table() -> None:
    assert tuple(pdf_common.WEEKDAYS) == wording.WEEKDAYS["vi"]


@given(st.integers(min_value=0, max_value=10**12))
def test_the_pdf_amounts_are_written_the_same_way(amount: int) -> None:
    assert pdf_common.vnd(amount) == wording.format_dong(amount)
