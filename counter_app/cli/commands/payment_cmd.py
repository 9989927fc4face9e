"""counter-app payment qr|record|show — VietQR payloads for IT checks, fees paid on dossiers."""

from __future__ import annotations

import argparse
import re
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain.money_words import amount_words
from counter_app.domain.vietqr import ascii_purpose, build_payload
from counter_app.domain.wording import format_dong, format_vnd
from counter_app.errors import ValidationError
from counter_app.services.payments import METHODS, PaymentService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "payment", "phí, lệ phí: mã VietQR, ghi nhận đã nộp")
    s = p.add_subparsers(dest="payment_cmd", required=True, metavar="ACTION")

    qr = add(s, common, "qr", "in chuỗi VietQR (để kiểm tra cấu hình ngân hàng)")
    qr.add_argument("--amount", default=None, help="số tiền (đồng); bỏ trống: mã tĩnh không số tiền")
    qr.add_argument("--purpose", default=None, help="nội dung chuyển khoản (sẽ bỏ dấu, tối đa 25 ký tự)")
    qr.add_argument("--bill", default=None, help="số hóa đơn (trường 62/01), nếu cần")
    qr.add_argument("--bin", default=None, help="mã BIN ngân hàng (mặc định bank.bin trong cấu hình)")
    qr.add_argument("--account", default=None, help="số tài khoản (mặc định bank.account trong cấu hình)")
    qr.add_argument("--card", action="store_true", help="chuyển đến số thẻ (QRIBFTTC) thay vì tài khoản")
    qr.set_defaults(handler=_qr)

    rec = add(s, common, "record", "ghi nhận người nộp hồ sơ đã nộp phí, lệ phí")
    rec.add_argument("code")
    rec.add_argument("--method", required=True, choices=METHODS, help="cash = tiền mặt, transfer, vietqr")
    rec.add_argument("--amount", required=True, help="số tiền (đồng)")
    rec.add_argument("--reference", default=None, help="mã giao dịch ngân hàng (nếu có)")
    rec.add_argument("--json", action="store_true")
    rec.set_defaults(handler=_record)

    show = add(s, common, "show", "tình trạng nộp phí của hồ sơ")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)


def parse_amount(raw: str | None) -> int:
    """'15000', '15.000' or '15 000' đồng; anything else is refused with the field named."""
    text = re.sub(r"[\s._]", "", str(raw or ""))
    if not re.fullmatch(r"\d{1,13}", text):
        raise ValidationError("phải là số nguyên đồng, ví dụ 15000", field="amount", label="Số tiền")
    return int(text)


def _qr(args: argparse.Namespace, app: CliApp) -> int:
    # Only reach for the data dir when the bank is not given on the command line.
    bin_ = args.bin if args.bin is not None else app.ctx.config.bank.bin
    account = args.account if args.account is not None else app.ctx.config.bank.account
    amount = None if args.amount is None else parse_amount(args.amount)
    if amount == 0:
        amount = None
    purpose = None
    if args.purpose:
        purpose = ascii_purpose(args.purpose, limit=1000)
        if len(purpose) > 25:
            raise ValidationError(
                f"tối đa 25 ký tự không dấu (đang có {len(purpose)}: '{purpose}')",
                field="purpose",
                label="Nội dung chuyển khoản",
            )
    bill = ascii_purpose(args.bill, limit=1000) if args.bill else None
    payload = build_payload(
        bin_,
        account,
        amount=amount,
        purpose=purpose,
        bill_number=bill,
        service="QRIBFTTC" if args.card else "QRIBFTTA",
    )
    app.out(payload)
    return 0


def _record(args: argparse.Namespace, app: CliApp) -> int:
    status = PaymentService(app.ctx).record(
        args.code, args.method, parse_amount(args.amount), actor=app.actor, reference=args.reference
    )
    _print(app, args.code, status, args.json)
    return 0


def _show(args: argparse.Namespace, app: CliApp) -> int:
    _print(app, args.code, PaymentService(app.ctx).status(args.code), args.json)
    return 0


def _print(app: CliApp, code: str, status: Any, as_json: bool) -> None:
    if as_json:
        app.out_json({"code": status.code, **status.to_json()})
        return
    app.out(
        f"{status.code}: {status.status_label} — đã nộp {format_vnd(status.paid_vnd)}/"
        f"{format_dong(status.fee_vnd)}"
    )
    for e in status.entries:
        app.out(
            f"  {e.paid_at:%d/%m/%Y %H:%M}  {e.method_label:<20} {format_vnd(e.amount_vnd):>12} đồng  {e.clerk}"
        )
    if status.due_vnd:
        app.out(f"  Còn phải nộp: {format_dong(status.due_vnd)} ({amount_words(status.due_vnd)})")
