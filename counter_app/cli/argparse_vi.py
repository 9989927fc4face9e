"""argparse in Vietnamese: usage line, help headings and every refusal (a clerk's script or a support call
reads them). argparse words its messages in English inside the standard library; the refusals are
matched here and said again in Vietnamese, naming the same argument and value."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

_TYPE_NAMES = {"int": "một số nguyên", "float": "một số", "Path": "một đường dẫn"}

# (English message as Python 3.11–3.13 word it, Vietnamese). Groups keep the argument and the value.
# Patterns as text, compiled (and cached by `re`) by the first refusal: a command that parses fine
# compiles none of them.
_MESSAGES: list[tuple[str, str]] = [
    (
        r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
        "{arg}: {value} không hợp lệ; chỉ nhận {choices}",
    ),
    (r"the following arguments are required: (?P<args>.+)", "thiếu {args}"),
    (r"unrecognized arguments: (?P<args>.+)", "không hiểu {args}"),
    (r"argument (?P<arg>.+?): expected one argument", "{arg}: cần một giá trị"),
    (r"argument (?P<arg>.+?): expected at least one argument", "{arg}: cần ít nhất một giá trị"),
    (r"argument (?P<arg>.+?): expected at most one argument", "{arg}: chỉ nhận một giá trị"),
    (r"argument (?P<arg>.+?): expected (?P<n>\d+) arguments?", "{arg}: cần {n} giá trị"),
    (
        r"argument (?P<arg>.+?): invalid (?P<type>\w+) value: (?P<value>.+)",
        "{arg}: {value} không phải {type}",
    ),
    (
        r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)",
        "{arg}: không dùng cùng {other}",
    ),
    (
        r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)",
        "{arg}: không nhận giá trị {value}",
    ),
    (r"one of the arguments (?P<args>.+) is required", "cần một trong các tùy chọn {args}"),
    (
        r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.+)",
        "tùy chọn {opt} không rõ: có thể là {matches}",
    ),
    (r"argument (?P<arg>.+?): (?P<rest>.+)", "{arg}: {rest}"),
]


def translate(message: str) -> str:
    """The Vietnamese of one argparse refusal; a message not known here is kept as it is."""
    for pattern, template in _MESSAGES:
        m = re.fullmatch(pattern, message.strip())
        if m:
            groups = m.groupdict()
            if "type" in groups:
                groups["type"] = _TYPE_NAMES.get(groups["type"], groups["type"])
            if "choices" in groups:
                groups["choices"] = groups["choices"].replace("'", "")
            if "arg" in groups and groups["arg"] in ("COMMAND", "ACTION", "FORM"):
                groups["arg"] = {"COMMAND": "lệnh", "ACTION": "thao tác", "FORM": "biểu mẫu"}[groups["arg"]]
            return template.format(**groups)
    return message


class VietnameseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Vietnamese; its subcommands inherit it."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs["add_help"] = False  # added below, with a Vietnamese help line
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="hiện hướng dẫn này rồi thoát"
            )

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", "hiện số phiên bản rồi thoát")
        return super().add_argument(*args, **kwargs)

    def format_usage(self) -> str:
        return _vi_usage(super().format_usage())

    def format_help(self) -> str:
        # Renamed only now: argparse merges a parent's options into the group of the same title, so the
        # titles stay argparse's own while parsers are being built.
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        return _vi_usage(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {translate(message)}\n")


def _vi_usage(text: str) -> str:
    return text.replace("usage: ", "Cách dùng: ", 1)
