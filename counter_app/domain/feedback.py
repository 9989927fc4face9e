"""Citizens' feedback (phản ánh, kiến nghị — PAKN): categories and the checks on what a citizen types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counter_app.domain.applicant import normalise_name, normalise_phone
from counter_app.domain.text import bad_chars_message, collapse_spaces, nfc
from counter_app.errors import ValidationError


@dataclass(frozen=True)
class Category:
    key: str
    vi: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category("staff", "Thái độ, tác phong cán bộ", "Staff conduct"),
        Category("procedure", "Thủ tục, giấy tờ", "Procedures and papers"),
        Category("time", "Thời gian giải quyết", "Processing time"),
        Category("fees", "Phí, lệ phí", "Fees"),
        Category("facilities", "Cơ sở vật chất", "Facilities"),
        Category("other", "Góp ý khác", "Other"),
    )
}

LABELS = {
    "category": "Loại phản ánh",
    "text": "Nội dung phản ánh",
    "name": "Họ và tên",
    "phone": "Số điện thoại",
    "answer": "Nội dung trả lời",
}
TEXT_MIN, TEXT_MAX = 5, 2000


def _fail(field: str, message: str) -> ValidationError:
    return ValidationError(message, field=field, label=LABELS[field])


@dataclass(frozen=True)
class FeedbackInput:
    category: str
    text: str
    name: str | None
    phone: str | None


def clean_text(raw: object, field: str = "text", *, max_len: int = TEXT_MAX) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(field, "không được để trống")
    # Keep the citizen's line breaks; tidy the spaces inside each line.
    value = "\n".join(collapse_spaces(line) for line in nfc(raw).splitlines()).strip()
    if len(value) < TEXT_MIN:
        raise _fail(field, f"cần ít nhất {TEXT_MIN} ký tự")
    if len(value) > max_len:
        raise _fail(field, f"không được dài quá {max_len} ký tự")
    bad = bad_chars_message(value, newlines=True)
    if bad:
        raise _fail(field, bad)
    return value


def validate(category: object, text: object, name: object = None, phone: object = None) -> FeedbackInput:
    """Everything a citizen submits, checked; name and phone are optional (for a reply)."""
    if not isinstance(category, str) or category not in CATEGORIES:
        raise _fail("category", "chỉ nhận " + ", ".join(CATEGORIES))
    body = clean_text(text)
    clean_name = _optional("name", name, normalise_name)
    clean_phone = _optional("phone", phone, normalise_phone)
    return FeedbackInput(category, body, clean_name, clean_phone)


def _optional(field: str, value: object, normalise: Callable[[object], str]) -> str | None:
    """Blank or absent is fine (the citizen need not leave contact details); anything else must be valid."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _fail(field, "không hợp lệ")
    try:
        return normalise(value)
    except ValidationError as exc:
        raise _fail(field, exc.message) from None
