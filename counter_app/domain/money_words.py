"""Amounts in Vietnamese words, as written on receipts: 105 000 → "Một trăm linh năm nghìn đồng"."""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _triple(n: int, full: bool) -> list[str]:
    """0 < n < 1000. `full`: not the leading group, so zero hundreds are spoken ("không trăm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += ["linh", DIGITS[units]]
        elif units:
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    """0 < n < 10^9."""
    words: list[str] = []
    groups = [(n // 10**6) % 1000, (n // 1000) % 1000, n % 1000]
    names = ["triệu", "nghìn", ""]
    for value, name in zip(groups, names, strict=True):
        if value == 0:
            continue
        words += _triple(value, full or bool(words))
        if name:
            words.append(name)
    return words


def _number(n: int, full: bool = False) -> list[str]:
    if n < 10**9:
        return _below_billion(n, full)
    billions, rest = divmod(n, 10**9)
    words = [*_number(billions, full), "tỷ"]
    if rest:
        words += _below_billion(rest, True)
    return words


def number_words(n: int) -> str:
    """The number in lower-case words ("một trăm linh năm nghìn")."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("amount must be an int")
    if n < 0:
        raise ValueError("amount must not be negative")
    return "không" if n == 0 else " ".join(_number(n))


def amount_words(vnd: int) -> str:
    """'Một trăm nghìn đồng' — capitalised, ending in 'đồng'."""
    text = f"{number_words(vnd)} đồng"
    return text[0].upper() + text[1:]
