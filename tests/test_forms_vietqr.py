"""VietQR payloads (docs/domain.md, VietQR) and amounts in Vietnamese words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.money_words import amount_words, number_words
from counter_app.domain.vietqr import (
    ascii_purpose,
    build_payload,
    crc16_ccitt_false,
    crc_ok,
    parse_payload,
    split_tlv,
)
from counter_app.domain.wording import format_vnd
from counter_app.errors import ValidationError
from tests.core_support import run_main

NAPAS_STATIC = (
    "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F"
)
NAPAS_DYNAMIC = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN"
    "62340107NPS68690819thanh toan don hang63042E2E"
)


def test_crc16_ccitt_false_check_value() -> None:
    # The catalogue check value of CRC-16/CCITT-FALSE.
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_napas_static_example_reproduced() -> None:
    assert build_payload("970403", "0011012345678") == NAPAS_STATIC


def test_napas_dynamic_example_reproduced() -> None:
    payload = build_payload(
        "970403", "0011012345678", amount=180000, purpose="thanh toan don hang", bill_number="NPS6869"
    )
    assert payload == NAPAS_DYNAMIC


def test_napas_examples_parse_back() -> None:
    q = parse_payload(NAPAS_DYNAMIC)
    assert (q.bin, q.account, q.amount, q.purpose, q.bill_number, q.service) == (
        "970403",
        "0011012345678",
        180000,
        "thanh toan don hang",
        "NPS6869",
        "QRIBFTTA",
    )
    assert q.dynamic
    s = parse_payload(NAPAS_STATIC)
    assert s.amount is None and not s.dynamic and s.purpose is None


def test_fields_ascending_and_dynamic_flag() -> None:
    payload = build_payload("970436", "0071001234567", amount=15000, purpose="000.00.06.H56-261123-0001")
    tags = [t for t, _ in split_tlv(payload)]
    assert tags == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert dict(split_tlv(payload))["01"] == "12"
    assert dict(split_tlv(build_payload("970436", "0071001234567")))["01"] == "11"


def test_bad_crc_refused() -> None:
    broken = NAPAS_STATIC[:-1] + ("0" if NAPAS_STATIC[-1] != "0" else "1")
    assert not crc_ok(broken)
    with pytest.raises(ValueError, match="CRC"):
        parse_payload(broken)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"bin": "97043", "account": "001"}, "bank.bin"),
        ({"bin": "97040\u0663", "account": "001"}, "bank.bin"),  # an Arabic-Indic digit is still not ASCII
        ({"bin": "970403", "account": ""}, "bank.account"),
        ({"bin": "970403", "account": "0011", "amount": 0}, "amount"),
        ({"bin": "970403", "account": "0011", "amount": -5}, "amount"),
        ({"bin": "970403", "account": "0011", "purpose": "Nộp lệ phí"}, "purpose"),
        ({"bin": "970403", "account": "0011", "purpose": "x" * 26}, "purpose"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        build_payload(**kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


def test_purpose_reduced_to_ascii_and_25_chars() -> None:
    assert ascii_purpose("000.00.06.H56-261123-0001") == "000.00.06.H56-261123-0001"
    assert ascii_purpose("Nộp lệ phí hồ sơ của Đức") == "Nop le phi ho so cua Duc"
    long_code = "H15.50.05.13.ABCDEF-261008-0975"
    reduced = ascii_purpose(long_code)
    assert len(reduced) <= 25 and reduced.endswith("261008-0975") and reduced.isascii()


@given(
    bin_=st.from_regex(r"[0-9]{6}", fullmatch=True),
    account=st.from_regex(r"[0-9A-Z]{4,19}", fullmatch=True),
    amount=st.one_of(st.none(), st.integers(1, 10**12)),
    purpose=st.one_of(st.none(), st.text(min_size=1, max_size=40)),
)
def test_build_then_parse_roundtrip(bin_: str, account: str, amount: int | None, purpose: str | None) -> None:
    clean = ascii_purpose(purpose) if purpose else None
    payload = build_payload(bin_, account, amount=amount, purpose=clean or None)
    assert crc_ok(payload)
    q = parse_payload(payload)
    assert (q.bin, q.account, q.amount, q.purpose) == (bin_, account, amount, clean or None)


@pytest.mark.parametrize(
    ("vnd", "words"),
    [
        (0, "Không đồng"),
        (1_000, "Một nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (100_000, "Một trăm nghìn đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (1_000_015, "Một triệu không trăm mười lăm đồng"),
        (3_000_050_000, "Ba tỷ không trăm năm mươi nghìn đồng"),
    ],
)
def test_amount_in_words(vnd: int, words: str) -> None:
    assert amount_words(vnd) == words


def test_number_words_refuses_negative() -> None:
    with pytest.raises(ValueError):
        number_words(-1)
    assert format_vnd(1_250_000) == "1.250.000"


def test_cli_payment_qr_prints_napas_examples(data_dir) -> None:  # type: ignore[no-untyped-def]
    rc, out, err = run_main(
        "payment", "qr", "--bin", "970403", "--account", "0011012345678", data_dir=data_dir
    )
    assert rc == 0, err
    assert out.strip() == NAPAS_STATIC
    rc, out, err = run_main(
        "payment",
        "qr",
        "--amount",
        "180000",
        "--purpose",
        "thanh toan don hang",
        "--bill",
        "NPS6869",
        "--bin",
        "970403",
        "--account",
        "0011012345678",
        data_dir=data_dir,
    )
    assert rc == 0, err
    assert out.strip() == NAPAS_DYNAMIC


def test_cli_payment_qr_uses_configured_bank_and_refuses_long_purpose(data_dir) -> None:  # type: ignore[no-untyped-def]
    assert run_main("config", "set", "bank.bin", "970436", data_dir=data_dir)[0] == 0
    assert run_main("config", "set", "bank.account", "0071001234567", data_dir=data_dir)[0] == 0
    rc, out, err = run_main(
        "payment", "qr", "--amount", "15.000", "--purpose", "Lệ phí hộ tịch", data_dir=data_dir
    )
    assert rc == 0, err
    q = parse_payload(out.strip())
    assert (q.bin, q.account, q.amount, q.purpose) == ("970436", "0071001234567", 15000, "Le phi ho tich")
    rc, _, err = run_main("payment", "qr", "--amount", "15000", "--purpose", "x" * 30, data_dir=data_dir)
    assert rc == 2 and "Nội dung chuyển khoản" in err
    rc, _, err = run_main("payment", "qr", "--amount", "mười nghìn", data_dir=data_dir)
    assert rc == 2 and "Số tiền" in err


def test_any_tag_order_with_00_first_and_63_last() -> None:
    """EMVCo fixes only 00 first and 63 last: a wallet's string with tag 80 before 63 (as MoMo prints it)
    and one with 58 before 53 are read."""
    from counter_app.domain.vietqr import tlv, with_crc

    merchant = tlv(
        "38",
        tlv("00", "A000000727")
        + tlv("01", tlv("00", "970454") + tlv("01", "99MM24011M34875080"))
        + tlv("02", "QRIBFTTA"),
    )
    momo = with_crc(
        tlv("00", "01")
        + tlv("01", "11")
        + merchant
        + tlv("53", "704")
        + tlv("58", "VN")
        + tlv("62", tlv("08", "NPS6869"))
        + tlv("80", "046")
    )
    q = parse_payload(momo)
    assert (q.bin, q.account, q.purpose, q.amount) == ("970454", "99MM24011M34875080", "NPS6869", None)
    shuffled = with_crc(
        tlv("00", "01") + tlv("01", "12") + merchant + tlv("58", "VN") + tlv("54", "15000") + tlv("53", "704")
    )
    assert parse_payload(shuffled).amount == 15000
    for bad in (
        with_crc(
            tlv("01", "11") + tlv("00", "01") + merchant + tlv("53", "704") + tlv("58", "VN")
        ),  # 00 not first
        with_crc(
            tlv("00", "01") + tlv("01", "11") + tlv("01", "12") + merchant + tlv("53", "704")
        ),  # tag twice
    ):
        with pytest.raises(ValueError):
            parse_payload(bad)
