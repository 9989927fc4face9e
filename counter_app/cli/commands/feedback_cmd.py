"""counter-app feedback list|show|answer|submit — citizens' feedback (phản ánh, kiến nghị)."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain.feedback import CATEGORIES
from counter_app.domain.wording import format_due
from counter_app.services.feedback import FeedbackService, FeedbackView


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "feedback", "phản ánh, kiến nghị của người dân và việc trả lời")
    s = p.add_subparsers(dest="feedback_cmd", required=True, metavar="ACTION")

    ls = add(s, common, "list", "danh sách phản ánh (quá hạn trả lời lên đầu)")
    ls.add_argument("--open", action="store_true", help="chỉ phản ánh chưa trả lời")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)

    sh = add(s, common, "show", "xem một phản ánh")
    sh.add_argument("id", help="số thứ tự hoặc mã PAKN-YYYY-NNNN")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=_show)

    an = add(s, common, "answer", "ghi nội dung trả lời cho một phản ánh")
    an.add_argument("id", help="số thứ tự hoặc mã PAKN-YYYY-NNNN")
    an.add_argument("--text", required=True, help="nội dung trả lời")
    an.add_argument("--json", action="store_true")
    an.set_defaults(handler=_answer)

    sb = add(s, common, "submit", "ghi một phản ánh thay người dân (ví dụ nhận qua hòm thư)")
    sb.add_argument("--category", required=True, choices=list(CATEGORIES))
    sb.add_argument("--text", required=True)
    sb.add_argument("--name", default=None)
    sb.add_argument("--phone", default=None)
    sb.add_argument("--json", action="store_true")
    sb.set_defaults(handler=_submit)


def _line(f: FeedbackView, app: CliApp) -> str:
    now = app.ctx.now()
    if f.is_open:
        state = "QUÁ HẠN" if f.is_overdue(now) else "chờ trả lời"
    else:
        state = "đã trả lời" + (" (trễ hạn)" if f.is_overdue(now) else "")
    text = f.text.replace("\n", " ")
    return f"{f.id:>4}  {f.number}  hạn {format_due(f.due_at)}  [{state}]  {f.category_label}: {text[:60]}"


def _list(args: argparse.Namespace, app: CliApp) -> int:
    items = FeedbackService(app.ctx).list(open_only=args.open)
    if args.json:
        now = app.ctx.now()
        app.out_json([f.to_json(now) for f in items])
    elif not items:
        app.out("Không có phản ánh nào" + (" đang chờ trả lời." if args.open else "."))
    else:
        for f in items:
            app.out(_line(f, app))
    return 0


def _show(args: argparse.Namespace, app: CliApp) -> int:
    f = FeedbackService(app.ctx).get(args.id)
    if args.json:
        app.out_json(f.to_json(app.ctx.now()))
    else:
        app.out(_line(f, app))
        app.out(f.text)
        if f.name or f.phone:
            app.out(f"Người gửi: {f.name or '—'}  ĐT: {f.phone or '—'}")
        if f.answer:
            app.out(f"Trả lời ({f.answered_by}, {f.answered_at:%H:%M %d/%m/%Y}): {f.answer}")
    return 0


def _answer(args: argparse.Namespace, app: CliApp) -> int:
    f = FeedbackService(app.ctx).answer(args.id, args.text, actor=app.actor)
    if args.json:
        app.out_json(f.to_json(app.ctx.now()))
    else:
        late = " — trễ hạn" if f.is_overdue(app.ctx.now()) else ""
        app.out(f"Đã ghi câu trả lời cho {f.number}{late}")
    return 0


def _submit(args: argparse.Namespace, app: CliApp) -> int:
    f = FeedbackService(app.ctx).submit(args.category, args.text, args.name, args.phone)
    if args.json:
        app.out_json(f.to_json(app.ctx.now()))
    else:
        app.out(f"Đã ghi phản ánh {f.number}; hạn trả lời {format_due(f.due_at)}")
    return 0
