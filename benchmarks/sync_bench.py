#!/usr/bin/env python3
"""Sync throughput to a loopback city server (`city-server serve` in its own process).

    python benchmarks/sync_bench.py [--events 100000] [--counters 20] [--per-counter 5000]
                                    [--pg URL] [--pg-workers 2] [--skip-concurrent]

Prints: events/s for one counter uploading --events (target ≥ 5,000/s with the SQLite server), the
same against PostgreSQL when --pg or $CITY_SERVER_PG_URL is given, the time of a run with nothing
pending (target ≤ 1 s), and --counters counters syncing at once, each its own process (as on its
own PC), started together once all are loaded (errors and total throughput). The outbox is filled
with realistic events (a received dossier with its full JSON, then two status changes), written
straight into the table for speed.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import create_engine, insert, text  # noqa: E402

from city_server.db import Store, normalize_url  # noqa: E402
from city_server.service import add_counter  # noqa: E402
from counter_app.config import Config  # noqa: E402
from counter_app.paths import config_file  # noqa: E402
from counter_app.services.context import AppContext  # noqa: E402
from counter_app.services.sync import SyncService  # noqa: E402
from db.models import OutboxEvent  # noqa: E402


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db_url: str, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "city_server",
            "serve",
            "--db",
            db_url,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("city-server did not start")


def counter_dir(base: Path, name: str, number: int, server_url: str, store: Store) -> AppContext:
    d = base / name
    Config(config_file(d)).update({"counter.number": number})
    ctx = AppContext(d)
    cred = add_counter(store, ctx.agency_code, number)
    ctx.config.update(
        {"city.server_url": server_url, "city.counter_id": cred["counter_id"], "city.secret": cred["secret"]}
    )
    return ctx


def fill_outbox(ctx: AppContext, events: int, prefix: str) -> None:
    """`events` pending events: per dossier a dossier.received (full JSON) and two status changes."""
    now = ctx.now()
    template: dict[str, Any] = {
        "agency_code": ctx.agency_code,
        "procedure": {"code": "1.001193", "name": "Đăng ký khai sinh", "field": "Hộ tịch"},
        "processing_days": 1,
        "fee_vnd": 8000,
        "applicant": {
            "full_name": "Nguyễn Thị Thu Hà",
            "id_number": "079203001234",
            "phone": "0912345678",
            "email": None,
            "address": "12 Lê Lợi, Phường Bến Nghé, Quận 1",
            "birth_date": "1988-04-12",
        },
        "components": [
            {"name": "Tờ khai đăng ký khai sinh theo mẫu", "kind": "original", "count": 1},
            {"name": "Giấy chứng sinh", "kind": "original", "count": 1},
            {"name": "Giấy tờ tùy thân của người yêu cầu", "kind": "original", "count": 1},
        ],
        "sets": 1,
        "delivery": "counter",
        "post_address": None,
        "status": "received",
        "status_label": "Đã tiếp nhận",
        "ready_at": None,
        "returned_at": None,
        "rejected_reason": None,
        "clerk": "an",
        "counter": ctx.counter_number,
        "apology": None,
        "history": [],
    }
    rows: list[dict[str, Any]] = []
    i = 0
    while len(rows) < events:
        code = f"{ctx.agency_code}-261123-{prefix}{i:06d}"
        at = now - timedelta(days=2) + timedelta(seconds=i)
        due = at + timedelta(days=1)
        payloads = [
            (
                "dossier.received",
                {
                    **template,
                    "code": code,
                    "received_at": at.isoformat(),
                    "due_at": due.isoformat(),
                    "register": {"book": "2026", "number": i + 1},
                    "actor": "an",
                },
            ),
            (
                "dossier.status_changed",
                {
                    "code": code,
                    "from": "received",
                    "to": "processing",
                    "at": (at + timedelta(minutes=5)).isoformat(),
                    "note": None,
                    "due_at": due.isoformat(),
                    "actor": "an",
                },
            ),
            (
                "dossier.status_changed",
                {
                    "code": code,
                    "from": "processing",
                    "to": "ready",
                    "at": (at + timedelta(hours=3)).isoformat(),
                    "note": None,
                    "due_at": due.isoformat(),
                    "actor": "an",
                },
            ),
        ]
        for etype, payload in payloads:
            rows.append(
                {
                    "event_id": str(uuid.uuid4()),
                    "type": etype,
                    "agency_code": ctx.agency_code,
                    "counter_number": ctx.counter_number,
                    "payload": payload,
                    "created_at": at,
                }
            )
        i += 1
    with ctx.db.write() as s:
        for start in range(0, events, 5000):
            s.execute(insert(OutboxEvent), rows[start : min(start + 5000, events)])


def one_counter(label: str, db_url: str, base: Path, events: int, workers: int = 1) -> dict[str, Any]:
    store = Store(db_url)
    store.migrate()
    server, url = start_server(db_url, workers)
    try:
        ctx = counter_dir(base, f"single-{label}", 1, url, store)
        t = time.perf_counter()
        fill_outbox(ctx, events, "S")
        fill_s = time.perf_counter() - t
        result = SyncService(ctx).run(pull=False)
        assert result.pending == 0 and result.accepted >= events, result
        rate = result.accepted / result.duration_s
        # Nothing pending: the whole run as the nightly job does it (upload nothing, pull catalog+calendar).
        t = time.perf_counter()
        idle = SyncService(ctx).run()
        idle_s = time.perf_counter() - t
        assert idle.sent == 0
        ctx.close()
        return {
            "server_db": label,
            "events": result.accepted,
            "upload_s": round(result.duration_s, 2),
            "events_per_s": round(rate),
            "nothing_pending_s": round(idle_s, 3),
            "fill_s": round(fill_s, 1),
        }
    finally:
        server.terminate()
        server.wait(30)
        store.close()


def many_counters(
    label: str, db_url: str, base: Path, counters: int, per_counter: int, workers: int = 1
) -> dict[str, Any]:
    store = Store(db_url)
    store.migrate()
    server, url = start_server(db_url, workers)
    try:
        dirs = []
        for n in range(1, counters + 1):
            ctx = counter_dir(base, f"multi-{label}-{n}", n, url, store)
            fill_outbox(ctx, per_counter, f"M{n:02d}")
            dirs.append(ctx.data_dir)
            ctx.close()
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        # Each counter is its own process (as on its own PC). They start, import and open their
        # database first, then all begin together: the clock measures the syncing, not Python starting.
        procs = [
            subprocess.Popen(
                [sys.executable, __file__, "--worker", str(d)],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for d in dirs
        ]
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        t = time.perf_counter()
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        outs = [p.communicate(timeout=1800) for p in procs]
        wall = time.perf_counter() - t
        errors = [err[-300:] for p, (_, err) in zip(procs, outs, strict=True) if p.returncode != 0]
        accepted = sum(
            json.loads(o)["accepted"] for p, (o, _) in zip(procs, outs, strict=True) if p.returncode == 0
        )
        return {
            "server_db": label,
            "counters": counters,
            "events": counters * per_counter,
            "accepted": accepted,
            "errors": len(errors),
            "first_error": errors[0] if errors else None,
            "wall_s": round(wall, 2),
            "total_events_per_s": round(accepted / wall),
        }
    finally:
        server.terminate()
        server.wait(30)
        store.close()


def pg_schema_url(base_url: str) -> tuple[str, str]:
    url = normalize_url(base_url)
    schema = "bench_" + secrets.token_hex(4)
    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    eng.dispose()
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}", schema


def drop_schema(base_url: str, schema: str) -> None:
    eng = create_engine(normalize_url(base_url))
    with eng.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    eng.dispose()


def worker(data_dir: str) -> int:
    """One counter of the concurrent run: get ready, wait for "go", sync, print the figures."""
    ctx = AppContext(Path(data_dir))
    service = SyncService(ctx)
    print("ready", flush=True)
    sys.stdin.readline()
    result = service.run(pull=False)
    print(json.dumps(result.to_json()), flush=True)
    ctx.close()
    return 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        return worker(sys.argv[2])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--counters", type=int, default=20)
    ap.add_argument("--per-counter", type=int, default=5_000)
    ap.add_argument("--pg", default=os.environ.get("CITY_SERVER_PG_URL"))
    ap.add_argument("--pg-workers", type=int, default=2)
    ap.add_argument("--skip-concurrent", action="store_true")
    args = ap.parse_args()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        base = Path(tmp)
        results.append(one_counter("sqlite", f"sqlite:///{base / 'city-single.sqlite'}", base, args.events))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        if args.pg:
            url, schema = pg_schema_url(args.pg)
            try:
                results.append(
                    one_counter(
                        f"postgresql ({args.pg_workers} workers)", url, base, args.events, args.pg_workers
                    )
                )
                print(json.dumps(results[-1], ensure_ascii=False), flush=True)
            finally:
                drop_schema(args.pg, schema)
        if not args.skip_concurrent:
            results.append(
                many_counters(
                    "sqlite", f"sqlite:///{base / 'city-multi.sqlite'}", base, args.counters, args.per_counter
                )
            )
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
            if args.pg:
                url, schema = pg_schema_url(args.pg)
                try:
                    results.append(
                        many_counters(
                            f"postgresql ({args.pg_workers} workers)",
                            url,
                            base,
                            args.counters,
                            args.per_counter,
                            args.pg_workers,
                        )
                    )
                    print(json.dumps(results[-1], ensure_ascii=False), flush=True)
                finally:
                    drop_schema(args.pg, schema)
    single = results[0]
    print(
        f"\nSQLite server: {single['events_per_s']:,} events/s (target ≥ 5,000/s) — "
        f"{'OK' if single['events_per_s'] >= 5000 else 'BELOW TARGET'}; nothing pending: "
        f"{single['nothing_pending_s']} s (target ≤ 1 s) — {'OK' if single['nothing_pending_s'] <= 1 else 'SLOW'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
