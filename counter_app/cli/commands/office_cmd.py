"""counter-app office status [--json]: which database this PC uses and which PCs of the office are running."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.services.presence import PresenceService

ROLE_NAMES = {
    "clerk": "cửa sổ cán bộ",
    "kiosk": "máy lấy số",
    "board": "bảng hiển thị",
    "rating": "màn hình đánh giá",
    "supervisor": "giám sát",
    "cli": "dòng lệnh",
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "office", "văn phòng nhiều máy: cơ sở dữ liệu dùng chung, các máy đang chạy")
    s = p.add_subparsers(dest="office_cmd", required=True, metavar="ACTION")
    st = add(s, common, "status", "cơ sở dữ liệu đang dùng (ẩn mật khẩu) và các máy đang chạy")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=_status)


def _status(args: argparse.Namespace, app: CliApp) -> int:
    ctx = app.ctx
    pcs = PresenceService(ctx).list()
    if args.json:
        app.out_json(
            {
                "backend": ctx.db.dialect,
                "database": ctx.db.location,  # the password masked (db/office_engine.py masked_url)
                "pcs": [
                    {
                        "counter": p.counter,
                        "role": p.role,
                        "clerk": p.clerk,
                        "last_seen": p.last_seen.isoformat(),
                        "online": p.online,
                        "host": p.host,
                        "version": p.version,
                        "started_at": p.started_at.isoformat(),
                        "pc": p.pc_id,
                    }
                    for p in pcs
                ],
            }
        )
        return 0
    kind = "PostgreSQL, dùng chung cả văn phòng" if ctx.office_mode else "SQLite, riêng máy này"
    app.out(f"Cơ sở dữ liệu: {ctx.db.location} ({kind})")
    if not pcs:
        app.out("Chưa có máy nào báo đang chạy.")
        return 0
    online = sum(p.online for p in pcs)
    app.out(f"Các máy ({online} đang chạy, {len(pcs) - online} đã tắt hoặc mất liên lạc):")
    for p in pcs:
        state = "đang chạy" if p.online else "mất liên lạc"
        clerk = f", cán bộ {p.clerk}" if p.clerk else ""
        app.out(
            f"  Quầy {p.counter:<3} {ROLE_NAMES.get(p.role, p.role):<18} {p.host} (bản {p.version}){clerk}"
            f" — lần cuối {p.last_seen:%H:%M:%S %d/%m/%Y}, {state}"
        )
    return 0
