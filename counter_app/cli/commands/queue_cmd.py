"""counter-app queue issue|call|recall|skip|reactivate|transfer|finish|pause|resume|status|watch|services|service|reprint"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.services.queue import open_queue
from counter_app.services.queue.views import IssuedTicket, TicketView


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "queue", "lấy số thứ tự, gọi số, hàng chờ")
    s = p.add_subparsers(dest="queue_cmd", required=True, metavar="ACTION")

    iss = add(s, common, "issue", "phát một số thứ tự (ghi lại rồi in phiếu)")
    iss.add_argument("service", help="ký hiệu (A) hoặc tên dịch vụ")
    iss.add_argument(
        "--priority", action="store_true", help="ưu tiên: người cao tuổi, khuyết tật, phụ nữ mang thai"
    )
    iss.add_argument("--no-print", action="store_true", help="chỉ ghi số, không in phiếu")
    iss.add_argument("--json", action="store_true")
    iss.set_defaults(handler=_issue)

    call = add(s, common, "call", "gọi số tiếp theo tới quầy (ưu tiên trước, rồi theo thứ tự)")
    call.add_argument("--counter", type=int, default=None, help="số quầy (mặc định: counter.number)")
    call.add_argument("--service", default=None, help="chỉ gọi từ dịch vụ này")
    call.add_argument("--json", action="store_true")
    call.set_defaults(handler=_call)

    rc = add(s, common, "recall", "gọi lại số đang phục vụ ở quầy")
    rc.add_argument("--counter", type=int, default=None)
    rc.add_argument("--json", action="store_true")
    rc.set_defaults(handler=_recall)

    sk = add(s, common, "skip", "bỏ qua số vắng mặt")
    sk.add_argument("number")
    sk.add_argument("--json", action="store_true")
    sk.set_defaults(handler=_skip)

    ra = add(s, common, "reactivate", "cho số vắng mặt quay lại hàng chờ, đúng chỗ cũ")
    ra.add_argument("number")
    ra.add_argument("--json", action="store_true")
    ra.set_defaults(handler=_reactivate)

    pa = add(s, common, "pause", "quầy tạm nghỉ: không gọi số, bảng hiển thị lý do")
    pa.add_argument("--counter", type=int, default=None, help="số quầy (mặc định: counter.number)")
    pa.add_argument("--reason", required=True, help="lý do, ví dụ: Nghỉ trưa")
    pa.add_argument("--json", action="store_true")
    pa.set_defaults(handler=_pause)

    re_ = add(s, common, "resume", "quầy làm việc tiếp sau khi tạm nghỉ")
    re_.add_argument("--counter", type=int, default=None, help="số quầy (mặc định: counter.number)")
    re_.add_argument("--json", action="store_true")
    re_.set_defaults(handler=_resume)

    wa = add(s, common, "watch", "theo dõi hàng chờ: in mỗi sự kiện ngay khi xảy ra (Ctrl+C để dừng)")
    wa.add_argument("--json", action="store_true", help="mỗi sự kiện một dòng JSON")
    wa.set_defaults(handler=_watch)

    tr = add(s, common, "transfer", "chuyển số sang dịch vụ khác")
    tr.add_argument("number")
    tr.add_argument("service")
    tr.add_argument("--json", action="store_true")
    tr.set_defaults(handler=_transfer)

    fi = add(s, common, "finish", "kết thúc phục vụ một số")
    fi.add_argument("number")
    fi.add_argument("--json", action="store_true")
    fi.set_defaults(handler=_finish)

    st = add(s, common, "status", "số người chờ theo dịch vụ, số đang phục vụ theo quầy")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=_status)

    sv = add(s, common, "services", "danh sách dịch vụ lấy số")
    sv.add_argument("--json", action="store_true")
    sv.set_defaults(handler=_services)

    rp = add(s, common, "reprint", "in lại phiếu của một số hôm nay")
    rp.add_argument("number")
    rp.add_argument("--json", action="store_true")
    rp.set_defaults(handler=_reprint)

    svc = add(s, common, "service", "thêm, sửa, xóa dịch vụ lấy số")
    ss = svc.add_subparsers(dest="service_cmd", required=True, metavar="ACTION")
    sa = add(ss, common, "add", "thêm dịch vụ")
    sa.add_argument("prefix", help="một chữ cái, ví dụ D")
    sa.add_argument("name")
    sa.add_argument("--fields", default="", help="các lĩnh vực, cách nhau bởi dấu phẩy")
    sa.add_argument("--counters", default="", help="các quầy phục vụ, ví dụ 1,2 (để trống: mọi quầy)")
    sa.add_argument("--json", action="store_true")
    sa.set_defaults(handler=_service_add)
    se = add(ss, common, "set", "sửa dịch vụ")
    se.add_argument("prefix")
    se.add_argument("--name", default=None)
    se.add_argument("--fields", default=None, help="các lĩnh vực, cách nhau bởi dấu phẩy ('' để xóa)")
    se.add_argument("--counters", default=None, help="các quầy, ví dụ 1,2 ('' = mọi quầy)")
    se.add_argument("--json", action="store_true")
    se.set_defaults(handler=_service_set)
    sr = add(ss, common, "remove", "xóa dịch vụ")
    sr.add_argument("prefix")
    sr.set_defaults(handler=_service_remove)


def _split(raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    return [x.strip() for x in raw.split(",") if x.strip()]


def _counters(raw: str | None) -> list[int] | None:
    from counter_app.errors import ValidationError

    items = _split(raw)
    if items is None:
        return None
    try:
        return [int(x) for x in items]
    except ValueError:
        raise ValidationError(
            "phải là các số quầy cách nhau bởi dấu phẩy, ví dụ 1,2", field="counters", label="Quầy phục vụ"
        ) from None


def _counter(args: argparse.Namespace, app: CliApp) -> int:
    return args.counter if args.counter is not None else app.ctx.counter_number


def _ticket_line(t: TicketView) -> str:
    where = f" — quầy {t.counter}" if t.counter else ""
    prio = " (ưu tiên)" if t.priority else ""
    return f"{t.number}{prio} — {t.service_name} — {t.status_vi}{where}"


def _show(app: CliApp, args: argparse.Namespace, t: TicketView) -> int:
    if args.json:
        app.out_json(t.to_json())
    else:
        app.out(_ticket_line(t))
    return 0


def _issued(app: CliApp, args: argparse.Namespace, t: IssuedTicket) -> int:
    if args.json:
        app.out_json(t.to_json())
    else:
        app.out(f"{t.number} — {t.service_name} — {t.waiting_ahead} người chờ trước")
    if t.print_error:
        # The number stands; say so, and how to get the paper.
        print(
            f"Cảnh báo: chưa in được phiếu {t.number}: {t.print_error}. In lại: counter-app queue reprint {t.number}",
            file=sys.stderr,
        )
    elif t.print_warning:
        print(f"Cảnh báo: {t.print_warning}", file=sys.stderr)
    return 0


def _issue(args: argparse.Namespace, app: CliApp) -> int:
    t = open_queue(app.ctx).issue(
        args.service, priority=args.priority, print_ticket=not args.no_print, actor=app.actor
    )
    return _issued(app, args, t)


def _reprint(args: argparse.Namespace, app: CliApp) -> int:
    return _issued(app, args, open_queue(app.ctx).print_ticket(args.number, actor=app.actor))


def _call(args: argparse.Namespace, app: CliApp) -> int:
    t = open_queue(app.ctx).call_next(_counter(args, app), service=args.service, actor=app.actor)
    if not args.json and t.finished_previous:
        app.out(f"Đã kết thúc {t.finished_previous}")
    if args.json:
        app.out_json(t.to_json())
    else:
        app.out(f"Mời số {t.number} đến quầy số {t.counter} ({t.service_name})")
    return 0


def _recall(args: argparse.Namespace, app: CliApp) -> int:
    return _show(app, args, open_queue(app.ctx).recall(_counter(args, app), actor=app.actor))


def _skip(args: argparse.Namespace, app: CliApp) -> int:
    return _show(app, args, open_queue(app.ctx).skip(args.number, actor=app.actor))


def _reactivate(args: argparse.Namespace, app: CliApp) -> int:
    return _show(app, args, open_queue(app.ctx).reactivate(args.number, actor=app.actor))


def _pause(args: argparse.Namespace, app: CliApp) -> int:
    p = open_queue(app.ctx).pause(_counter(args, app), args.reason, actor=app.actor)
    if args.json:
        app.out_json(p.to_json())
    else:
        app.out(p.text)
    return 0


def _resume(args: argparse.Namespace, app: CliApp) -> int:
    p = open_queue(app.ctx).resume(_counter(args, app), actor=app.actor)
    if args.json:
        app.out_json({"counter": p.counter, "paused": p.to_json()})
    else:
        app.out(f"Quầy {p.counter} làm việc tiếp")
    return 0


def _watch(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.cli.queue_watch import watch

    return watch(app.ctx, as_json=args.json)


def _transfer(args: argparse.Namespace, app: CliApp) -> int:
    return _show(app, args, open_queue(app.ctx).transfer(args.number, args.service, actor=app.actor))


def _finish(args: argparse.Namespace, app: CliApp) -> int:
    return _show(app, args, open_queue(app.ctx).finish(args.number, actor=app.actor))


def _status(args: argparse.Namespace, app: CliApp) -> int:
    st = open_queue(app.ctx).status()
    if args.json:
        app.out_json(st.to_json())
        return 0
    app.out(f"Ngày {st.day:%d/%m/%Y}")
    for w in st.waiting:
        prio = f" (ưu tiên {w['priority']})" if w["priority"] else ""
        app.out(f"  {w['prefix']} {w['name']}: {w['waiting']} người chờ{prio}")
    for sv in st.serving:
        app.out(f"  Quầy {sv['counter']}: {sv['number']} ({sv['service_name']})")
    if st.unprinted:
        app.out("  Chưa in được phiếu: " + ", ".join(st.unprinted))
    return 0


def _services(args: argparse.Namespace, app: CliApp) -> int:
    lines = open_queue(app.ctx).services()
    if args.json:
        app.out_json([x.to_json() for x in lines])
    else:
        for x in lines:
            fields = ", ".join(x.fields) or "các lĩnh vực khác"
            counters = ", ".join(str(c) for c in x.counters) or "mọi quầy"
            app.out(f"{x.prefix}  {x.name}  — lĩnh vực: {fields} — quầy: {counters}")
    return 0


def _service_add(args: argparse.Namespace, app: CliApp) -> int:
    line = open_queue(app.ctx).add_service(
        args.prefix, args.name, _split(args.fields), _counters(args.counters), actor=app.actor
    )
    if args.json:
        app.out_json(line.to_json())
    else:
        app.out(f"Đã thêm dịch vụ {line.prefix} ({line.name})")
    return 0


def _service_set(args: argparse.Namespace, app: CliApp) -> int:
    line = open_queue(app.ctx).update_service(
        args.prefix,
        name=args.name,
        fields=_split(args.fields),
        counters=_counters(args.counters),
        actor=app.actor,
    )
    if args.json:
        app.out_json(line.to_json())
    else:
        app.out(f"Đã sửa dịch vụ {line.prefix} ({line.name})")
    return 0


def _service_remove(args: argparse.Namespace, app: CliApp) -> int:
    open_queue(app.ctx).remove_service(args.prefix, actor=app.actor)
    app.out(f"Đã xóa dịch vụ {args.prefix.upper()}")
    return 0
