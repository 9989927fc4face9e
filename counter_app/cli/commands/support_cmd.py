"""counter-app support-bundle -o FILE.zip"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.errors import ValidationError
from counter_app.paths import data_dir


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "support-bundle", "gói hỗ trợ kỹ thuật: nhật ký, cấu hình (ẩn khóa), phiên bản")
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    p.set_defaults(handler=_bundle)


def _bundle(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.support import write_bundle

    target = Path(args.output)
    if target.is_dir() or not target.parent.is_dir():
        raise ValidationError("không ghi được vào đường dẫn này", field="output", label="Tệp gói hỗ trợ")
    # Not app.ctx: the bundle must also be made when the database or the config cannot be opened.
    names = write_bundle(data_dir(app.data_dir), target)
    app.out(f"Đã tạo {target} ({len(names)} tệp; không có dữ liệu của người dân)")
    return 0
