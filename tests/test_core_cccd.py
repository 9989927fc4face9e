"""The CCCD QR on the back of the chip ID card: every layout seen on real cards, and `cccd parse`."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from datetime import date

import pytest

from counter_app.domain.cccd import parse_cccd_qr

ADDR = "Số 12 Lê Lợi, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh"


@pytest.mark.parametrize(
    ("raw", "old", "issued", "why"),
    [
        (
            f"079090001234|123456789|Nguyễn Văn An|15031990|Nam|{ADDR}|01012021",
            "123456789",
            date(2021, 1, 1),
            "7 fields",
        ),
        (f"079090001234||Nguyễn Văn An|15031990|Nam|{ADDR}|01012021", None, date(2021, 1, 1), "old ID empty"),
        (
            f"079090001234|Nguyễn Văn An|15031990|Nam|{ADDR}|01012021",
            None,
            date(2021, 1, 1),
            "6 fields, no old ID",
        ),
        (
            f"079090001234|Nguyễn Văn An|15/03/1990|Nam|{ADDR}|01/01/2021",
            None,
            date(2021, 1, 1),
            "dd/mm/yyyy",
        ),
        (
            f"079090001234|123456789|Nguyễn Văn An|15/03/1990|Nam|{ADDR}|01/01/2021",
            "123456789",
            date(2021, 1, 1),
            "7, slashes",
        ),
        (f"079090001234||Nguyễn Văn An|15031990|Nam|{ADDR}|01012021\r\n", None, date(2021, 1, 1), "CR/LF"),
        (f"079090001234||Nguyễn Văn An|15031990|Nam|{ADDR}|01012021\n", None, date(2021, 1, 1), "LF"),
        (
            f"079090001234||Nguyễn Văn An|15031990|Nam|{ADDR}|01072024|Nguyễn Văn B|Trần Thị C|",
            None,
            date(2024, 7, 1),
            "extra fields (Luật Căn cước 2023)",
        ),
        (
            f"079090001234|Nguyễn Văn An|15031990|Nam|{ADDR}|01072024|x|y",
            None,
            date(2024, 7, 1),
            "6 + extras",
        ),
        (f"079090001234|123456789|Nguyễn Văn An|15031990|Nam|{ADDR}", "123456789", None, "no issue date"),
        (
            unicodedata.normalize("NFD", f"079090001234||Nguyễn Văn An|15031990|Nam|{ADDR}|01012021"),
            None,
            date(2021, 1, 1),
            "NFD text",
        ),
    ],
)
def test_every_layout_is_read(raw: str, old: str | None, issued: date | None, why: str) -> None:
    card = parse_cccd_qr(raw)
    assert card is not None, why
    assert card.id_number == "079090001234" and card.old_id_number == old, why
    assert card.full_name == "Nguyễn Văn An" and card.full_name == unicodedata.normalize(
        "NFC", card.full_name
    )
    assert card.birth_date == date(1990, 3, 15) and card.sex == "Nam", why
    assert card.address == ADDR and card.issued_on == issued, why


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "Nguyễn Văn An",
        "079090001234",
        "07909000123|123456789|Nguyễn Văn An|15031990|Nam|x|01012021",  # 11 digits
        "079090001234|123456789|Nguyễn Văn An|31021990|Nam|x|01012021",  # 31/02
        "079090001234|12345|Nguyễn Văn An|15031990|Nam|x|01012021",  # old ID of 5 digits
        "079090001234|Nguyễn Văn An|Nam|x",
        "https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-261123-0001",
    ],
)
def test_what_is_no_card_is_refused(raw: str) -> None:
    assert parse_cccd_qr(raw) is None


def _cli(stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "counter_app", "cccd", "parse", "--json"],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_cccd_parse_cli_prints_the_fields_as_json() -> None:
    r = _cli("079090001234|Nguyễn Văn An|15/03/1990|Nam|12 Lê Lợi|01012021\r\n")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {
        "id_number": "079090001234",
        "old_id": None,
        "full_name": "Nguyễn Văn An",
        "birth_date": "1990-03-15",
        "sex": "Nam",
        "address": "12 Lê Lợi",
        "issued_on": "2021-01-01",
    }
    r = _cli("079090001234|123456789|Nguyễn Văn An|15031990|Nữ|12 Lê Lợi\n")
    assert r.returncode == 0 and json.loads(r.stdout)["issued_on"] is None
    assert json.loads(r.stdout)["old_id"] == "123456789"


def test_cccd_parse_cli_refuses_other_text_with_exit_2() -> None:
    r = _cli("hello world\n")
    assert r.returncode == 2 and r.stdout == ""
    assert "Căn cước" in r.stderr and "Traceback" not in r.stderr
