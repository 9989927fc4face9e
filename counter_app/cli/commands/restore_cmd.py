"""counter-app restore FILE"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.paths import data_dir
from counter_app.services.backup import restore_from
from counter_app.services.context import AppContext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    r = add(sub, common, "restore", "khôi phục cơ sở dữ liệu từ một tệp sao lưu (giữ lại bản đang dùng)")
    r.add_argument("file", metavar="FILE", help="tệp sao lưu")
    r.set_defaults(handler=_restore)


def _restore(args: argparse.Namespace, app: CliApp) -> int:
    # Opened without the start-up check and migrations: restoring is how a damaged database is mended.
    ctx = AppContext(data_dir(app.data_dir), migrate=False)
    try:
        kept = restore_from(ctx, args.file)
    finally:
        ctx.close()
    app.out(f"Đã khôi phục từ {args.file}; dữ liệu trước khi khôi phục được giữ ở {kept}")
    return 0
