"""The rules a configuration value must follow, shared by `config set`, the settings window and the
check of the file at start (counter_app/config.py declares which rule each key follows).

A rule takes the raw value — text as typed, or what the TOML file holds (text, number, true/false) —
and returns the value in its type, or raises ValueError with a Vietnamese reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from counter_app.domain.office_hours import parse_office_hours

T = TypeVar("T")
Rule = Callable[[Any], T]

AGENCY_CODE_RE = r"[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}"


def text(max_len: int = 300) -> Rule[str]:
    def parse(raw: Any) -> str:
        value = str(raw).strip()
        if len(value) > max_len:
            raise ValueError(f"dài quá {max_len} ký tự")
        return value

    return parse


def integer(lo: int, hi: int) -> Rule[int]:
    def parse(raw: Any) -> int:
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValueError("phải là một số nguyên") from None
        if not lo <= value <= hi:
            raise ValueError(f"phải từ {lo} đến {hi}")
        return value

    return parse


def choice(*options: str) -> Rule[str]:
    def parse(raw: Any) -> str:
        value = str(raw).strip()
        if value not in options:
            raise ValueError("chỉ nhận " + ", ".join(options))
        return value

    return parse


def int_choice(*options: int) -> Rule[int]:
    words = choice(*(str(n) for n in options))
    return lambda raw: int(words(raw))


def boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    value = str(raw).strip().lower()
    if value in {"1", "true", "yes", "on", "có"}:
        return True
    if value in {"0", "false", "no", "off", "không"}:
        return False
    raise ValueError("chỉ nhận true hoặc false")


def open_with_clerk(raw: Any) -> str:
    """auto | always | never; true and false (what the key took before) read as always and never."""
    value = str(raw).strip().lower()
    if value in {"auto", "always", "never"}:
        return value
    try:
        return "always" if boolean(raw) else "never"
    except ValueError:
        raise ValueError("chỉ nhận auto, always hoặc never") from None


def regex(pattern: str, explain: str) -> Rule[str]:
    rx = re.compile(pattern)

    def parse(raw: Any) -> str:
        value = str(raw).strip()
        if not rx.fullmatch(value):
            raise ValueError(explain)
        return value

    return parse


def required(inner: Rule[T]) -> Rule[T]:
    """Every form's letterhead and the receipt carry it: blank is refused."""

    def parse(raw: Any) -> T:
        if str(raw).strip() == "":
            raise ValueError("không được để trống")
        return inner(raw)

    return parse


def optional(inner: Rule[str]) -> Rule[str]:
    def parse(raw: Any) -> str:
        return "" if str(raw).strip() == "" else inner(raw)

    return parse


def office_hours(raw: Any) -> str:
    parse_office_hours(str(raw))  # raises ValueError with a Vietnamese message
    return str(raw).strip()


def url(raw: Any) -> str:
    value = str(raw).strip().rstrip("/")
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise ValueError("phải là địa chỉ http:// hoặc https://")
    return value


def database_url(raw: Any) -> str:
    """Empty: the SQLite file in the data dir. Else the office's PostgreSQL (docs/office-setup.md);
    `postgresql://` is taken to mean the psycopg driver, the one the app ships."""
    value = str(raw).strip()
    if not value:
        return ""
    if value.startswith(("postgresql://", "postgres://")):
        value = "postgresql+psycopg://" + value.split("://", 1)[1]
    if not re.fullmatch(r"postgresql\+psycopg://[^\s/@]+(@[^\s/@]+)?/[A-Za-z0-9_\-]+(\?\S*)?", value):
        raise ValueError(
            "phải để trống (tệp SQLite trên máy này) hoặc có dạng postgresql://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY_CHỦ:CỔNG/TÊN_CSDL"
        )
    return value


def printer_uri(raw: Any) -> str:
    value = str(raw).strip()
    if not re.fullmatch(r"(tcp|usb|serial|file|cups|win32)://\S+", value):
        raise ValueError(
            "phải có dạng tcp://HOST:PORT, usb://VID:PID, serial://…, file://…, cups://TÊN hoặc win32://TÊN"
        )
    return value
