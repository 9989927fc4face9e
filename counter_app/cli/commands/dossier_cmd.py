"""counter-app dossier receive|show|status|stop|apologize|list|find|attach|files|reusable|file

The intake and payment services are imported by the handlers that use them: `dossier find` starts faster.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain.lifecycle import STATES
from counter_app.domain.wording import format_dong, format_due
from counter_app.services.dossiers import DossierService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "dossier", "hồ sơ: tiếp nhận, tra cứu, chuyển trạng thái")
    s = p.add_subparsers(dest="dossier_cmd", required=True, metavar="ACTION")

    rcv = add(s, common, "receive", "tiếp nhận hồ sơ từ tệp JSON ('-' là đọc từ stdin)")
    rcv.add_argument("--json", dest="source", required=True, metavar="FILE")
    rcv.set_defaults(handler=_receive)

    show = add(s, common, "show", "xem hồ sơ và toàn bộ lịch sử")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    st = add(s, common, "status", "chuyển trạng thái hồ sơ")
    st.add_argument("code")
    st.add_argument("state", choices=STATES)
    st.add_argument(
        "--note", default=None, help="ghi chú / lý do (bắt buộc khi yêu cầu bổ sung hoặc từ chối)"
    )
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=_status)

    ap = add(s, common, "apologize", "lập phiếu xin lỗi và hẹn lại ngày trả (một lần duy nhất)")
    ap.add_argument("code")
    ap.add_argument("--new-due", required=True, help="ngày giờ hẹn trả mới, ví dụ 31/12/2026 15:00")
    ap.add_argument("--reason", required=True)
    ap.add_argument("--json", action="store_true")
    ap.set_defaults(handler=_apologize)

    sp = add(s, common, "stop", "dừng giải quyết hồ sơ (có lý do); in thông báo bằng `form stop`")
    sp.add_argument("code")
    sp.add_argument("--reason", required=True, help="lý do dừng giải quyết")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(handler=_stop)

    ls = add(s, common, "list", "danh sách hồ sơ")
    ls.add_argument("--overdue", action="store_true", help="chỉ hồ sơ quá hạn")
    ls.add_argument(
        "--due-within-days", type=int, default=None, metavar="N", help="đến hạn trong N ngày làm việc"
    )
    ls.add_argument("--date", default=None, help="nhận trong ngày, ví dụ 23/11/2026")
    ls.add_argument("--status", choices=STATES, default=None)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)

    fd = add(s, common, "find", "tìm theo mã, số điện thoại, CCCD hoặc họ tên (không cần dấu)")
    fd.add_argument("query")
    fd.add_argument("--json", action="store_true")
    fd.set_defaults(handler=_find)

    from counter_app.cli import files_actions  # số hóa: attach, files, reusable, file

    files_actions.register(s, common)


def _receive(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.intake import IntakeService

    receipt = IntakeService(app.ctx).receive(app.read_json(args.source), actor=app.actor)
    app.out_json(receipt.to_json())
    if receipt.warning:
        print(f"Cảnh báo: {receipt.warning}", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.payments import PaymentService

    view = DossierService(app.ctx).get(args.code)
    payment = PaymentService(app.ctx).status(view.code)
    if args.json:
        app.out_json({**view.to_json(app.ctx.now()), "payment": payment.to_json()})
    else:
        app.out(f"{view.code}  {view.status_label}  {view.full_name}  — {view.procedure_name}")
        app.out(f"Nhận {view.received_at:%H:%M %d/%m/%Y}; hẹn trả {format_due(view.due_at)}")
        app.out(f"Phí, lệ phí: {format_dong(view.fee_vnd)} — {payment.status_label}")
        for h in view.history:
            app.out(f"  {h.at:%d/%m/%Y %H:%M}  {h.clerk:<12} {h.action:<8} {h.to_status:<11} {h.note or ''}")
    return 0


def _status(args: argparse.Namespace, app: CliApp) -> int:
    view = DossierService(app.ctx).change_status(args.code, args.state, actor=app.actor, note=args.note)
    if args.json:
        app.out_json(view.to_json(app.ctx.now()))
    else:
        app.out(f"{view.code}: {view.status_label}")
    return 0


def _stop(args: argparse.Namespace, app: CliApp) -> int:
    view = DossierService(app.ctx).stop(args.code, args.reason, actor=app.actor)
    if args.json:
        app.out_json(view.to_json(app.ctx.now()))
    else:
        app.out(f"{view.code}: {view.status_label}")
    return 0


def _apologize(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.domain.dates import parse_moment

    new_due = parse_moment(args.new_due, field="new_due", label="Ngày hẹn trả mới")
    view = DossierService(app.ctx).apologize(args.code, new_due, args.reason, actor=app.actor)
    if args.json:
        app.out_json(view.to_json(app.ctx.now()))
    else:
        assert view.apology is not None
        app.out(f"{view.code}: phiếu xin lỗi số {view.apology.number}, hẹn lại {format_due(view.due_at)}")
    return 0


def _list(args: argparse.Namespace, app: CliApp) -> int:
    on_date = None
    if args.date:
        from counter_app.domain.dates import parse_day

        on_date = parse_day(args.date, field="date", label="Ngày")
    views = DossierService(app.ctx).list(
        overdue=args.overdue, due_within_days=args.due_within_days, on_date=on_date, status=args.status
    )
    _print_views(app, views, args.json)
    return 0


def _find(args: argparse.Namespace, app: CliApp) -> int:
    _print_views(app, DossierService(app.ctx).find(args.query), args.json)
    return 0


def _print_views(app: CliApp, views: list[Any], as_json: bool) -> None:
    now = app.ctx.now()
    if as_json:
        app.out_json([v.to_json(now) for v in views])
        return
    for v in views:
        flag = " QUÁ HẠN" if v.is_overdue(now) else ""
        app.out(
            f"{v.code}  {v.status_label:<14} {v.due_at:%d/%m %H:%M}{flag}  {v.full_name}  {v.procedure_name}"
        )
