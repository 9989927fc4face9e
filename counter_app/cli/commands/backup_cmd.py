"""counter-app backup -o FILE"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.services.backup import backup_to


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    b = add(sub, common, "backup", "sao lưu cơ sở dữ liệu ra một tệp (an toàn khi phần mềm đang chạy)")
    b.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp sao lưu cần ghi")
    b.set_defaults(handler=_backup)


def _backup(args: argparse.Namespace, app: CliApp) -> int:
    app.out(f"Đã sao lưu vào {backup_to(app.ctx, args.output)}")
    return 0
