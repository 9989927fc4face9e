"""`counter-app`: the command line. Each module in `commands/` adds one group of subcommands.

A module defines `register(sub, common)`; `common` is the parent parser carrying --data-dir and --clerk,
so every command accepts them before or after its own name.

Start-up time matters (the nightly sync task, cron lines, integrations run one process per call): only
the chosen command's module is imported; the others appear in `--help` from the table below without
being loaded (benchmarks/startup_bench.py measures it, tests/test_startup_imports.py guards it).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from counter_app.cli.argparse_vi import VietnameseArgumentParser

# name → (module in counter_app/cli/commands defining register(sub, common), one-line help).
# A new command module needs its line here (tests/test_startup_imports.py checks none is missing).
COMMANDS: dict[str, tuple[str, str]] = {
    "backup": ("backup_cmd", "sao lưu cơ sở dữ liệu ra một tệp (an toàn khi phần mềm đang chạy)"),
    "calendar": ("calendar_cmd", "lịch làm việc, ngày nghỉ và ngày hẹn trả"),
    "catalog": ("catalog_cmd", "danh mục thủ tục hành chính"),
    "cccd": ("cccd_cmd", "đọc chuỗi QR mặt sau thẻ Căn cước/CCCD"),
    "config": ("config_cmd", "xem và sửa cấu hình"),
    "demo": ("demo_cmd", "tạo dữ liệu mẫu: một ngày làm việc với hồ sơ ở mọi trạng thái"),
    "dossier": ("dossier_cmd", "hồ sơ: tiếp nhận, tra cứu, chuyển trạng thái"),
    "feedback": ("feedback_cmd", "phản ánh, kiến nghị của người dân và việc trả lời"),
    "form": ("form_cmd", "in biểu mẫu (PDF): giấy tiếp nhận, yêu cầu bổ sung, từ chối, xin lỗi, …"),
    "office": ("office_cmd", "văn phòng nhiều máy: cơ sở dữ liệu dùng chung, các máy đang chạy"),
    "outbox": ("outbox_cmd", "sự kiện chờ đồng bộ lên máy chủ thành phố"),
    "payment": ("payment_cmd", "phí, lệ phí: mã VietQR, ghi nhận đã nộp"),
    "printer": ("printer_cmd", "máy in phiếu số thứ tự (ESC/POS)"),
    "queue": ("queue_cmd", "lấy số thứ tự, gọi số, hàng chờ"),
    "report": ("report_cmd", "báo cáo chất lượng phục vụ"),
    "restore": ("restore_cmd", "khôi phục cơ sở dữ liệu từ một tệp sao lưu (giữ lại bản đang dùng)"),
    "support-bundle": ("support_cmd", "gói hỗ trợ kỹ thuật: nhật ký, cấu hình (ẩn khóa), phiên bản"),
    "sync": ("sync_cmd", "đồng bộ với máy chủ thành phố (gửi sự kiện, nhận danh mục và lịch)"),
    "user": ("user_cmd", "tài khoản cán bộ"),
}

# name → (help, register) for every command; windows (gui, kiosk, display, rating) live in `ui`, above
# this package, and plug in through the "counter_app.commands" entry-point group (each entry is a
# function returning such a table) so the core never imports Qt.
Table = dict[str, tuple[str, Callable[[Any, argparse.ArgumentParser], None]]]


def _core_register(module: str) -> Callable[[Any, argparse.ArgumentParser], None]:
    def register(sub: Any, common: argparse.ArgumentParser) -> None:
        importlib.import_module(f"counter_app.cli.commands.{module}").register(sub, common)

    return register


def command_table(*, plugins: bool = True) -> Table:
    table: Table = {name: (help_text, _core_register(mod)) for name, (mod, help_text) in COMMANDS.items()}
    if plugins:
        from importlib.metadata import entry_points

        for ep in sorted(entry_points(group="counter_app.commands"), key=lambda e: e.name):
            table.update(ep.load()())
    return table


def _common_parser() -> VietnameseArgumentParser:
    common = VietnameseArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="thư mục dữ liệu (mặc định $COUNTER_APP_HOME hoặc thư mục người dùng)",
    )
    common.add_argument(
        "--clerk",
        default=argparse.SUPPRESS,
        help="tài khoản cán bộ thực hiện (mặc định $COUNTER_APP_CLERK; không có: việc của kịch bản, không ghi cán bộ)",
    )
    return common


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, that command is complete and the others are names with their help."""
    common = _common_parser()
    parser = VietnameseArgumentParser(
        prog="counter-app",
        description="Phần mềm Bộ phận Một cửa — tiếp nhận và trả kết quả",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The windows are only looked up when the command is not a core one: reading the installed
    # packages' entry points costs more than the rest of `counter-app dossier …`'s parsing.
    table = command_table(plugins=only is None or only not in COMMANDS)
    for name, (help_text, register) in table.items():
        if only is None or name == only:
            register(sub, common)
        elif name not in sub.choices:  # a module may add several commands at once
            sub.add_parser(name, help=help_text, parents=[common], description=help_text)
    return parser


def _version() -> str:
    from counter_app import __version__

    return __version__


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand's name: the first word that is neither an option nor the value of one."""
    words = iter(argv)
    for word in words:
        if word in ("--data-dir", "--clerk"):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # Windows consoles default to a legacy code page; a stray lone surrogate in some input must
            # not turn a clear refusal into a crash while printing it.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    global _program
    _program = _program or argv is None  # the process's own program, not a call from a test or script
    argv = list(sys.argv[1:] if argv is None else argv)
    with loading_modules():
        # No command (the clerk window, or --help): every command as a name with its help only.
        parser = build_parser(_command_in(argv) or "")
        args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        if "gui" not in sub_names(parser):
            parser.print_help()
            return 0
        # No subcommand: the clerk window.
        args = build_parser("gui").parse_args([*argv, "gui"])

    from counter_app.cli.runtime import CliApp
    from counter_app.errors import AppError

    app = CliApp(args)
    try:
        return int(args.handler(args, app) or 0)
    except AppError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        failure = app.storage_failure(exc)  # a full disk, a lock held too long, a damaged file
        if failure is None:
            return _unexpected(app, exc)
        print(f"Lỗi: {failure}", file=sys.stderr)
        return failure.exit_code
    finally:
        app.close()


_program = False


@contextmanager
def loading_modules() -> Iterator[None]:
    """Loading a command's modules makes a great many objects and almost no garbage: no collection
    passes over them meanwhile, and once loaded they are set aside for good (gc.freeze). A third of a
    short command's CPU time (benchmarks/startup_bench.py). Only in the program's own process: a caller
    that runs `main` many times (the tests) keeps its collector as it was."""
    if not _program:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _unexpected(app: Any, exc: Exception) -> int:
    """A bug or an unforeseen fault: the traceback goes to the log file, one sentence to stderr."""
    from counter_app import logs

    try:
        path = app.start_log()
    except Exception:  # no writable data dir: the traceback is all there is
        raise exc from None
    logs.record_unexpected(exc, f"counter-app {getattr(app.args, 'command', '')}")
    print(f"Lỗi: {logs.unexpected_sentence(exc)} ({path})", file=sys.stderr)
    return 70  # EX_SOFTWARE (sysexits.h)


def sub_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()
