"""counter-app outbox status --json"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.services.outbox import OutboxService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "outbox", "sự kiện chờ đồng bộ lên máy chủ thành phố")
    s = p.add_subparsers(dest="outbox_cmd", required=True, metavar="ACTION")
    st = add(s, common, "status", "số sự kiện chờ gửi và sự kiện cũ nhất")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=_status)


def _status(args: argparse.Namespace, app: CliApp) -> int:
    status = OutboxService(app.ctx).status()
    if args.json:
        app.out_json(status)
    else:
        app.out(f"Chờ gửi: {status['pending']}; cũ nhất: {status['oldest'] or '—'}; bị từ chối: {status['rejected']}")
    return 0
