"""The QR on the back of the chip citizen ID card (CCCD), as a USB scanner types it (DESIGN §8)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.domain.text import collapse_spaces, nfc

_DATE = re.compile(r"(\d{2})(\d{2})(\d{4})")


@dataclass(frozen=True)
class CccdCard:
    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date
    sex: str
    address: str
    issued_on: date | None


def _ddmmyyyy(text: str) -> date | None:
    m = _DATE.fullmatch(text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def parse_cccd_qr(text: str) -> CccdCard | None:
    """The card's fields, or None when `text` is not a CCCD QR string (so a field keeps what was typed)."""
    parts = nfc(text.strip()).split("|")
    if len(parts) < 6 or not re.fullmatch(r"\d{12}", parts[0].strip()):
        return None
    old = parts[1].strip()
    birth = _ddmmyyyy(parts[3])
    if birth is None or not parts[2].strip():
        return None
    return CccdCard(
        id_number=parts[0].strip(),
        old_id_number=old or None,
        full_name=collapse_spaces(parts[2]),
        birth_date=birth,
        sex=parts[4].strip(),
        address=collapse_spaces(parts[5]),
        issued_on=_ddmmyyyy(parts[6]) if len(parts) > 6 else None,
    )
