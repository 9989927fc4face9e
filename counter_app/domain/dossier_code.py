"""Dossier code `{agency}-{yyMMdd}-{NNNN}` (docs/domain.md, Dossier code)."""

from __future__ import annotations

import re
from datetime import date

CODE_RE = re.compile(r"(?P<agency>[0-9A-Z]{1,6}(?:\.[0-9A-Z]{1,6}){1,5})-(?P<day>\d{6})-(?P<seq>\d{4,})")


def format_code(agency_code: str, day: date, sequence: int) -> str:
    if not 1 <= sequence <= 9999:
        raise ValueError("quá 9999 hồ sơ trong một ngày của một cơ quan")
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def extract_code(text: str) -> str | None:
    """The dossier code inside a bare code or a tracking URL (…/tra-cuu?ma=CODE), else None."""
    m = CODE_RE.search(text.strip().upper())
    return m.group(0) if m else None
