"""counter-app outbox status|rejected|requeue|runs --json"""

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
    rj = add(s, common, "rejected", "sự kiện máy chủ từ chối, kèm lý do")
    rj.add_argument("--json", action="store_true")
    rj.set_defaults(handler=_rejected)
    rq = add(s, common, "requeue", "đưa sự kiện bị từ chối trở lại hàng chờ gửi")
    rq.add_argument("event_ids", nargs="*", metavar="EVENT_ID", help="bỏ trống cùng --all: tất cả")
    rq.add_argument("--all", action="store_true")
    rq.set_defaults(handler=_requeue)
    rn = add(s, common, "runs", "nhật ký các lần đồng bộ")
    rn.add_argument("--limit", type=int, default=30)
    rn.add_argument("--json", action="store_true")
    rn.set_defaults(handler=_runs)


def _status(args: argparse.Namespace, app: CliApp) -> int:
    status = OutboxService(app.ctx).backlog().to_json()
    if args.json:
        app.out_json(status)
    else:
        app.out(
            f"Chờ gửi: {status['pending']}; cũ nhất: {status['oldest'] or '—'}; bị từ chối: {status['rejected']}"
        )
    return 0


def _rejected(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.sync import SyncService

    rows = SyncService(app.ctx).rejected()
    if args.json:
        app.out_json(rows)
    elif not rows:
        app.out("Không có sự kiện nào bị từ chối.")
    else:
        for r in rows:
            app.out(f"#{r['seq']} {r['type']} ({r['created_at']}) {r['event_id']}: {r['reason']}")
    return 0


def _requeue(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.errors import ValidationError
    from counter_app.services.sync import SyncService

    if not args.all and not args.event_ids:
        raise ValidationError("nêu mã sự kiện hoặc dùng --all", field="event_ids", label="Sự kiện")
    n = SyncService(app.ctx).requeue(None if args.all else list(args.event_ids), actor=app.actor)
    app.out(f"Đã đưa {n} sự kiện trở lại hàng chờ gửi.")
    return 0


def _runs(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.sync import SyncService

    rows = SyncService(app.ctx).runs(args.limit)
    if args.json:
        app.out_json(rows)
    else:
        for r in rows:
            state = "thành công" if r["ok"] else f"LỖI: {r['error']}"
            app.out(
                f"{r['started_at']} [{r['trigger']}] gửi {r['sent']} (mới {r['accepted']}, trùng "
                f"{r['duplicates']}, từ chối {r['rejected']}), còn {r['pending']} — {state}"
            )
    return 0
