"""Find and intake at a large register on PostgreSQL, for benchmarks/office_bench.py: DossierService.find
p50/p95 per query shape against a bare read session measured in the same run, then dossiers/s through
IntakeService.receive into the same register (what the name search's word tables cost each intake)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

from office_dataset import load_dossiers, open_dataset, sample_queries

FIND_P95_MS = 20.0


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def figures(name: str, ms: list[float]) -> str:
    if not ms:
        return f"{name:<44} (none)"
    return (
        f"{name:<44} p50 {statistics.median(ms):8.2f} ms   p95 {pct(ms, 95):8.2f} ms   "
        f"max {max(ms):8.2f} ms   n={len(ms)}"
    )


def run_find(office: Path, db_url: str, n: int, count: int) -> dict[str, Any]:
    from sqlalchemy import text

    from counter_app.services.context import AppContext
    from counter_app.services.dossiers import DossierService

    ctx = AppContext(office)
    try:
        queries = sample_queries(db_url, count, n)
        svc = DossierService(ctx)
        for _, q in queries[:30]:
            svc.find(q)
        times: dict[str, list[float]] = {}
        for kind, q in queries:
            t0 = time.perf_counter()
            found = svc.find(q)
            times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
            if kind in ("code", "cccd") and not found:
                raise SystemExit(f"find({q!r}) found nothing")
        bare: list[float] = []
        for _ in range(count):
            t0 = time.perf_counter()
            with ctx.db.read() as s:
                s.execute(text("SELECT 1"))
            bare.append((time.perf_counter() - t0) * 1000)
    finally:
        ctx.close()
    return {"times": times, "bare": bare}


def run_intake(office: Path, n: int) -> dict[str, Any]:
    """`n` dossiers through IntakeService.receive (one transaction each, as at the counter) into the large
    register: dossiers/s and the time of each, wall clock and this process's CPU."""
    from datetime import datetime, timedelta

    from core_bench import intake_document  # this script's folder is on sys.path when it runs

    from counter_app.services.catalog import CatalogService
    from counter_app.services.context import AppContext
    from counter_app.services.intake import IntakeService
    from counter_app.timeutil import VN_TZ

    moment = [datetime(2026, 11, 25, 7, 30, tzinfo=VN_TZ)]

    def clock() -> datetime:  # a working day; one second per dossier keeps every code on that day
        moment[0] += timedelta(seconds=1)
        return moment[0]

    rng = random.Random(3)
    ctx = AppContext(office, clock=clock)
    try:
        catalog = CatalogService(ctx).list()
        docs = []
        for _ in range(n + 1):
            doc = intake_document(rng, rng.choice(catalog))
            if doc["delivery"] == "post":
                doc["post_address"] = doc["applicant"]["address"]
            docs.append(doc)
        svc = IntakeService(ctx)
        svc.receive(docs[0], actor="bench-intake")  # warm, like a running app
        each: list[float] = []
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in docs[1:]:
            t1 = time.perf_counter()
            svc.receive(doc, actor="bench-intake")
            each.append((time.perf_counter() - t1) * 1000)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        ctx.close()
    return {"per_s": n / wall, "cpu_per_s": n / cpu, "ms": each}


def report_find(args: argparse.Namespace, url: str, db_url: str, work: Path) -> bool:
    """Find at --dossiers (and intake into that register); True when find p95 meets the bar."""
    if args.dataset:
        d = open_dataset(url, args.dataset, args.dossiers, work / "dataset")
        db_url, office = str(d["url"]), Path(str(d["office"]))
    else:
        print(f"  generating {args.dossiers:,} dossiers set-wise …", flush=True)
        d = {"load_s": load_dossiers(db_url, args.dossiers), "migrate_s": None}
        office = work / "office"
    made = f"generated in {d['load_s']:.0f} s" if d["load_s"] is not None else f"reused {args.dataset}"
    if d["migrate_s"] is not None:
        made += f", its migrations {d['migrate_s']:.1f} s"
    load = os.getloadavg()
    print(f"find at {args.dossiers:,} dossiers on PostgreSQL ({made}; load average {load[0]:.2f}):")
    f = run_find(office, db_url, args.dossiers, args.queries)
    every = [ms for kind, ms in f["times"].items() for ms in ms]
    for kind, ms in sorted(f["times"].items()):
        print(figures(f"  {kind}", ms))
    print(figures("  all queries", every))
    print(figures("  baseline: a read session + SELECT 1", f["bare"]))
    p95 = pct(every, 95)
    print(
        f"  find p95 / baseline p95: {p95 / pct(f['bare'], 95):.1f}×   "
        f"≤ {FIND_P95_MS:.0f} ms: {'yes' if p95 <= FIND_P95_MS else 'NO'}   "
        f"(load average now {os.getloadavg()[0]:.2f})"
    )
    if args.intake:
        r = run_intake(office, args.intake)
        print(
            f"intake into that register: {r['per_s']:.1f} dossiers/s ({r['cpu_per_s']:.1f}/s of this process's CPU)"
        )
        print(figures("  IntakeService.receive", r["ms"]))
    return p95 <= FIND_P95_MS
