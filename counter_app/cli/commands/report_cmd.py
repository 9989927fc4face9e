"""counter-app report monthly --month YYYY-MM -o FILE.pdf [--json] [--csv FILE]
counter-app report index [--month YYYY-MM] [--json]"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.output_files import check_output
from counter_app.services.report_document import fmt_pct, write_pdf
from counter_app.services.reports import Month, ReportService, write_csv


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "report", "báo cáo chất lượng phục vụ")
    s = p.add_subparsers(dest="report_cmd", required=True, metavar="ACTION")
    m = add(s, common, "monthly", "báo cáo tự đánh giá hằng tháng (PDF, JSON, CSV)")
    m.add_argument("--month", default=None, help="tháng YYYY-MM (mặc định: tháng trước)")
    m.add_argument("-o", "--output", default=None, metavar="FILE.pdf", help="ghi báo cáo PDF vào tệp này")
    m.add_argument("--csv", default=None, metavar="FILE.csv", help="ghi mọi số liệu ra tệp CSV")
    m.add_argument("--json", action="store_true", help="in số liệu dạng JSON")
    m.set_defaults(handler=_monthly)
    i = add(s, common, "index", "chỉ số phục vụ theo Quyết định 766/QĐ-TTg của một tháng")
    i.add_argument("--month", default=None, help="tháng YYYY-MM (mặc định: tháng này)")
    i.add_argument("--json", action="store_true", help="in các chỉ số dạng JSON")
    i.set_defaults(handler=_index)


def _monthly(args: argparse.Namespace, app: CliApp) -> int:
    ctx = app.ctx
    month = Month.parse_or_previous(args.month, ctx.now())
    for opt, value in (("output", args.output), ("csv", args.csv)):
        if value is not None:
            check_output(value, field=opt, label="Tệp kết quả", parents=True)  # before the report is computed
    report = ReportService(ctx).monthly(month)
    if args.output:
        write_pdf(report, ctx.config, args.output)
    if args.csv:
        write_csv(report, args.csv)
    if args.json:
        app.out_json(report.to_json())
    else:
        d = report.dossiers
        app.out(f"Báo cáo {month.label_vi} — {report.agency_name} ({report.agency_code})")
        app.out(
            f"Tiếp nhận {d.received}; đã giải quyết {d.resolved} (trước hạn {d.early}, đúng hạn {d.on_time}, "
            f"quá hạn {d.late}); đúng hạn {fmt_pct(d.on_time_pct)}; tồn quá hạn cuối kỳ {d.overdue_open}"
        )
        app.out(
            f"Phiếu xin lỗi: {report.apologies.issued}; hồ sơ quá hạn chưa có phiếu: {report.apologies.missing}"
        )
        for name, src in report.sources.items():
            if src != "data":
                app.out(f"Chưa có số liệu mục {name}: {src}")
        if args.output:
            app.out(f"Đã ghi {args.output}")
    return 0


def _index(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.index766 import IndexService

    ctx = app.ctx
    month = Month.parse(args.month) if args.month else Month.of(ctx.now())
    report = IndexService(ctx).month(month)
    if args.json:
        app.out_json(report.to_json())
        return 0
    app.out(f"Chỉ số 766 {month.label_vi} (Quyết định 766/QĐ-TTg)")
    for v in report.indicators:
        target = report.targets.get(v["key"])
        app.out(
            f"{v['name']}: {fmt_pct(v['value_pct'])} ({v['numerator']}/{v['denominator']})"
            + ("" if target is None else f"; chỉ tiêu {target}%")
        )
    return 0
