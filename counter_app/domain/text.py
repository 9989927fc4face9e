"""Vietnamese text helpers: NFC normalisation and diacritic folding for search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def has_bad_chars(text: str) -> bool:
    """Control characters, lone surrogates (they cannot even be stored as UTF-8) or private-use code points."""
    return any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in text)


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
