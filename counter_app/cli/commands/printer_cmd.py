"""counter-app printer test [URI] | check [URI] — the ticket printer (ESC/POS)."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.services.queue.local import LocalQueue
from counter_app.services.queue.ticket_printing import PrinterFault
from printing import printers


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "printer", "máy in phiếu số thứ tự (ESC/POS)")
    s = p.add_subparsers(dest="printer_cmd", required=True, metavar="ACTION")
    t = add(s, common, "test", "in một phiếu thử (không phát số)")
    t.add_argument(
        "uri",
        nargs="?",
        default=None,
        help="tcp://HOST:PORT, usb://VID:PID, serial:///dev/ttyUSB0?baudrate=19200, file:///…, cups://TÊN, "
        "win32://TÊN (mặc định: printer.ticket)",
    )
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=_test)
    c = add(s, common, "check", "kiểm tra kết nối và giấy của máy in (không in gì)")
    c.add_argument("uri", nargs="?", default=None)
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=_check)


def _report(app: CliApp, args: argparse.Namespace, report: printers.JobReport, done: str) -> int:
    if args.json:
        app.out_json(
            {
                "uri": report.uri,
                "bytes": report.bytes_sent,
                "seconds": round(report.seconds, 3),
                "status_answered": report.status_answered,
                "warning": report.warning,
            }
        )
    else:
        app.out(done + (f" — cảnh báo: {report.warning}" if report.warning else ""))
        if not report.status_answered:
            app.out("(máy in không trả lời lệnh hỏi trạng thái DLE EOT: không biết được tình trạng giấy)")
    return 0


def _test(args: argparse.Namespace, app: CliApp) -> int:
    report = LocalQueue(app.ctx).print_test(args.uri)
    return _report(app, args, report, f"Đã gửi phiếu in thử tới {report.uri}")


def _check(args: argparse.Namespace, app: CliApp) -> int:
    uri = args.uri or app.ctx.config.printer.ticket
    if not uri:
        raise PrinterFault("chưa cấu hình máy in số thứ tự (printer.ticket)", kind="unconfigured")
    timeout = app.ctx.config.printer.timeout_ms / 1000
    try:
        report = printers.send(uri, b"", timeout=timeout)
    except printers.PrinterError as exc:
        raise PrinterFault(exc.message, kind=exc.kind) from None
    return _report(app, args, report, f"Máy in {uri} sẵn sàng")
