"""A retried intake is not a second dossier, and a second intake of the same citizen for the same
procedure within minutes is worth a look.

`request_id` in the intake document is its idempotency key (the clerk window sends one per form; a
script, one per citizen): the first intake stores its answer under that key in the same transaction as
the dossier, and a repeat gets that answer back. Without a key, the clerk is warned instead when the
same CCCD was received for the same procedure in the last RECENT minutes.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.errors import ValidationError
from db.models import Dossier
from db.models.intake import IntakeRequest

RECENT = timedelta(minutes=10)
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{8,64}")


def check_request_id(raw: object) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not _REQUEST_ID.fullmatch(raw):
        raise ValidationError(
            "phải gồm 8–64 ký tự chữ không dấu, số, dấu chấm, gạch hoặc hai chấm (ví dụ một UUID)",
            field="request_id",
            label="Mã yêu cầu",
        )
    return raw


def earlier_answer(s: Session, request_id: str | None) -> dict[str, Any] | None:
    if request_id is None:
        return None
    row = s.get(IntakeRequest, request_id)
    return None if row is None else dict(row.response)


def remember(s: Session, request_id: str | None, code: str, at: datetime, answer: dict[str, Any]) -> None:
    if request_id is not None:
        s.add(IntakeRequest(request_id=request_id, dossier_code=code, created_at=at, response=answer))


def recent_same(s: Session, id_number: str, procedure_code: str, received_at: datetime) -> str | None:
    """The warning for the clerk when this CCCD was received for this procedure in the last RECENT."""
    row = s.execute(
        select(Dossier.code, Dossier.received_at)
        .where(
            Dossier.id_number == id_number,
            Dossier.procedure_code == procedure_code,
            Dossier.received_at >= received_at - RECENT,
            Dossier.received_at <= received_at,
        )
        .order_by(Dossier.received_at.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return (
        f"Số CCCD này đã nộp hồ sơ {row.code} cùng thủ tục lúc {row.received_at:%H:%M}: "
        "kiểm tra xem có phải nhận trùng không (nếu trùng, từ chối một hồ sơ)."
    )
