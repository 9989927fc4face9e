"""counter-app dossier attach|files|reusable|file: digitised papers of a dossier (counter_app/services/files.py).

Added to the `dossier` group by commands/dossier_cmd.py; the image and scanner code is imported by the
handlers only.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain.dates import parse_day
from counter_app.errors import ValidationError


def register(s: Any, common: argparse.ArgumentParser) -> None:
    at = add(
        s, common, "attach", "số hóa một giấy tờ của hồ sơ (hoặc kết quả) từ tệp, máy quét, hoặc dùng lại"
    )
    which = at.add_mutually_exclusive_group(required=True)
    which.add_argument("--paper", type=int, metavar="N", help="giấy tờ thứ N trong thành phần hồ sơ (từ 1)")
    which.add_argument("--result", action="store_true", help="kết quả giải quyết trả cho công dân")
    src = at.add_mutually_exclusive_group(required=True)
    src.add_argument("--file", metavar="FILE", help="tệp PDF hoặc ảnh (PNG, JPEG, TIFF)")
    src.add_argument(
        "--scan", nargs="?", const="", metavar="DEVICE", help="quét ngay (trống: máy quét trong cấu hình)"
    )
    src.add_argument(
        "--reuse", type=int, metavar="FILE_ID", help="dùng lại giấy tờ đã số hóa (dossier reusable)"
    )
    at.add_argument("--valid-until", default=None, metavar="DATE", help="giấy tờ còn giá trị đến ngày")
    at.add_argument("code")
    at.add_argument("--json", action="store_true")
    at.set_defaults(handler=_attach)

    fl = add(s, common, "files", "các giấy tờ đã số hóa của hồ sơ: ai quét, lúc nào, bao nhiêu trang")
    fl.add_argument("code")
    fl.add_argument("--json", action="store_true")
    fl.set_defaults(handler=_files)

    ru = add(s, common, "reusable", "giấy tờ đã số hóa của một số CCCD còn giá trị, có thể dùng lại")
    ru.add_argument("id_number", metavar="CCCD")
    ru.add_argument("--json", action="store_true")
    ru.set_defaults(handler=_reusable)

    fo = add(s, common, "file", "lưu bản PDF đã số hóa ra một tệp")
    fo.add_argument("file_id", type=int, metavar="FILE_ID")
    fo.add_argument("-o", "--output", required=True, metavar="FILE")
    fo.set_defaults(handler=_file_out)


def _attach(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.files import FileService

    files = FileService(app.ctx)
    paper = None if args.result else args.paper
    if args.reuse is not None:
        if paper is None:
            raise ValidationError(
                "chỉ dùng lại được giấy tờ, không dùng lại kết quả", field="reuse", label="Dùng lại"
            )
        entry = files.reuse(args.code, paper, args.reuse, actor=app.actor)
    else:
        valid_until = (
            parse_day(args.valid_until, field="valid_until", label="Giá trị sử dụng đến ngày")
            if args.valid_until
            else None
        )
        # Check the dossier and the paper before scanning: a wrong N must not cost a scan.
        names = files.papers(args.code)
        if paper is not None and not 1 <= paper <= len(names):
            raise ValidationError(
                f"hồ sơ có {len(names)} giấy tờ, không có giấy tờ số {paper}",
                field="paper",
                label="Giấy tờ số",
            )
        if args.file is not None:
            prepared, source = files.prepare_file(args.file), "file"
        else:
            prepared, source = files.prepare_scan(args.scan or None), "scanner"
        entry = files.attach(
            args.code, paper, prepared, actor=app.actor, source=source, valid_until=valid_until
        )
    if args.json:
        app.out_json(entry.to_json())
    else:
        what = f"giấy tờ {entry.paper}" if entry.paper is not None else "kết quả"
        app.out(f"{entry.code}: {what} — {entry.name}: {entry.pages} trang, {entry.bytes // 1024} KB")
    return 0


def _files(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.files import FileService

    entries = FileService(app.ctx).listing(args.code)
    if args.json:
        app.out_json([e.to_json() for e in entries])
        return 0
    for e in entries:
        what = str(e.paper) if e.paper is not None else "KQ"
        reused = f" (dùng lại #{e.reused_from})" if e.reused_from else ""
        app.out(
            f"{e.id:>5} {what:>3}  {e.pages} tr. {e.bytes // 1024:>5} KB  {e.at:%d/%m/%Y %H:%M} {e.by or '-'}  {e.name}{reused}"
        )
    return 0


def _reusable(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.services.files import FileService

    found = FileService(app.ctx).reusable(args.id_number)
    if args.json:
        app.out_json([r.to_json() for r in found])
        return 0
    for r in found:
        until = f"đến {r.valid_until:%d/%m/%Y}" if r.valid_until else "không thời hạn"
        app.out(f"{r.id:>5}  {r.name}  ({r.pages} tr., hồ sơ {r.code}, {until})")
    if not found:
        print("Không có giấy tờ nào còn giá trị để dùng lại.", file=sys.stderr)
    return 0


def _file_out(args: argparse.Namespace, app: CliApp) -> int:
    from counter_app.output_files import write_pdf
    from counter_app.services.files import FileService

    target = write_pdf(FileService(app.ctx).read(args.file_id), args.output)
    app.out(str(target))
    return 0
