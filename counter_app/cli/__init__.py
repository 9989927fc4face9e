"""`counter-app`: the command line. Each module in `commands/` adds one group of subcommands.

A module defines `register(sub, common)`; `common` is the parent parser carrying --data-dir and --clerk,
so every command accepts them before or after its own name.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from counter_app.cli import commands
from counter_app.cli.runtime import CliApp
from counter_app.errors import AppError


def _common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="thư mục dữ liệu (mặc định $COUNTER_APP_HOME hoặc thư mục người dùng)",
    )
    common.add_argument(
        "--clerk",
        default=argparse.SUPPRESS,
        help="tài khoản cán bộ thực hiện (mặc định $COUNTER_APP_CLERK hoặc 'system')",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_parser()
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Phần mềm Bộ phận Một cửa — tiếp nhận và trả kết quả",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{mod.name}")
        module.register(sub, common)
    # Windows (gui, kiosk, display, rating) live in `ui`, above this package: they plug in through
    # the "counter_app.commands" entry-point group so the core never imports Qt.
    for ep in sorted(entry_points(group="counter_app.commands"), key=lambda e: e.name):
        ep.load()(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # Windows consoles default to a legacy code page; a stray lone surrogate in some input must
            # not turn a clear refusal into a crash while printing it.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        if "gui" not in sub_names(parser):
            parser.print_help()
            return 0
        # No subcommand: the clerk window.
        args = parser.parse_args([*(sys.argv[1:] if argv is None else argv), "gui"])
    app = CliApp(args)
    try:
        return int(args.handler(args, app) or 0)
    except AppError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        app.close()


def sub_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()
