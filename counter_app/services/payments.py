"""Fees on a dossier: record a payment (cash, transfer, VietQR) and tell paid from unpaid."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contract import events, payloads
from counter_app.domain.lifecycle import REJECTED
from counter_app.domain.text import clean_text
from counter_app.domain.wording import format_dong
from counter_app.errors import ConflictError, NotFoundError, ValidationError
from counter_app.services import journal
from counter_app.timeutil import iso
from db.models import Dossier
from db.models.payments import Payment

if TYPE_CHECKING:
    from counter_app.services.context import AppContext

METHODS = ("cash", "transfer", "vietqr")
METHOD_LABELS_VI = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "vietqr": "Chuyển khoản VietQR"}
STATUS_LABELS_VI = {
    "free": "Không thu phí",
    "unpaid": "Chưa nộp",
    "partial": "Đã nộp một phần",
    "paid": "Đã nộp",
}


@dataclass(frozen=True)
class PaymentEntry:
    method: str
    amount_vnd: int
    paid_at: datetime
    clerk: str
    reference: str | None
    counter: int | None = None  # where it was paid (None: before counters were kept)

    @property
    def method_label(self) -> str:
        return METHOD_LABELS_VI[self.method]

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "method_label": self.method_label,
            "amount_vnd": self.amount_vnd,
            "paid_at": iso(self.paid_at),
            "clerk": self.clerk,
            "counter": self.counter,
            "reference": self.reference,
        }


@dataclass(frozen=True)
class PaymentStatus:
    code: str
    fee_vnd: int
    paid_vnd: int
    entries: list[PaymentEntry] = field(default_factory=list)

    @property
    def due_vnd(self) -> int:
        return max(self.fee_vnd - self.paid_vnd, 0)

    @property
    def status(self) -> str:
        if self.fee_vnd == 0:
            return "free"
        if self.paid_vnd >= self.fee_vnd:
            return "paid"
        return "partial" if self.paid_vnd else "unpaid"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS_VI[self.status]

    @property
    def paid(self) -> bool:
        return self.status in ("free", "paid")

    @property
    def last(self) -> PaymentEntry | None:
        return self.entries[-1] if self.entries else None

    def to_json(self) -> dict[str, Any]:
        return {
            "fee_vnd": self.fee_vnd,
            "paid_vnd": self.paid_vnd,
            "due_vnd": self.due_vnd,
            "status": self.status,
            "status_label": self.status_label,
            "paid": self.paid,
            "payments": [e.to_json() for e in self.entries],
        }


def _dossier(s: Session, code: str) -> Dossier:
    d = s.scalar(select(Dossier).where(Dossier.code == code.strip()))
    if d is None:
        raise NotFoundError(f"không tìm thấy hồ sơ '{code}'", field="code", label="Mã hồ sơ")
    return d


def _status(s: Session, d: Dossier) -> PaymentStatus:
    rows = s.scalars(select(Payment).where(Payment.dossier_id == d.id).order_by(Payment.id)).all()
    entries = [
        PaymentEntry(p.method, p.amount_vnd, p.paid_at, p.clerk, p.reference, p.counter_number) for p in rows
    ]
    return PaymentStatus(d.code, d.fee_vnd, sum(e.amount_vnd for e in entries), entries)


class PaymentService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def status(self, code: str) -> PaymentStatus:
        with self.ctx.db.read() as s:
            return _status(s, _dossier(s, code))

    def paid_totals(self, dossier_codes: list[str]) -> dict[str, int]:
        """Sum paid per dossier code, in one query (for the register and the board)."""
        if not dossier_codes:
            return {}
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(Dossier.code, func.coalesce(func.sum(Payment.amount_vnd), 0))
                .join(Payment, Payment.dossier_id == Dossier.id)
                .where(Dossier.code.in_(dossier_codes))
                .group_by(Dossier.code)
            ).all()
        return {str(code): int(total) for code, total in rows}

    def record(
        self, code: str, method: str, amount_vnd: Any, *, actor: str, reference: str | None = None
    ) -> PaymentStatus:
        """One payment; refused (nothing saved) when the dossier is fee-free, rejected or would be overpaid."""
        if method not in METHODS:
            raise ValidationError(
                "chỉ nhận cash (tiền mặt), transfer (chuyển khoản) hoặc vietqr",
                field="method",
                label="Hình thức nộp",
            )
        if isinstance(amount_vnd, bool) or not isinstance(amount_vnd, int):
            raise ValidationError("phải là số nguyên đồng", field="amount", label="Số tiền")
        if amount_vnd <= 0:
            raise ValidationError("phải lớn hơn 0 đồng", field="amount", label="Số tiền")
        ref = (
            clean_text(reference, field="reference", label="Mã giao dịch", max_len=100, required=False)
            or None
        )
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            d = _dossier(s, code)
            before = _status(s, d)
            if d.fee_vnd == 0:
                raise ConflictError(
                    "hồ sơ này không thu phí, lệ phí nên không ghi nhận khoản nộp",
                    field="amount",
                    label="Số tiền",
                )
            if d.status == REJECTED:
                raise ConflictError(
                    "hồ sơ đã bị từ chối tiếp nhận, không thu phí, lệ phí", field="amount", label="Số tiền"
                )
            if before.due_vnd == 0:
                raise ConflictError(
                    f"hồ sơ đã nộp đủ {format_dong(d.fee_vnd)}", field="amount", label="Số tiền"
                )
            if amount_vnd > before.due_vnd:
                raise ConflictError(
                    f"{format_dong(amount_vnd)} vượt số còn phải nộp ({format_dong(before.due_vnd)} "
                    f"trên tổng {format_dong(d.fee_vnd)})",
                    field="amount",
                    label="Số tiền",
                )
            s.add(
                Payment(
                    dossier_id=d.id,
                    method=method,
                    amount_vnd=amount_vnd,
                    paid_at=now,
                    clerk=actor,
                    counter_number=self.ctx.counter_number,
                    reference=ref,
                )
            )
            s.flush()
            after = _status(s, d)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.PAYMENT_RECORDED,
                entity="dossier",
                entity_id=d.code,
                payload=payloads.PaymentRecorded(
                    {
                        "code": d.code,
                        "method": method,
                        "amount_vnd": amount_vnd,
                        "paid_at": iso(now),
                        "reference": ref,
                        "fee_vnd": d.fee_vnd,
                        "paid_vnd": after.paid_vnd,
                        "status": after.status,
                    }
                ),
            )
            return after
