"""Field-by-field checks for the intake form, so a window can show a message as the clerk types.

They reuse the exact rules of `Applicant.from_input`, so the live message and the refusal on save agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from counter_app.domain.applicant import (
    check_id_number,
    normalise_address,
    normalise_email,
    normalise_name,
    normalise_phone,
)
from counter_app.domain.dates import parse_day
from counter_app.errors import ValidationError

_CHECKS: dict[str, Callable[[str], object]] = {
    "full_name": normalise_name,
    "id_number": check_id_number,
    "phone": normalise_phone,
    "email": normalise_email,
    "address": normalise_address,
}


def parse_birth_date(text: str, *, today: date | None = None) -> date | None:
    """'dd/mm/yyyy' (also with '-' or '.', or 8 digits as on the card) → date; empty → None."""
    value = text.strip()
    if not value:
        return None
    d = parse_day(value, field="applicant.birth_date", label="Ngày sinh", compact=True)
    if d.year < 1900 or (today is not None and d > today):
        raise ValidationError("không hợp lệ", field="applicant.birth_date", label="Ngày sinh")
    return d


def field_error(name: str, value: str, *, today: date | None = None) -> str | None:
    """The Vietnamese message for one applicant field, or None when it is acceptable."""
    try:
        if name == "birth_date":
            parse_birth_date(value, today=today)
        elif name == "post_address":
            normalise_address(value, "address")
        else:
            _CHECKS[name](value)
    except ValidationError as exc:
        return exc.message
    return None
