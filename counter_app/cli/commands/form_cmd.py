"""counter-app form receipt|supplement|rejection|apology|stop|control|register — official forms as PDF."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain.dates import parse_day
from counter_app.errors import ValidationError
from counter_app.output_files import check_pdf_output, staged_output, write_pdf
from counter_app.services.forms import FormsService, render_stop_pdf
from counter_app.services.receipt_printing import ReceiptPrinting
from printing import pdf_forms


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "form", "in biểu mẫu (PDF): giấy tiếp nhận, yêu cầu bổ sung, từ chối, xin lỗi, …")
    s = p.add_subparsers(dest="form_cmd", required=True, metavar="FORM")

    def out(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="tệp PDF cần ghi")

    r = add(s, common, "receipt", "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    r.add_argument("code")
    r.add_argument("-o", "--output", default=None, metavar="FILE.pdf", help="tệp PDF cần ghi")
    r.add_argument(
        "--print", dest="to_printer", action="store_true", help="in trên máy in biên nhận (printer.receipt)"
    )
    r.add_argument("--a5", action="store_true", help="khổ A5 (mặc định theo cấu hình forms.receipt_paper)")
    r.add_argument("--a4", action="store_true", help="khổ A4")
    r.add_argument(
        "--copies",
        type=int,
        choices=(1, 2),
        default=None,
        help="số liên: 2 = Liên 1 lưu và Liên 2 giao người nộp; 1 = chỉ liên giao người nộp",
    )
    r.set_defaults(handler=_receipt)

    sp = add(s, common, "supplement", "Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (ghi nhận yêu cầu)")
    sp.add_argument("code")
    sp.add_argument(
        "--item", action="append", default=[], metavar="TEXT", help="nội dung cần bổ sung (lặp lại)"
    )
    sp.add_argument("--reason", default=None, help="lý do")
    out(sp)
    sp.set_defaults(handler=_supplement)

    rj = add(s, common, "rejection", "Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (ghi nhận từ chối)")
    rj.add_argument("code")
    rj.add_argument("--reason", default=None, help="lý do từ chối (bỏ trống khi in lại)")
    out(rj)
    rj.set_defaults(handler=_rejection)

    ap = add(s, common, "apology", "Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết")
    ap.add_argument("code")
    out(ap)
    ap.set_defaults(handler=_apology)

    stp = add(s, common, "stop", "Mẫu 05 (2025) — Thông báo dừng giải quyết hồ sơ (ghi nhận nếu có --reason)")
    stp.add_argument("code")
    stp.add_argument("--reason", default=None, help="lý do dừng giải quyết (bỏ trống khi in lại)")
    out(stp)
    stp.set_defaults(handler=_stop)

    ct = add(s, common, "control", "Mẫu 06 (2025; Mẫu 05 bộ 2018) — Phiếu kiểm soát quá trình giải quyết")
    ct.add_argument("code")
    out(ct)
    ct.set_defaults(handler=_control)

    rg = add(s, common, "register", "Mẫu 07 (2025; Mẫu 06 bộ 2018) — Sổ theo dõi hồ sơ trong một khoảng ngày")
    rg.add_argument("--from", dest="date_from", required=True, metavar="NGÀY")
    rg.add_argument("--to", dest="date_to", required=True, metavar="NGÀY")
    out(rg)
    rg.set_defaults(handler=_register)


def _day(text: str, field: str, label: str) -> date:
    return parse_day(text, field=field, label=label)


def _done(app: CliApp, path: Any) -> int:
    app.out(str(path))
    return 0


def _receipt(args: argparse.Namespace, app: CliApp) -> int:
    if args.a4 and args.a5:
        raise ValidationError("chọn --a4 hoặc --a5, không chọn cả hai", field="paper", label="Khổ giấy")
    if args.output is None and not args.to_printer:
        raise ValidationError("cần -o FILE.pdf hoặc --print", field="output", label="Tệp PDF")
    if args.output is not None:
        check_pdf_output(args.output)
    if args.to_printer:  # exit 1 with the reason when it did not print (ReceiptNotPrinted)
        done = ReceiptPrinting(app.ctx).print_receipt(args.code, copies=args.copies)
        app.out(f"Đã in giấy tiếp nhận {done.code} ({done.copies} liên) trên máy in {done.uri}")
        if done.warning:
            app.out(f"Lưu ý: {done.warning}")
        if args.output is None:
            return 0
    paper = "A5" if args.a5 else "A4" if args.a4 else None
    pdf = FormsService(app.ctx).render_receipt(args.code, paper=paper, copies=args.copies)
    return _done(app, write_pdf(pdf, args.output))


def _supplement(args: argparse.Namespace, app: CliApp) -> int:
    svc = FormsService(app.ctx)
    # Written first, recorded second, moved into place last: a bad path records nothing.
    with staged_output(args.output, label="Tệp PDF") as pdf:
        if args.item or args.reason:
            if not args.item:
                raise ValidationError("cần ít nhất một --item", field="items", label="Nội dung bổ sung")
            svc.request_supplement(
                args.code,
                args.item,
                args.reason or "",
                actor=app.actor,
                before_commit=lambda form: pdf.write(pdf_forms.render_supplement(form)),
            )
        else:
            pdf.write(pdf_forms.render_supplement(svc.supplement(args.code)))
    return _done(app, pdf.target)


def _rejection(args: argparse.Namespace, app: CliApp) -> int:
    with staged_output(args.output, label="Tệp PDF") as pdf:
        FormsService(app.ctx).reject(
            args.code,
            args.reason,
            actor=app.actor,
            before_commit=lambda form: pdf.write(pdf_forms.render_rejection(form)),
        )
    return _done(app, pdf.target)


def _apology(args: argparse.Namespace, app: CliApp) -> int:
    check_pdf_output(args.output)
    form = FormsService(app.ctx).apology(args.code)
    return _done(app, write_pdf(pdf_forms.render_apology(form), args.output))


def _stop(args: argparse.Namespace, app: CliApp) -> int:
    svc = FormsService(app.ctx)
    with staged_output(args.output, label="Tệp PDF") as pdf:
        if args.reason:
            svc.stop(
                args.code,
                args.reason,
                actor=app.actor,
                before_commit=lambda form: pdf.write(render_stop_pdf(form)),
            )
        else:
            pdf.write(render_stop_pdf(svc.stop_notice(args.code)))
    return _done(app, pdf.target)


def _control(args: argparse.Namespace, app: CliApp) -> int:
    check_pdf_output(args.output)
    form = FormsService(app.ctx).control(args.code)
    return _done(app, write_pdf(pdf_forms.render_control(form), args.output))


def _register(args: argparse.Namespace, app: CliApp) -> int:
    check_pdf_output(args.output)
    start = _day(args.date_from, "from", "Từ ngày")
    end = _day(args.date_to, "to", "Đến ngày")
    form = FormsService(app.ctx).register(start, end)
    return _done(app, write_pdf(pdf_forms.render_register(form), args.output))
