"""`city-server`: run the server and administer it. Every command takes --db URL (default: a SQLite file
in the user data dir, or $CITY_SERVER_DB)."""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from city_server.db import (
    ENV_DB,
    ENV_DOCS,
    ENV_PUBLIC_RATE,
    PUBLIC_RATE_PER_MIN,
    Store,
    default_url,
    normalize_url,
)
from city_server.service import AdminError
from contract.envelope import SCOPE_OFFICE


def _out(args: argparse.Namespace, value: Any, text: str) -> None:
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text + "\n")


def _store(args: argparse.Namespace) -> Store:
    store = Store(args.db)
    store.migrate()
    return store


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    url = normalize_url(args.db)
    store = Store(url)
    store.migrate()  # once, before any worker starts
    store.close()
    if args.workers > 1 and url.startswith("sqlite"):
        print("Lưu ý: nhiều worker với SQLite sẽ ghi lần lượt; dùng PostgreSQL khi tải lớn.", file=sys.stderr)
    os.environ[ENV_DB] = url  # the factory in each worker reads these
    os.environ[ENV_DOCS] = "1" if args.docs else "0"
    os.environ[ENV_PUBLIC_RATE] = str(args.public_rate)
    # Our own loggers beside uvicorn's (applied in every worker). They log counts and ids, never bodies.
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["city_server"] = {
        "handlers": ["default"],
        "level": args.log_level.upper(),
        "propagate": False,
    }
    uvicorn.run(
        "city_server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        log_config=log_config,
        access_log=not args.no_access_log,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        proxy_headers=True,  # the client's address from X-Forwarded-For, trusted from 127.0.0.1 only
        server_header=False,  # no "server: uvicorn" banner
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _store(args).close()
    _out(args, {"ok": True}, "Đã cập nhật cấu trúc cơ sở dữ liệu.")
    return 0


def cmd_counter_add(args: argparse.Namespace) -> int:
    from city_server.service import add_counter

    store = _store(args)
    try:
        cred = add_counter(
            store, args.agency, args.counter, args.label or "", args.agency_name or "", office=args.office
        )
    finally:
        store.close()
    where = "Trên một máy bất kỳ của văn phòng (một lần cho cả văn phòng)" if args.office else "Trên máy quầy"
    _out(
        args,
        cred,
        f"Mã quầy: {cred['counter_id']}\nKhóa bí mật: {cred['secret']}\n"
        f"{where}: counter-app config set city.counter_id {cred['counter_id']} ; "
        f"counter-app config set city.secret {cred['secret']}",
    )
    return 0


def cmd_counter_revoke(args: argparse.Namespace) -> int:
    from city_server.service import revoke_counter

    store = _store(args)
    out = revoke_counter(store, args.counter_id)
    store.close()
    _out(args, out, f"Đã thu hồi chứng thư quầy {out['counter_id']} lúc {out['revoked_at']}.")
    return 0


def cmd_counter_list(args: argparse.Namespace) -> int:
    from city_server.service import list_counters

    store = _store(args)
    rows = list_counters(store)
    store.close()

    def who(r: dict[str, Any]) -> str:
        return "văn phòng (mọi quầy)" if r["scope"] == SCOPE_OFFICE else f"quầy {r['counter_number']}"

    text = (
        "\n".join(
            f"{r['counter_id']}  {r['agency_code']} {who(r)}"
            f"{'  (đã thu hồi)' if r['revoked_at'] else ''}  lần cuối: {r['last_seen_at'] or '—'}"
            for r in rows
        )
        or "Chưa có quầy nào."
    )
    _out(args, rows, text)
    return 0


def cmd_catalog_publish(args: argparse.Namespace) -> int:
    from city_server.service import publish_catalog

    try:
        document = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AdminError(f"Tệp danh mục: không đọc được ({exc})") from None
    store = _store(args)
    out = publish_catalog(store, document)
    store.close()
    _out(args, out, f"Đã phát hành danh mục phiên bản {out['version']} ({out['procedures']} thủ tục).")
    return 0


def cmd_release_publish(args: argparse.Namespace) -> int:
    from city_server.releases import publish_release

    store = _store(args)
    try:
        out = publish_release(store, args.version, args.notice, args.url)
    finally:
        store.close()
    _out(args, out, f"Đã công bố phiên bản {out['latest']}: các quầy sẽ báo cho quản trị viên.")
    return 0


def cmd_release_show(args: argparse.Namespace) -> int:
    from city_server.releases import latest_release

    store = _store(args)
    try:
        out = latest_release(store)
    finally:
        store.close()
    _out(args, out, f"Phiên bản mới nhất đã công bố: {out['latest'] or '(chưa có)'}")
    return 0


def cmd_calendar_set_day(args: argparse.Namespace) -> int:
    from city_server.service import set_calendar_day

    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        raise AdminError("Ngày (DATE): phải có dạng YYYY-MM-DD") from None
    working = {"off": False, "work": True, "clear": None}[args.kind]
    store = _store(args)
    out = set_calendar_day(store, day, working, args.note or "")
    store.close()
    _out(args, out, f"Ngày {day:%d/%m/%Y}: {args.kind} (phiên bản lịch {out['revision']}).")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from city_server.reports import stats

    store = _store(args)
    out = stats(store, args.agency, args.month)
    store.close()
    _out(args, out, json.dumps(out, ensure_ascii=False))
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    from city_server.ingest import rebuild_views

    store = _store(args)
    out = rebuild_views(store)
    store.close()
    _out(args, out, f"Đã dựng lại các bảng tổng hợp từ {out['events']} sự kiện.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: a subcommand's own copy of these options must not reset a value given before its name
    # (`city-server --db URL counter add …`); the defaults are filled in by main().
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="sqlite:///PATH hoặc postgresql+psycopg://USER:PASS@HOST/DB (mặc định $CITY_SERVER_DB "
        "hoặc một tệp SQLite trong thư mục dữ liệu)",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in kết quả dạng JSON")
    p = argparse.ArgumentParser(
        prog="city-server", description="Máy chủ thành phố: nhận đồng bộ từ các quầy", parents=[common]
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("serve", parents=[common], help="chạy máy chủ web")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--workers", type=int, default=1, help="số tiến trình (nhiều worker: dùng PostgreSQL)")
    s.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    s.add_argument("--no-access-log", action="store_true")
    s.add_argument("--ssl-certfile", default=None, help="TLS trực tiếp (hoặc đặt sau một reverse proxy)")
    s.add_argument("--ssl-keyfile", default=None)
    s.add_argument("--docs", action="store_true", help="trang /docs mô tả API (mặc định tắt)")
    s.add_argument(
        "--public-rate",
        type=int,
        default=PUBLIC_RATE_PER_MIN,
        metavar="N",
        help=f"số lần tra cứu công khai mỗi phút cho một địa chỉ (mặc định {PUBLIC_RATE_PER_MIN}; 0: không giới hạn)",
    )
    s.set_defaults(handler=cmd_serve)

    m = sub.add_parser("migrate", parents=[common], help="tạo/cập nhật cấu trúc cơ sở dữ liệu")
    m.set_defaults(handler=cmd_migrate)

    c = sub.add_parser("counter", parents=[common], help="chứng thư của các quầy")
    cs = c.add_subparsers(dest="counter_cmd", required=True, metavar="ACTION")
    ca = cs.add_parser("add", parents=[common], help="cấp chứng thư cho một quầy hoặc cả một văn phòng")
    ca.add_argument("--agency", required=True, help="mã định danh cơ quan, ví dụ 000.00.06.H56")
    who = ca.add_mutually_exclusive_group(required=True)
    who.add_argument("--counter", type=int, help="số quầy (một quầy dùng tệp dữ liệu riêng)")
    who.add_argument(
        "--office",
        action="store_true",
        help="cho cả văn phòng dùng chung một cơ sở dữ liệu PostgreSQL (mọi quầy của cơ quan)",
    )
    ca.add_argument("--label", default="")
    ca.add_argument("--agency-name", default="", help="tên cơ quan, hiện bên mã trên trang báo cáo")
    ca.set_defaults(handler=cmd_counter_add)
    cr = cs.add_parser("revoke", parents=[common], help="thu hồi chứng thư")
    cr.add_argument("counter_id", metavar="ID")
    cr.set_defaults(handler=cmd_counter_revoke)
    cl = cs.add_parser("list", parents=[common], help="danh sách quầy")
    cl.set_defaults(handler=cmd_counter_list)

    k = sub.add_parser("catalog", parents=[common], help="danh mục thủ tục cho các quầy")
    ks = k.add_subparsers(dest="catalog_cmd", required=True, metavar="ACTION")
    kp = ks.add_parser("publish", parents=[common], help="phát hành một phiên bản danh mục (JSON)")
    kp.add_argument("file", metavar="FILE")
    kp.set_defaults(handler=cmd_catalog_publish)

    r = sub.add_parser("release", parents=[common], help="phiên bản phần mềm quầy mới nhất (chỉ để báo)")
    rs = r.add_subparsers(dest="release_cmd", required=True, metavar="ACTION")
    rp = rs.add_parser("publish", parents=[common], help="công bố một phiên bản mới cho các quầy")
    rp.add_argument("version", help="ví dụ 1.4.0")
    rp.add_argument("--notice", default="", help="một dòng cho quản trị viên ở quầy")
    rp.add_argument("--url", default="", help="nơi tải bộ cài (https://…)")
    rp.set_defaults(handler=cmd_release_publish)
    rw = rs.add_parser("show", parents=[common], help="phiên bản mới nhất đã công bố")
    rw.set_defaults(handler=cmd_release_show)

    d = sub.add_parser("calendar", parents=[common], help="ngày nghỉ, ngày làm bù toàn thành phố")
    ds = d.add_subparsers(dest="calendar_cmd", required=True, metavar="ACTION")
    dd = ds.add_parser(
        "set-day", parents=[common], help="đặt một ngày nghỉ (off), làm bù (work) hoặc bỏ (clear)"
    )
    dd.add_argument("date", metavar="DATE")
    dd.add_argument("kind", choices=["off", "work", "clear"])
    dd.add_argument("--note", default="")
    dd.set_defaults(handler=cmd_calendar_set_day)

    st = sub.add_parser("stats", parents=[common], help="số liệu tháng của một cơ quan")
    st.add_argument("--agency", required=True)
    st.add_argument("--month", required=True, help="YYYY-MM")
    st.set_defaults(handler=cmd_stats)

    rb = sub.add_parser("rebuild-views", parents=[common], help="dựng lại bảng tổng hợp từ toàn bộ sự kiện")
    rb.set_defaults(handler=cmd_rebuild)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    if getattr(args, "db", None) is None:
        args.db = default_url()
    args.json = bool(getattr(args, "json", False))
    try:
        return int(args.handler(args) or 0)
    except AdminError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
