"""counter-app demo [--force]: a realistic working day of demo data in the data dir."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.demo import run_demo
from counter_app.demo.users import user_lines
from counter_app.domain.dates import parse_moment
from counter_app.paths import data_dir


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "demo", "tạo dữ liệu mẫu: một ngày làm việc với hồ sơ ở mọi trạng thái")
    p.add_argument("--force", action="store_true", help="vẫn thêm khi thư mục dữ liệu đã có hồ sơ")
    p.add_argument(
        "--seed", type=int, default=2026, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)"
    )
    # For reproducible screenshots and tests: the moment the demo's day ends (default: now).
    p.add_argument("--now", default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, app: CliApp) -> int:
    end = None
    if args.now:
        end = parse_moment(args.now, field="now", label="Thời điểm")
    folder = data_dir(app.data_dir)
    run = run_demo(folder, force=args.force, end=end, seed=args.seed)
    app.out(f"Đã tạo dữ liệu mẫu trong {folder}")
    for line in run.report:
        app.out(line)
    for line in user_lines(run):
        app.out(line)
    app.out(f"Mở cửa sổ cán bộ: counter-app gui --data-dir {folder}")
    return 0
