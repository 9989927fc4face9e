"""Vietnamese text helpers: NFC normalisation and diacritic folding for search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from counter_app.errors import ValidationError

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# What no text field accepts: control characters (Cc; a line break only where a field allows lines), lone
# surrogates (Cs: they cannot even be stored as UTF-8), private-use (Co) and unassigned (Cn) code points,
# and format characters (Cf): invisible or direction-changing marks such as U+202E RIGHT-TO-LEFT OVERRIDE,
# U+200B ZERO WIDTH SPACE or U+2060 WORD JOINER, which make two names look alike but never match in a
# search, or print a line backwards on a form.
BAD_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn", "Cf"})


def first_bad_char(text: str, *, newlines: bool = False) -> str | None:
    for ch in text:
        if unicodedata.category(ch) in BAD_CATEGORIES and not (newlines and ch == "\n"):
            return ch
    return None


def has_bad_chars(text: str, *, newlines: bool = False) -> bool:
    return first_bad_char(text, newlines=newlines) is not None


def bad_chars_message(text: str, *, newlines: bool = False) -> str | None:
    """The Vietnamese refusal for a text holding a character no field accepts, or None when it is clean."""
    ch = first_bad_char(text, newlines=newlines)
    if ch is None:
        return None
    kind = "ký tự ẩn hoặc ký tự đổi chiều chữ" if unicodedata.category(ch) == "Cf" else "ký tự điều khiển"
    return f"có {kind} (U+{ord(ch):04X}) không được phép; hãy xóa và gõ lại"


def clean_text(
    raw: object, *, field: str, label: str, max_len: int, required: bool = True, newlines: bool = False
) -> str:
    """The one check of a free text field: NFC, spaces collapsed (each line's, when lines are allowed),
    not empty when required, at most `max_len` characters, no character of BAD_CATEGORIES."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise ValidationError("phải là chuỗi ký tự", field=field, label=label)
    text = nfc(raw)
    if newlines:
        value = "\n".join(collapse_spaces(line) for line in text.replace("\r\n", "\n").split("\n")).strip()
    else:
        value = collapse_spaces(text)
    message = bad_chars_message(value, newlines=newlines)
    if message:
        raise ValidationError(message, field=field, label=label)
    if required and not value:
        raise ValidationError("không được để trống", field=field, label=label)
    if len(value) > max_len:
        raise ValidationError(f"không được dài quá {max_len} ký tự", field=field, label=label)
    return value


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=8192)  # component and procedure names are folded again and again
def fold(text: str) -> str:
    """'Nguyễn Văn Đức' → 'nguyen van duc': lower case, no tone marks, đ → d, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return collapse_spaces(stripped.lower())


def to_ascii(text: str) -> str:
    """Fold to plain printable ASCII, keeping case (for bank transfer purposes and the like)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isprintable()))
