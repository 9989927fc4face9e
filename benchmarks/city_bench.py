#!/usr/bin/env python3
"""The city server at city scale, on PostgreSQL:

    python benchmarks/city_bench.py [--pg URL] [--dossiers 2000000] [--agencies 500] [--counters 200]
                                    [--batches 3] [--batch 500] [--lookup-clients 100] [--lookups 5000]
                                    [--stats 200] [--rankings 40] [--workers 2] [--keep]

1. Bulk-loads (COPY) a year of a large city into a fresh schema `city_bench`: `--dossiers` dossiers
   over `--agencies` agencies, each with its stored events (dossier.received with a counter's full
   payload, two status changes, a rating offer and answer for every other one) and its folded view
   rows, as the nightly sync would have left them.
2. Starts `city-server serve --workers N --public-rate 0` on 127.0.0.1 (loopback only) and measures:
   - ingest: `--counters` counters at once, each sending `--batches` signed, gzipped batches of
     `--batch` new events (dossiers received and moved along): events/s in total and p95 per batch;
   - `/tra-cuu` (code and key of random existing dossiers) from `--lookup-clients` clients at once,
     each at a person's pace (`--lookup-pace-ms`, one lookup a second by default: 100 a second in all),
     then flat out (each sends its next request when the last was answered): p50/p95, requests/s;
   - `/api/v1/stats` (random agency, last full month) and the city ranking
     (`/api/v1/reports/city`), four and two clients at once: p50/p95.
Targets on the 2-core development machine: ingest ≥ 10,000 events/s, lookup p95 ≤ 50 ms, stats and
ranking p95 ≤ 500 ms. Everything is bounded (counts and timeouts); all traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psycopg  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from city_server.db import Store, normalize_url  # noqa: E402
from city_server.projection import mask_name  # noqa: E402
from contract import envelope as wire  # noqa: E402
from contract import events  # noqa: E402

E = events

SCHEMA = "city_bench"
VN = "+07:00"
NAMES = ["Nguyễn Thị Thu Hà", "Trần Văn Bình", "Lê Thị Mai", "Phạm Quốc Dũng", "Hoàng Minh Châu"]
PROCEDURES = [
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch", 1),
    ("1.000656", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", 1),
    ("2.000908", "Chứng thực bản sao từ bản chính", "Chứng thực", 0),
    ("1.004884", "Đăng ký thường trú", "Cư trú", 7),
    ("1.001612", "Cấp giấy xác nhận tình trạng hôn nhân", "Hộ tịch", 3),
]
LEVELS = ["very_satisfied", "satisfied", "satisfied", "neutral", "dissatisfied"]


def agency_code(i: int) -> str:
    return f"000.{i // 100:02d}.{i % 100:02d}.H56"


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + VN


def received_payload(
    code: str, agency: str, at: datetime, due: datetime, proc: tuple, name: str, key: str
) -> dict:
    return {
        "code": code,
        "agency_code": agency,
        "procedure": {"code": proc[0], "name": proc[1], "field": proc[2]},
        "processing_days": proc[3],
        "fee_vnd": 8000,
        "applicant": {
            "full_name": name,
            "id_number": "079203001234",
            "phone": "0912345678",
            "email": None,
            "address": "12 Lê Lợi, Phường Bến Nghé",
            "birth_date": "1988-04-12",
        },
        "components": [{"name": "Tờ khai theo mẫu", "kind": "original", "count": 1}],
        "sets": 1,
        "delivery": "counter",
        "status": "received",
        "received_at": iso(at),
        "due_at": iso(due),
        "counter": 1,
        "register": {"book": str(at.year), "number": 1},
        "tracking_key": key,
        "actor": "an",
    }


# --- 1. the fixture ----------------------------------------------------------------------------------------


def fresh_schema(base_url: str) -> str:
    eng = create_engine(base_url)
    with eng.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    eng.dispose()
    url = f"{base_url}{'&' if '?' in base_url else '?'}options=-csearch_path%3D{SCHEMA}"
    store = Store(url)
    store.migrate()
    store.close()
    return url


def load(url: str, dossiers: int, agencies: int, counters: int) -> dict[str, Any]:
    """COPY the year into the tables; returns what the later steps need (credentials, some lookups)."""
    rng = random.Random(7)
    now = datetime.now().replace(microsecond=0)
    year_ago = now - timedelta(days=365)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    creds = []
    samples: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    with psycopg.connect(dsn) as conn:
        with conn.cursor() as cur:
            # Indexes are built once after the load (as a restore would), not maintained row by row.
            cur.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND tablename IN ('events', 'dossiers')"
                " AND indexname NOT LIKE 'pk_%%'",
                (SCHEMA,),
            )
            dropped = [r[0] for r in cur.fetchall()]
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s AND indexname = ANY(%s)",
                (SCHEMA, dropped),
            )
            defs = cur.fetchall()
            cur.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'u'"
            )
            uniques = [r[0] for r in cur.fetchall()]
            defs = [(name, ddl) for name, ddl in defs if name not in uniques]
            for name in uniques:
                cur.execute(f"ALTER TABLE events DROP CONSTRAINT {name}")
            for name, _ in defs:
                cur.execute(f"DROP INDEX IF EXISTS {name}")
            with cur.copy("COPY agencies (code, name, updated_at) FROM STDIN") as cp:
                for a in range(agencies):
                    cp.write_row((agency_code(a), f"UBND phường số {a + 1}", iso(now)))
            with cur.copy(
                "COPY counters (id, agency_code, counter_number, secret, label, created_at) FROM STDIN"
            ) as cp:
                for c in range(counters):
                    cid, secret = f"q-bench{c:05d}", wire.new_secret()
                    creds.append((cid, secret, agency_code(c % agencies), 1 + c // agencies))
                    cp.write_row(
                        (cid, agency_code(c % agencies), 1 + c // agencies, secret, "bench", iso(now))
                    )
            seq = [0] * agencies
        conn.commit()  # the index drops, before other connections write to these tables
        # Three COPY streams at once, one per table, so that no table's rows wait in memory.
        with (
            psycopg.connect(dsn) as conn_v,
            psycopg.connect(dsn) as conn_r,
            conn.cursor() as cur,
            conn_v.cursor() as cur_v,
            conn_r.cursor() as cur_r,
        ):
            with (
                cur.copy(
                    "COPY events (event_id, counter_id, agency_code, counter_number, seq, type, created_at,"
                    " stored_at, subject, payload) FROM STDIN"
                ) as ev_cp,
                cur_v.copy(
                    "COPY dossiers (code, agency_code, counter_number, procedure_code, procedure_name, field,"
                    " masked_name, status, received_at, due_at, legal_due_at, resolved_at, returned_at,"
                    " rejected_at, apologized_at, has_base, tracking_key, last_seq, updated_at) FROM STDIN"
                ) as view_cp,
                cur_r.copy(
                    "COPY ratings (event_id, agency_code, at, level, satisfied) FROM STDIN"
                ) as rating_cp,
            ):
                for i in range(dossiers):
                    a = i % agencies
                    agency, cid = agency_code(a), f"q-bench{a:05d}" if a < counters else "q-bench00000"
                    at = year_ago + timedelta(seconds=int(365 * 86400 * i / dossiers))
                    at = at.replace(hour=8 + i % 9)
                    proc = PROCEDURES[i % len(PROCEDURES)]
                    due = at + timedelta(days=max(1, proc[3]) + (2 if proc[3] > 1 else 0))
                    code = f"{agency}-{at:%y%m%d}-{i // agencies % 10000:04d}{i // (agencies * 10000)}"
                    key = "".join(rng.choice(wire.TRACKING_KEY_ALPHABET) for _ in range(6))
                    name = NAMES[i % len(NAMES)]
                    late = i % 13 == 0
                    done = at + (due - at) * (1.4 if late else 0.6)
                    still_open = at > now - timedelta(days=3) and i % 2 == 0
                    status = "processing" if still_open else "returned"
                    s0 = seq[a] + 1
                    seq[a] += 3
                    p_recv = received_payload(code, agency, at, due, proc, name, key)
                    subject = f"dossier:{code}"
                    created = iso(at)
                    rows = [
                        (E.DOSSIER_RECEIVED, s0, created, p_recv),
                        (
                            E.DOSSIER_STATUS_CHANGED,
                            s0 + 1,
                            iso(at + timedelta(minutes=30)),
                            {
                                "code": code,
                                "from": "received",
                                "to": "processing",
                                "at": iso(at + timedelta(minutes=30)),
                            },
                        ),
                    ]
                    if not still_open:
                        rows.append(
                            (
                                E.DOSSIER_STATUS_CHANGED,
                                s0 + 2,
                                iso(done),
                                {"code": code, "from": "processing", "to": "returned", "at": iso(done)},
                            )
                        )
                    for etype, sq, c_at, payload in rows:
                        ev_cp.write_row(
                            (str(uuid.uuid4()), cid, agency, 1, sq, etype, c_at, c_at, subject,
                             json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
                        )  # fmt: skip
                    if i % 2 == 0:
                        seq[a] += 2
                        offer = {"offer_id": i, "kind": "intake", "ref": code, "clerk": "an", "counter": 1,
                                 "field": proc[2], "offered_at": created}  # fmt: skip
                        level = LEVELS[i % len(LEVELS)]
                        rated = {**offer, "level": level, "rated_at": created}
                        rid = str(uuid.uuid4())
                        for etype, sq, payload, eid in (
                            (E.RATING_OFFERED, seq[a] - 1, offer, str(uuid.uuid4())),
                            (E.RATING_RECORDED, seq[a], rated, rid),
                        ):
                            ev_cp.write_row(
                                (eid, cid, agency, 1, sq, etype, created, created, None,
                                 json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
                            )  # fmt: skip
                        rating_cp.write_row(
                            (rid, agency, created, level, level in ("very_satisfied", "satisfied"))
                        )
                    view_cp.write_row(
                        (code, agency, 1, proc[0], proc[1], proc[2], mask_name(name), status, created,
                         iso(due), iso(due), None if still_open else iso(done), None if still_open else iso(done),
                         None, None, True, key, s0 + len(rows) - 1, iso(now))
                    )  # fmt: skip
                    if i % max(1, dossiers // 2000) == 0:
                        samples.append((code, key))
            conn_v.commit()
            conn_r.commit()
            conn.commit()
            load_s = time.perf_counter() - t0
            t1 = time.perf_counter()
            for name in uniques:
                cur.execute(f"ALTER TABLE events ADD CONSTRAINT {name} UNIQUE (event_id)")
            for _, ddl in defs:
                cur.execute(ddl)
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("ANALYZE")
            cur.execute("SELECT count(*) FROM events")
            n_events = cur.fetchone()[0]  # type: ignore[index]
    return {
        "creds": creds,
        "samples": samples,
        "events": n_events,
        "copy_s": round(load_s, 1),
        "index_s": round(time.perf_counter() - t1, 1),
    }


# --- 2. the server ------------------------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "city_server", "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--public-rate", "0", "--no-access-log", "--log-level", "warning"],
        cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("city-server did not start")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


# --- 3. measurements ----------------------------------------------------------------------------------------


def ingest_bodies(creds: list[tuple], batches: int, batch: int) -> list[list[bytes]]:
    """Per counter, its batches as gzipped request bodies (built before the clock starts)."""
    out = []
    now = datetime.now().replace(microsecond=0)
    for n, (_cid, _secret, agency, counter) in enumerate(creds):
        bodies, seq = [], 10_000_000
        for b in range(batches):
            evs = []
            i = 0
            while len(evs) < batch:
                code = f"{agency}-{now:%y%m%d}-{9000 + n % 1000:04d}{b:02d}{i:04d}"
                at = now - timedelta(minutes=batch - i)
                due = at + timedelta(days=3)
                p = received_payload(code, agency, at, due, PROCEDURES[i % 5], NAMES[i % 5], "ABC234")
                p["counter"] = counter
                for etype, payload in (
                    (E.DOSSIER_RECEIVED, p),
                    (
                        E.DOSSIER_STATUS_CHANGED,
                        {"code": code, "from": "received", "to": "processing", "at": iso(at)},
                    ),
                    (
                        E.DOSSIER_STATUS_CHANGED,
                        {"code": code, "from": "processing", "to": "ready", "at": iso(at)},
                    ),
                ):
                    seq += 1
                    evs.append({"event_id": str(uuid.uuid4()), "seq": seq, "type": etype, "agency_code": agency,
                                "counter_number": counter, "created_at": iso(at), "payload": payload})  # fmt: skip
                i += 1
            raw = json.dumps({"events": evs[:batch]}, ensure_ascii=False, separators=(",", ":")).encode()
            bodies.append(gzip.compress(raw, compresslevel=1))
        out.append(bodies)
    return out


async def ingest(base: str, creds: list[tuple], bodies: list[list[bytes]], batch: int) -> dict[str, Any]:
    lat: list[float] = []
    accepted = errors = 0

    async def counter(c: tuple, mine: list[bytes], client: httpx.AsyncClient) -> None:
        nonlocal accepted, errors
        cid, secret = c[0], c[1]
        for body in mine:
            h = wire.sign_headers(secret, cid, "POST", wire.EVENTS_PATH, body)
            h.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
            t = time.perf_counter()
            try:
                r = await client.post(wire.EVENTS_PATH, content=body, headers=h)
                lat.append((time.perf_counter() - t) * 1000)
                if r.status_code == 200:
                    accepted += sum(x["status"] == "accepted" for x in r.json()["results"])
                else:
                    errors += 1
            except httpx.HTTPError:
                errors += 1

    limits = httpx.Limits(max_connections=len(creds), max_keepalive_connections=len(creds))
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:
        t = time.perf_counter()
        await asyncio.gather(*(counter(c, b, client) for c, b in zip(creds, bodies, strict=True)))
        wall = time.perf_counter() - t
    return {
        "counters": len(creds),
        "events_sent": sum(len(b) for b in bodies) * batch,
        "accepted": accepted,
        "errors": errors,
        "wall_s": round(wall, 1),
        "events_per_s": round(accepted / wall),
        "batch_p50_ms": pct(lat, 0.5),
        "batch_p95_ms": pct(lat, 0.95),
    }


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a kept-alive connection: a bare HTTP/1.1 client, so that the measuring process
    (on the same two cores) costs the server as little CPU as possible."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def clients(port: int, paths: list[str], n: int, pace_ms: float = 0.0) -> dict[str, Any]:
    """`n` clients at once, each on its own connection; each sends its next request when the last was
    answered (`pace_ms` 0), or waits until `pace_ms` after the previous one started (a person's pace)."""
    lat: list[float] = []
    errors = 0
    queue = list(paths)

    async def one() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await asyncio.sleep(random.random() * pace_ms / 1000)  # spread the clients' starts
        while queue:
            path = queue.pop()
            t = time.perf_counter()
            status = await asyncio.wait_for(_get(reader, writer, path), 120)
            took = time.perf_counter() - t
            lat.append(took * 1000)
            errors += status != 200
            if pace_ms:
                await asyncio.sleep(max(0.0, pace_ms / 1000 - took))
        writer.close()

    t = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    wall = time.perf_counter() - t
    return {
        "requests": len(paths),
        "clients": n,
        "pace_ms": pace_ms,
        "errors": errors,
        "per_s": round(len(paths) / wall),
        "p50_ms": pct(lat, 0.5),
        "p95_ms": pct(lat, 0.95),
        "max_ms": round(max(lat), 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg", default=os.environ.get("CITY_SERVER_PG_URL"))
    ap.add_argument("--dossiers", type=int, default=2_000_000)
    ap.add_argument("--agencies", type=int, default=500)
    ap.add_argument("--counters", type=int, default=200)
    ap.add_argument("--batches", type=int, default=3)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--lookup-clients", type=int, default=100)
    ap.add_argument("--lookups", type=int, default=5000)
    ap.add_argument(
        "--lookup-pace-ms", type=float, default=1000.0, help="each lookup client's pace (0: flat out)"
    )
    ap.add_argument("--stats", type=int, default=200)
    ap.add_argument("--rankings", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="leave the schema for inspection")
    args = ap.parse_args()
    if not args.pg:
        raise SystemExit("needs --pg URL or $CITY_SERVER_PG_URL (PostgreSQL)")
    if args.counters > args.agencies:
        raise SystemExit("--counters must not exceed --agencies (one counter per agency sends)")
    base_url = normalize_url(args.pg)
    out: dict[str, Any] = {"dossiers": args.dossiers, "agencies": args.agencies}
    url = fresh_schema(base_url)
    t = time.perf_counter()
    fixture = load(url, args.dossiers, args.agencies, args.counters)
    out["load"] = {k: fixture[k] for k in ("events", "copy_s", "index_s")} | {
        "total_s": round(time.perf_counter() - t, 1)
    }
    print(json.dumps(out, ensure_ascii=False), flush=True)
    server, base = start_server(url, args.workers)
    try:
        bodies = ingest_bodies(fixture["creds"], args.batches, args.batch)
        out["ingest"] = asyncio.run(ingest(base, fixture["creds"], bodies, args.batch))
        print(json.dumps({"ingest": out["ingest"]}), flush=True)
        rng = random.Random(11)
        samples = fixture["samples"]
        lookups = [f"/tra-cuu?ma={c}&k={k}" for c, k in (rng.choice(samples) for _ in range(args.lookups))]
        port = int(base.rsplit(":", 1)[1])
        out["lookup"] = asyncio.run(clients(port, lookups, args.lookup_clients, args.lookup_pace_ms))
        print(json.dumps({"lookup": out["lookup"]}), flush=True)
        out["lookup_flat_out"] = asyncio.run(clients(port, lookups[: args.lookups // 2], args.lookup_clients))
        print(json.dumps({"lookup_flat_out": out["lookup_flat_out"]}), flush=True)
        month = (datetime.now().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
        stats = [
            f"/api/v1/stats?agency={agency_code(rng.randrange(args.agencies))}&month={month}"
            for _ in range(args.stats)
        ]
        out["stats"] = asyncio.run(clients(port, stats, 4))
        print(json.dumps({"stats": out["stats"]}), flush=True)
        ranking = [f"/api/v1/reports/city?month={month}"] * args.rankings
        # The first ever is computed while the caller waits (each worker once); then the figures are
        # kept until an event arrives and recomputed behind the previous ones (city_server/reports).
        out["ranking_first"] = asyncio.run(clients(port, ranking[:1], 1))
        out["ranking"] = asyncio.run(clients(port, ranking, 2))
        print(json.dumps({"ranking_first": out["ranking_first"], "ranking": out["ranking"]}), flush=True)
    finally:
        server.terminate()
        server.wait(30)
        if not args.keep:
            eng = create_engine(base_url)
            with eng.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            eng.dispose()
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
