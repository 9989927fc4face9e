"""counter-app sync [--server URL] [--json] [--check] [--live]"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Any

from contract.envelope import SCOPE_OFFICE
from counter_app.cli.runtime import CliApp, add
from counter_app.errors import AppError, ValidationError
from counter_app.services.city_link import RetryPolicy
from counter_app.services.sync import SyncService, office_credential_hint
from counter_app.timeutil import iso


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "sync", "đồng bộ với máy chủ thành phố (gửi sự kiện, nhận danh mục và lịch)")
    p.add_argument("--server", default=None, help="địa chỉ máy chủ (mặc định: city.server_url)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra kết nối và chứng thư của quầy")
    p.add_argument("--no-pull", action="store_true", help="chỉ gửi, không nhận danh mục và lịch")
    p.add_argument(
        "--batch-size", type=int, default=None, help="số sự kiện mỗi lô (mặc định: sync.batch_size)"
    )
    p.add_argument("--retries", type=int, default=6, help="số lần thử mỗi yêu cầu khi mạng lỗi (mặc định 6)")
    p.add_argument(
        "--live",
        action="store_true",
        help="gửi liên tục trong giờ làm việc, mỗi sync.live_seconds giây (dừng: Ctrl+C)",
    )
    p.add_argument("--max-runs", type=int, default=None, help=argparse.SUPPRESS)  # --live: stop after N runs
    p.add_argument("--trigger", default="cli", help=argparse.SUPPRESS)
    p.set_defaults(handler=_sync)


def _sync(args: argparse.Namespace, app: CliApp) -> int:
    if not 1 <= args.retries <= 20:
        raise ValidationError("phải từ 1 đến 20", field="retries", label="Số lần thử")
    service = SyncService(
        app.ctx, server_url=args.server, batch_size=args.batch_size, retry=RetryPolicy(attempts=args.retries)
    )
    if args.check:
        who = service.check()
        if args.json:
            app.out_json(who)
        else:
            office = who.get("scope") == SCOPE_OFFICE
            whose = "chứng thư văn phòng" if office else f"quầy {who['counter_number']}"
            app.out(f"Kết nối được: {whose} của {who['agency_code']} ({who['counter_id']}).")
            if app.ctx.office_mode and not office:
                app.out(f"Lưu ý: {office_credential_hint(app.ctx)}.")
        return 0

    if args.live:
        return _live(args, app, service)

    def progress(done: int, total: int) -> None:
        if not args.json and total and sys.stderr.isatty():
            sys.stderr.write(f"\rĐã gửi {done}/{total}")
            sys.stderr.flush()

    try:
        result = service.run(trigger=args.trigger, progress=progress, pull=not args.no_pull)
    except AppError as exc:
        partial = getattr(exc, "result", None)
        if args.json and partial is not None:
            app.out_json(partial.to_json())
        raise
    if args.json:
        app.out_json(result.to_json())
    elif result.skipped:
        app.out(f"Bỏ qua lần đồng bộ này: {result.skipped}.")
    else:
        app.out(
            f"Đã gửi {result.sent} sự kiện: {result.accepted} mới, {result.duplicates} trùng (đã có), "
            f"{result.rejected} bị từ chối; còn chờ {result.pending}. ({result.duration_s:.1f} giây)"
        )
        if result.rejected:
            app.out("Xem sự kiện bị từ chối: counter-app outbox rejected")
        if result.catalog_version:
            app.out(f"Đã cập nhật danh mục thủ tục phiên bản {result.catalog_version}.")
        if result.calendar_days:
            app.out(f"Đã cập nhật {result.calendar_days} ngày nghỉ/làm bù từ thành phố.")
    return 0


def _live(args: argparse.Namespace, app: CliApp, service: SyncService) -> int:
    """Upload every sync.live_seconds in office hours until Ctrl+C / SIGTERM; one line per run."""
    from counter_app.services.live_sync import live_loop

    if app.ctx.config.sync.live_seconds <= 0:
        raise ValidationError(
            "đang tắt (0); đặt số giây, ví dụ: counter-app config set sync.live_seconds 30",
            field="sync.live_seconds",
            label="Đồng bộ trong giờ làm việc",
        )
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    def line(value: dict[str, Any]) -> None:  # one JSON line per run: a script can follow the stream
        sys.stdout.write(json.dumps({"at": iso(app.ctx.now()), **value}, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def once() -> None:
        try:
            result = service.run(trigger="live", live=True)
        except AppError as exc:
            partial = getattr(exc, "result", None)
            if args.json:
                line(partial.to_json() if partial is not None else {"error": str(exc)})
            else:
                sys.stderr.write(f"Đồng bộ không thành công: {exc}\n")
            return
        if args.json:
            line(result.to_json())
        elif result.skipped:
            app.out(f"Bỏ qua: {result.skipped}.")
        elif result.sent:
            app.out(f"Đã gửi {result.sent} sự kiện ({result.duration_s:.2f} giây).")
        sys.stdout.flush()

    live_loop(app.ctx, once, stop=stop, max_runs=args.max_runs)
    return 0
