"""Reading config.toml strictly: every declared key parsed by its rule, a bad value named with its line
(counter_app/config.py declares the keys; this module knows only what it is given)."""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from counter_app.errors import ConfigFileError

log = logging.getLogger("counter_app.config")


_FIX = "sửa tệp (hoặc xóa dòng đó để dùng giá trị mặc định) rồi chạy lại"


def load_checked(path: Path, keys: Mapping[str, Any]) -> dict[str, Any]:
    """The file's tree with every declared key (`keys`: name → counter_app.config.ConfigKey) parsed by its
    rule; ConfigFileError when it cannot be read, is not TOML, or holds a value `config set` would refuse."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigFileError(f"Không đọc được tệp cấu hình {path} ({exc.strerror}).") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigFileError(
            f"Tệp cấu hình {path} không phải văn bản UTF-8 (ký tự lạ ở dòng {line}); "
            "lưu lại tệp với mã hóa UTF-8 rồi chạy lại."
        ) from None
    try:
        tree = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f" ở dòng {where[1]}, cột {where[2]}" if where else ""
        raise ConfigFileError(f"Tệp cấu hình {path} sai cú pháp TOML{at}; {_FIX}.") from None
    problems: list[tuple[int, str]] = []
    sections_reported: set[str] = set()
    for name, spec in keys.items():
        node: Any = tree
        parts = name.split(".")
        for depth, part in enumerate(parts[:-1], 1):
            node = node.get(part) if isinstance(node, dict) else None
            if node is not None and not isinstance(node, dict):
                table = ".".join(parts[:depth])
                if table not in sections_reported:
                    sections_reported.add(table)
                    problems.append(_problem(text, table, table, f"phải là một bảng [{table}]"))
                node = None
            if node is None:
                break
        if not isinstance(node, dict) or parts[-1] not in node:
            continue
        value = node[parts[-1]]
        if isinstance(value, dict | list):
            problems.append(
                _problem(
                    text, name, f"{name} ({spec.label})", "phải là một giá trị, không phải danh sách hay bảng"
                )
            )
            continue
        try:
            node[parts[-1]] = spec.parse(value)
        except ValueError as exc:
            problems.append(_problem(text, name, f"{name} ({spec.label})", str(exc)))
    if problems:
        lines = [f"  {what}" for _n, what in sorted(problems)]
        raise ConfigFileError(f"Tệp cấu hình {path} có giá trị không hợp lệ; {_FIX}:\n" + "\n".join(lines))
    unknown = sorted(set(_leaves(tree)) - set(keys))
    if unknown:
        # A typo in a hand edit is not fatal, but it must not pass silently either.
        log.warning("Tệp cấu hình %s: bỏ qua khóa không có trong danh mục: %s", path, ", ".join(unknown))
    return tree


def _problem(text: str, dotted: str, what: str, reason: str) -> tuple[int, str]:
    line = _line_of(text, dotted)
    where = f"dòng {line}, " if line else ""
    return line or 0, f"{where}{what}: {reason}"


def _leaves(tree: dict[str, Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        out += _leaves(value, f"{name}.") if isinstance(value, dict) else [name]
    return out


_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_TABLE_LINE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")


def _split_key(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(_BARE_OR_QUOTED, dotted)]


def _line_of(text: str, dotted: str) -> int | None:
    """The line where `dotted` is given in the file: a `key = …` under its [table], a dotted key, or
    else the line that opens the inline table holding it. None when not found."""
    want = dotted.split(".")
    table: list[str] = []
    fallback: int | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if m := _TABLE_LINE.match(line):
            table = _split_key(m[1])
            continue
        if m := _KEY_LINE.match(line):
            full = table + _split_key(m[1])
            if full == want:
                return n
            if fallback is None and want[: len(full)] == full:
                fallback = n
    return fallback
