"""counter-app cccd parse --json: read a scanned CCCD QR string on stdin, print its fields."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain.cccd import NOT_A_CARD, parse_cccd_qr
from counter_app.errors import ValidationError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "cccd", "đọc chuỗi QR mặt sau thẻ Căn cước/CCCD")
    s = p.add_subparsers(dest="cccd_cmd", required=True, metavar="ACTION")
    parse = add(s, common, "parse", "đọc chuỗi quét được từ stdin và in các trường của thẻ")
    parse.add_argument("--json", action="store_true")
    parse.set_defaults(handler=_parse)


def _parse(args: argparse.Namespace, app: CliApp) -> int:
    raw = sys.stdin.read(64 * 1024)
    card = parse_cccd_qr(raw)
    if card is None:
        raise ValidationError(NOT_A_CARD, field="cccd", label="Chuỗi QR")
    fields = {
        "id_number": card.id_number,
        "old_id": card.old_id_number,
        "full_name": card.full_name,
        "birth_date": card.birth_date.isoformat(),
        "sex": card.sex,
        "address": card.address,
        "issued_on": card.issued_on.isoformat() if card.issued_on else None,
    }
    if args.json:
        app.out_json(fields)
    else:
        for key, value in fields.items():
            app.out(f"{key}: {value if value is not None else ''}")
    return 0
