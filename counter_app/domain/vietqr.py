"""VietQR payment code (NAPAS 247 on EMVCo merchant-presented QR; docs/domain.md, VietQR): build, parse, check.

Every field is ID(2) LEN(2) VALUE with LEN counting characters, so values are kept ASCII. The payload
ends with tag 63: a CRC-16/CCITT-FALSE over everything before it, "6304" included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter_app.domain.text import collapse_spaces, nfc, to_ascii
from counter_app.errors import ValidationError

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
PURPOSE_MAX = 25
_PURPOSE_CHARS = re.compile(r"[^0-9A-Za-z .\-_/]")


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    if not value.isascii():
        raise ValueError(f"field {tag}: value must be ASCII")
    if len(value) > 99:
        raise ValueError(f"field {tag}: value longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def with_crc(body: str) -> str:
    head = body + "6304"
    return head + f"{crc16_ccitt_false(head.encode('ascii')):04X}"


def ascii_purpose(text: str, limit: int = PURPOSE_MAX) -> str:
    """A transfer purpose bank apps show unchanged: no tone marks, plain characters, at most `limit`.

    A dossier code longer than the limit keeps its tail (date and number), which is what tells two
    dossiers of the same agency apart on a bank statement.
    """
    value = collapse_spaces(_PURPOSE_CHARS.sub(" ", to_ascii(nfc(text))))
    if len(value) > limit:
        value = value[-limit:].lstrip(" .-_/")
    return value


@dataclass(frozen=True)
class VietQR:
    """What a payload says, as parsed back (also what the builder is given)."""

    bin: str
    account: str
    amount: int | None = None
    purpose: str | None = None
    bill_number: str | None = None
    service: str = TO_ACCOUNT

    @property
    def dynamic(self) -> bool:
        return self.amount is not None


def _fail(field: str, label: str, message: str) -> ValidationError:
    return ValidationError(message, field=field, label=label)


def build_payload(
    bin: str,
    account: str,
    *,
    amount: int | None = None,
    purpose: str | None = None,
    bill_number: str | None = None,
    service: str = TO_ACCOUNT,
) -> str:
    """The VietQR string; fields in ascending tag order, dynamic ("12") exactly when there is an amount."""
    bin = (bin or "").strip()
    account = (account or "").strip()
    if not re.fullmatch(r"[0-9]{6}", bin):
        raise _fail("bank.bin", "Mã BIN ngân hàng", "phải gồm đúng 6 chữ số")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account):
        raise _fail("bank.account", "Số tài khoản", "chỉ gồm chữ số và chữ cái, tối đa 19 ký tự")
    if service not in (TO_ACCOUNT, TO_CARD):
        raise _fail("service", "Dịch vụ", f"chỉ nhận {TO_ACCOUNT} hoặc {TO_CARD}")
    if amount is not None:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise _fail("amount", "Số tiền", "phải là số nguyên đồng lớn hơn 0")
        if len(str(amount)) > 13:
            raise _fail("amount", "Số tiền", "quá lớn (tối đa 13 chữ số)")
    extra = ""
    for tag, value, label in (("01", bill_number, "Số hóa đơn"), ("08", purpose, "Nội dung chuyển khoản")):
        if value is None or value == "":
            continue
        if not value.isascii() or not value.isprintable():
            raise _fail("purpose" if tag == "08" else "bill_number", label, "chỉ dùng chữ không dấu (ASCII)")
        if len(value) > PURPOSE_MAX:
            raise _fail("purpose" if tag == "08" else "bill_number", label, f"tối đa {PURPOSE_MAX} ký tự")
        extra += tlv(tag, value)
    beneficiary = tlv("00", bin) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", service)
    body = tlv("00", "01") + tlv("01", "12" if amount is not None else "11") + tlv("38", merchant)
    body += tlv("53", CURRENCY_VND)
    if amount is not None:
        body += tlv("54", str(amount))
    body += tlv("58", COUNTRY_VN)
    if extra:
        body += tlv("62", extra)
    return with_crc(body)


def split_tlv(text: str) -> list[tuple[str, str]]:
    """[(tag, value), …] in order; ValueError when a length runs past the end."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if i + 4 > len(text) or not text[i : i + 4].isdigit():
            raise ValueError(f"broken TLV header at position {i}")
        tag, length = text[i : i + 2], int(text[i + 2 : i + 4])
        value = text[i + 4 : i + 4 + length]
        if len(value) != length:
            raise ValueError(f"field {tag} is cut short")
        out.append((tag, value))
        i += 4 + length
    return out


def crc_ok(payload: str) -> bool:
    if len(payload) < 8 or payload[-8:-4] != "6304":
        return False
    return f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}" == payload[-4:].upper()


def parse_payload(payload: str) -> VietQR:
    """Read a VietQR string back; refuses a bad CRC, a non-NAPAS merchant or a missing account."""
    payload = payload.strip()
    if not payload.isascii():
        raise ValueError("payload is not ASCII")
    if not crc_ok(payload):
        raise ValueError("CRC mismatch")
    fields = split_tlv(payload)
    tags = [t for t, _ in fields]
    # EMVCo lets the fields come in any order, except 00 first and the CRC (63) last; wallets (MoMo)
    # put their own tags such as 80 before 63.
    if tags[0] != "00" or tags[-1] != "63" or len(set(tags)) != len(tags):
        raise ValueError("field 00 must come first, 63 last, each tag once")
    top = dict(fields)
    if top.get("00") != "01":
        raise ValueError("payload format indicator must be 01")
    merchant = dict(split_tlv(top.get("38", "")))
    if merchant.get("00") != NAPAS_GUID:
        raise ValueError("not a NAPAS (VietQR) merchant account")
    beneficiary = dict(split_tlv(merchant.get("01", "")))
    if "00" not in beneficiary or "01" not in beneficiary:
        raise ValueError("bank BIN or account missing")
    amount = int(top["54"]) if "54" in top else None
    if top.get("01") == "12" and amount is None:
        raise ValueError("dynamic code without an amount")
    additional = dict(split_tlv(top.get("62", "")))
    return VietQR(
        bin=beneficiary["00"],
        account=beneficiary["01"],
        amount=amount,
        purpose=additional.get("08"),
        bill_number=additional.get("01"),
        service=merchant.get("02", TO_ACCOUNT),
    )
