"""Validation of the citizen's identity and contact fields (docs/domain.md, CCCD QR)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.domain.dates import parse_day
from counter_app.domain.text import bad_chars_message, collapse_spaces, nfc
from counter_app.errors import ValidationError

LABELS = {
    "full_name": "Họ và tên",
    "id_number": "Số CCCD",
    "phone": "Số điện thoại",
    "email": "Email",
    "address": "Địa chỉ",
    "birth_date": "Ngày sinh",
}

# Province codes of the 12-digit citizen ID (Thông tư 07/2016/TT-BCA, 59/2021/TT-BCA): 001–096, with gaps.
PROVINCE_CODES = frozenset(
    {
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    }
)

_NAME_OK = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")
_VN_LETTERS = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_PHONE_PREFIXES = ("03", "05", "07", "08", "09", "02")


def _fail(field: str, message: str) -> ValidationError:
    return ValidationError(message, field=f"applicant.{field}", label=LABELS[field])


def normalise_name(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail("full_name", "không được để trống")
    name = collapse_spaces(nfc(raw))
    bad = bad_chars_message(name)
    if bad:
        raise _fail("full_name", bad)
    if len(name) > 100:
        raise _fail("full_name", "không được dài quá 100 ký tự")
    if not _NAME_OK.fullmatch(name) or any(ch.lower() not in _VN_LETTERS for ch in name if ch != " "):
        raise _fail("full_name", "chỉ được gồm chữ cái tiếng Việt và dấu cách")
    return name


def check_id_number(raw: object) -> str:
    value = str(raw).strip() if isinstance(raw, (str, int)) else ""
    # [0-9], not \d: \d also matches fullwidth and other scripts' digits, stored but never found again.
    if not re.fullmatch(r"[0-9]{12}", value):
        raise _fail("id_number", "phải gồm đúng 12 chữ số")
    if int(value[:3]) not in PROVINCE_CODES:
        raise _fail("id_number", f"mã tỉnh '{value[:3]}' ở 3 số đầu không hợp lệ")
    return value


def normalise_phone(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail("phone", "không được để trống")
    value = re.sub(r"[\s.\-()]", "", raw)
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) == 11:
        value = "0" + value[2:]
    if not re.fullmatch(r"0[0-9]{9}", value) or not value.startswith(_PHONE_PREFIXES):
        raise _fail("phone", "phải gồm 10 chữ số bắt đầu bằng 0 (hoặc +84)")
    return value


def normalise_email(raw: object) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, str) or len(raw.strip()) > 254 or not _EMAIL.fullmatch(raw.strip()):
        raise _fail("email", "không đúng định dạng (ví dụ ten@example.vn)")
    return raw.strip()


def normalise_address(raw: object, field: str = "address") -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(field, "không được để trống")
    value = collapse_spaces(nfc(raw))
    if len(value) > 300:
        raise _fail(field, "không được dài quá 300 ký tự")
    bad = bad_chars_message(value)
    if bad:
        raise _fail(field, bad)
    return value


@dataclass(frozen=True)
class Applicant:
    full_name: str
    id_number: str
    phone: str
    address: str
    email: str | None = None
    birth_date: date | None = None

    @classmethod
    def from_input(cls, data: object) -> Applicant:
        if not isinstance(data, dict):
            raise ValidationError("thiếu thông tin người nộp", field="applicant", label="Người nộp hồ sơ")
        unknown = sorted(str(k) for k in set(data) - set(LABELS))
        if unknown:
            # Nothing is silently dropped: a misspelt key would otherwise lose what the clerk typed.
            raise ValidationError(
                f"trường '{unknown[0]}' không được hỗ trợ (chỉ nhận " + ", ".join(LABELS) + ")",
                field=f"applicant.{unknown[0]}",
                label="Người nộp hồ sơ",
            )
        birth = data.get("birth_date")
        birth_date: date | None = None
        if birth is not None and birth != "":
            birth_date = parse_day(birth, field="applicant.birth_date", label=LABELS["birth_date"])
            if birth_date.year < 1900:
                raise _fail("birth_date", "không hợp lệ (trước năm 1900)")
        return cls(
            full_name=normalise_name(data.get("full_name")),
            id_number=check_id_number(data.get("id_number")),
            phone=normalise_phone(data.get("phone")),
            address=normalise_address(data.get("address")),
            email=normalise_email(data.get("email")),
            birth_date=birth_date,
        )
