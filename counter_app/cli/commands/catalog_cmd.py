"""counter-app catalog list [--json] | import FILE | export FILE"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.services.catalog import CatalogService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "catalog", "danh mục thủ tục hành chính")
    s = p.add_subparsers(dest="catalog_cmd", required=True, metavar="ACTION")
    ls = add(s, common, "list", "liệt kê thủ tục")
    ls.add_argument("--json", action="store_true")
    ls.add_argument("--search", default="", help="lọc theo từ khóa (không phân biệt dấu)")
    ls.set_defaults(handler=_list)
    imp = add(s, common, "import", "nhập danh mục từ tệp JSON (thay thế danh mục hiện tại)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)
    exp = add(s, common, "export", "xuất danh mục ra tệp JSON")
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=_export)


def _list(args: argparse.Namespace, app: CliApp) -> int:
    svc = CatalogService(app.ctx)
    procedures = svc.search(args.search) if args.search else svc.list()
    if args.json:
        app.out_json([p.to_json() for p in procedures])
    else:
        app.out(f"Danh mục phiên bản {svc.version()} — {len(procedures)} thủ tục")
        for p in procedures:
            app.out(f"{p.code:<12} {p.field:<16} {p.processing_days:>3} ngày  {p.fee_vnd:>9,} đ  {p.name}")
    return 0


def _import(args: argparse.Namespace, app: CliApp) -> int:
    result = CatalogService(app.ctx).import_file(args.file, actor=app.actor)
    app.out(f"Đã nhập danh mục phiên bản {result['version']}: {result['procedures']} thủ tục")
    return 0


def _export(args: argparse.Namespace, app: CliApp) -> int:
    CatalogService(app.ctx).export_file(args.file)
    app.out(f"Đã xuất danh mục ra {args.file}")
    return 0
