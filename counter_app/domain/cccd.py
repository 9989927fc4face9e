"""The QR on the back of the chip citizen ID card (CCCD), as a USB scanner types it (docs/domain.md, CCCD QR)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.domain.text import collapse_spaces, nfc

_DATE = re.compile(r"(\d{2})/?(\d{2})/?(\d{4})")  # ddmmyyyy or dd/mm/yyyy


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


NOT_A_CARD = (
    "không phải chuỗi QR của thẻ Căn cước/CCCD (12 số|số CMND cũ|họ tên|ngày sinh|giới tính|địa chỉ|ngày cấp)"
)


def parse_cccd_qr(text: str) -> CccdCard | None:
    """The card's fields, or None when `text` is not a CCCD QR string (so a field keeps what was typed).

    Layouts seen on cards (docs/cccd-qr.md): 7 fields `id|old id|name|birth|sex|address|issued` with the
    old 9-digit ID or an empty field, 6 fields without the old-ID field, dates as ddmmyyyy or dd/mm/yyyy,
    extra trailing fields (cards under Luật Căn cước 2023) ignored, a trailing CR/LF, NFD text.
    """
    parts = [p.strip() for p in nfc(text.strip().strip("\r\n")).split("|")]
    if len(parts) < 5 or not re.fullmatch(r"\d{12}", parts[0]):
        return None
    if _ddmmyyyy(parts[2]) is not None and not re.fullmatch(r"\d{9}|", parts[1]):
        old, rest = None, parts[1:]  # no old-ID field: name comes second
    else:
        if not re.fullmatch(r"\d{9}|\d{12}|", parts[1]):
            return None
        old, rest = parts[1] or None, parts[2:]
    if len(rest) < 4:
        return None
    name, birth_text, sex, address = rest[0], rest[1], rest[2], rest[3]
    birth = _ddmmyyyy(birth_text)
    if birth is None or not name or re.search(r"\d", name):
        return None
    return CccdCard(
        id_number=parts[0],
        old_id_number=old,
        full_name=collapse_spaces(name),
        birth_date=birth,
        sex=sex,
        address=collapse_spaces(address),
        issued_on=_ddmmyyyy(rest[4]) if len(rest) > 4 else None,
    )
