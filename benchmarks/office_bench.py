"""One office on one PostgreSQL: `python benchmarks/office_bench.py [--url URL] [--seconds 60] [--counters 20]
[--kiosks 2] [--dossiers 1000000]`.

Queue: `--counters` counter processes press F6 (call_next) in a loop and `--kiosks` kiosk processes take
numbers as fast as they can for `--seconds`, all released at one instant; a `counter-app queue watch
--json` process is the board. Then the counters call what is left. Printed:
- duplicates (a number called to two counters) and losses (issued, never called), both must be 0;
- call-to-board latency: from the moment the caller's call_next returned (the commit) to the watcher's
  line for that call, p50/p95 (first bar p95 ≤ 300 ms, goal ≤ 50 ms); also from the key press;
- tickets issued per second, calls per second, call_next p50/p95 under that load;
- bare baselines measured in the same run: a `SELECT 1` round trip and a bare NOTIFY → LISTEN delivery.
Find and intake at `--dossiers` (benchmarks/office_find.py): p50/p95 of DossierService.find per shape a
clerk types (target p95 ≤ 20 ms), then dossiers/s through IntakeService.receive into that register. The
register (benchmarks/office_dataset.py) is generated in the scratch database, or once into `--dataset NAME`
and reused by later runs (migrated first: a run after a new migration shows its time on a big register).

URL: any database on the server (default $COUNTER_APP_TEST_PG_URL or $CITY_SERVER_PG_URL); a scratch
database is made beside it and dropped at the end (--keep keeps it). Exit status 1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# This script's folder is on sys.path when it runs.
from office_dataset import admin, database_name, migrate, office_dir, with_database  # noqa: E402
from office_find import figures, pct, report_find  # noqa: E402

FIRST_BAR_P95_MS = 300.0
GOAL_P95_MS = 50.0
# A counter with nobody waiting presses F6 again after this long (a clerk keeps trying, not a machine).
IDLE_PRESS_S = 0.25


# --- the server ------------------------------------------------------------------------------------


def server_url(args: argparse.Namespace) -> str:
    url = args.url or os.environ.get("COUNTER_APP_TEST_PG_URL") or os.environ.get("CITY_SERVER_PG_URL")
    if not url:
        raise SystemExit(
            "no PostgreSQL: --url postgresql+psycopg://USER@HOST:PORT/DB (or CITY_SERVER_PG_URL)"
        )
    return url


# --- worker processes -----------------------------------------------------------------------------------


def wait_go(barrier: Path, name: str) -> float:
    """Say ready, wait for the start; returns the end time the start file holds."""
    (barrier / f"ready-{name}").touch()
    deadline = time.monotonic() + 600
    while not (barrier / "go").exists():
        if time.monotonic() > deadline:
            raise SystemExit("no start signal")
        time.sleep(0.002)
    while True:
        text = (barrier / "go").read_text()
        if text.strip():
            return float(text)
        time.sleep(0.002)


def role_counter(args: argparse.Namespace) -> None:
    from counter_app.errors import NothingToDo
    from counter_app.services.context import AppContext
    from counter_app.services.queue import open_queue

    ctx = AppContext(Path(args.data_dir))
    q = open_queue(ctx)
    q.status()  # connected and warm
    until = wait_go(Path(args.barrier), f"counter-{args.n}")
    calls: list[tuple[str, float, float]] = []
    idle = 0
    while True:
        t0 = time.time()
        try:
            t = q.call_next(args.n, actor="")
        except NothingToDo:
            # After the kiosks stopped, nobody waiting twice in a row: this counter is done.
            if time.time() > until:
                idle += 1
                if idle >= 2:
                    break
            time.sleep(IDLE_PRESS_S)
            continue
        idle = 0
        calls.append((t.number, t0, time.time()))
    ctx.close()
    Path(args.out).write_text(json.dumps(calls))


def role_kiosk(args: argparse.Namespace) -> None:
    from counter_app.services.context import AppContext
    from counter_app.services.queue import open_queue

    ctx = AppContext(Path(args.data_dir))
    q = open_queue(ctx)
    q.services()
    rng = random.Random(args.n)
    until = wait_go(Path(args.barrier), f"kiosk-{args.n}")
    issued: list[tuple[str, float, float]] = []
    while time.time() < until:
        t0 = time.time()
        t = q.issue(rng.choice("ABC"), priority=rng.random() < 0.1, print_ticket=False, actor="kiosk")
        issued.append((t.number, t0, time.time()))
    ctx.close()
    Path(args.out).write_text(json.dumps(issued))


def spawn(role: str, n: int, data_dir: Path, work: Path) -> Any:
    return subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--role",
            role,
            "--n",
            str(n),
            "--data-dir",
            str(data_dir),
            "--barrier",
            str(work / "barrier"),
            "--out",
            str(work / f"{role}-{n}.json"),
        ],
        cwd=ROOT,
    )


class Watcher:
    """`counter-app queue watch --json` as a board would run it; each line stamped on arrival."""

    def __init__(self, data_dir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "counter_app", "queue", "watch", "--json", "--data-dir", str(data_dir)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[tuple[float, dict[str, Any]]] = []
        assert self.proc.stderr is not None and self.proc.stdout is not None
        first = self.proc.stderr.readline()  # "Đang theo dõi…": listening from here on
        if "theo dõi" not in first:
            raise SystemExit(f"queue watch did not start: {first}")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.append((time.time(), json.loads(raw)))

    def stop(self) -> None:
        self.proc.send_signal(2)  # Ctrl+C
        self.proc.wait(timeout=30)
        self.thread.join(timeout=10)


# --- the bare baselines ---------------------------------------------------------------------------------


def baselines(url: str, runs: int = 300) -> dict[str, list[float]]:
    import psycopg

    conninfo = with_database(url, database_name(url), "postgresql")
    out: dict[str, list[float]] = {"select1": [], "notify": []}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for _ in range(20):
            conn.execute("SELECT 1").fetchone()
        for _ in range(runs):
            t0 = time.perf_counter()
            conn.execute("SELECT 1").fetchone()
            out["select1"].append((time.perf_counter() - t0) * 1000)
    listener = psycopg.connect(conninfo, autocommit=True)
    sender = psycopg.connect(conninfo, autocommit=True)
    try:
        listener.execute("LISTEN office_bench")
        for _ in range(runs):
            t0 = time.perf_counter()
            sender.execute("SELECT pg_notify('office_bench', 'x')")
            for _n in listener.notifies(timeout=5, stop_after=1):
                pass
            out["notify"].append((time.perf_counter() - t0) * 1000)
    finally:
        listener.close()
        sender.close()
    return out


# --- the queue run --------------------------------------------------------------------------------------


def run_queue(args: argparse.Namespace, db_url: str, work: Path) -> dict[str, Any]:
    from counter_app.services.context import AppContext
    from counter_app.services.queue import open_queue

    data_dir = work / "office"
    (work / "barrier").mkdir()
    watcher = Watcher(data_dir)
    print(f"  starting {args.counters} counters and {args.kiosks} kiosks …", flush=True)
    procs = [spawn("counter", c, data_dir, work) for c in range(1, args.counters + 1)]
    procs += [spawn("kiosk", k, data_dir, work) for k in range(1, args.kiosks + 1)]
    names = [f"counter-{c}" for c in range(1, args.counters + 1)] + [
        f"kiosk-{k}" for k in range(1, args.kiosks + 1)
    ]
    while not all((work / "barrier" / f"ready-{n}").exists() for n in names):
        if any(p.poll() not in (None, 0) for p in procs):
            raise SystemExit("a worker failed to start")
        time.sleep(0.05)
    until = time.time() + args.seconds
    go = work / "barrier" / "go.tmp"
    go.write_text(str(until))
    go.rename(work / "barrier" / "go")
    t_start = time.time()
    for p in procs:
        p.wait()
    t_end = time.time()
    bad = [p.returncode for p in procs if p.returncode != 0]
    if bad:
        raise SystemExit(f"workers failed: {bad}")
    # Let the last notices reach the watcher.
    deadline = time.time() + 10
    issued = [
        x for k in range(1, args.kiosks + 1) for x in json.loads((work / f"kiosk-{k}.json").read_text())
    ]
    calls = [
        (c, x)
        for c in range(1, args.counters + 1)
        for x in json.loads((work / f"counter-{c}.json").read_text())
    ]
    while time.time() < deadline and sum(1 for _, line in watcher.lines if line["type"] == "called") < len(
        calls
    ):
        time.sleep(0.05)
    watcher.stop()

    issued_numbers = [n for n, _, _ in issued]
    called_numbers = [x[0] for _, x in calls]
    duplicates = len(called_numbers) - len(set(called_numbers))
    losses = len(set(issued_numbers) - set(called_numbers))
    ctx = AppContext(data_dir)
    try:
        left_waiting = open_queue(ctx).status().waiting_total()
    finally:
        ctx.close()
    seen = {line["number"]: at for at, line in watcher.lines if line["type"] == "called"}
    from_commit = [(seen[x[0]] - x[2]) * 1000 for _, x in calls if x[0] in seen]
    from_press = [(seen[x[0]] - x[1]) * 1000 for _, x in calls if x[0] in seen]
    call_ms = [(x[2] - x[1]) * 1000 for _, x in calls]
    issue_ms = [(t1 - t0) * 1000 for _, t0, t1 in issued]
    in_run = [x for _, x in calls if x[2] <= until]
    return {
        "issued": len(issued_numbers),
        "called": len(called_numbers),
        "duplicates": duplicates,
        "losses": losses,
        "left_waiting": left_waiting,
        "unseen_by_board": len(set(called_numbers) - set(seen)),
        "from_commit": from_commit,
        "from_press": from_press,
        "call_ms": call_ms,
        "issue_ms": issue_ms,
        "issued_per_s": len(issued_numbers) / args.seconds,
        "calls_per_s": len(in_run) / args.seconds,
        "wall_s": t_end - t_start,
    }


# --- find at a million dossiers -------------------------------------------------------------------------


# --- the writer lock against a ticket lock (SKIP LOCKED) ------------------------------------------------


def compare_locks(db_url: str, workers: int, tickets: int, extra: int) -> dict[str, dict[str, Any]]:
    """The same claim of "the next waiting ticket" by `workers` threads (own connections) until none is
    left, two ways: under the office-wide writer lock (what OfficeDatabase.write() does) and with only the
    ticket row locked (SELECT … FOR UPDATE SKIP LOCKED). `extra` round trips inside each transaction stand
    for call_next's other statements (finish the previous ticket, the call log, audit, outbox, notice)."""
    import psycopg

    conninfo = with_database(db_url, database_name(db_url), "postgresql")
    out = {mode: _claims(conninfo, mode, workers, tickets, extra) for mode in ("writer lock", "skip locked")}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_claims")
    return out


def _claims(conninfo: str, mode: str, workers: int, tickets: int, extra: int) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_claims")
        conn.execute(
            "CREATE TABLE bench_claims (id serial PRIMARY KEY, priority boolean NOT NULL,"
            " status text NOT NULL, counter int)"
        )
        conn.execute(
            "INSERT INTO bench_claims (priority, status) SELECT i %% 7 = 0, 'waiting'"
            " FROM generate_series(1, %s) i",
            (tickets,),
        )
        conn.execute("CREATE INDEX ON bench_claims (status, priority, id)")
        conn.execute("ANALYZE bench_claims")
    claimed: list[list[int]] = [[] for _ in range(workers)]
    latency: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(workers + 1)
    if mode == "writer lock":
        pick = "SELECT id FROM bench_claims WHERE status = 'waiting' ORDER BY priority DESC, id LIMIT 1"
    else:
        pick = (
            "SELECT id FROM bench_claims WHERE status = 'waiting' ORDER BY priority DESC, id LIMIT 1"
            " FOR UPDATE SKIP LOCKED"
        )

    def work(me: int) -> None:
        with psycopg.connect(conninfo) as c:
            start.wait()
            while True:
                t0 = time.perf_counter()
                with c.transaction():
                    if mode == "writer lock":
                        c.execute("SELECT pg_advisory_xact_lock(424242)")
                    row = c.execute(pick).fetchone()  # type: ignore[arg-type]
                    if row is None:
                        return
                    c.execute(
                        "UPDATE bench_claims SET status = 'serving', counter = %s WHERE id = %s", (me, row[0])
                    )
                    for _ in range(extra):
                        c.execute("SELECT 1").fetchone()
                with lock:
                    latency.append((time.perf_counter() - t0) * 1000)
                claimed[me].append(row[0])

    threads = [threading.Thread(target=work, args=(w,)) for w in range(workers)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    every = [i for c in claimed for i in c]
    return {
        "per_s": len(every) / wall,
        "ms": latency,
        "duplicates": len(every) - len(set(every)),
        "losses": tickets - len(set(every)),
    }


# --- main ------------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--counters", type=int, default=20)
    ap.add_argument("--kiosks", type=int, default=2)
    ap.add_argument("--dossiers", type=int, default=1_000_000, help="0: no find benchmark")
    ap.add_argument("--queries", type=int, default=800)
    ap.add_argument(
        "--dataset",
        default="",
        help="a named database for the find register, loaded once and kept for later runs",
    )
    ap.add_argument(
        "--intake", type=int, default=300, help="dossiers received into the large register (0: none)"
    )
    ap.add_argument("--no-queue", action="store_true")
    ap.add_argument(
        "--locks", type=int, default=3000, help="tickets claimed in the lock comparison (0: none)"
    )
    ap.add_argument("--extra-statements", type=int, default=8)
    ap.add_argument("--keep", action="store_true", help="keep the scratch database")
    # Worker processes (this script runs itself).
    ap.add_argument("--role", choices=["counter", "kiosk"], help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", help=argparse.SUPPRESS)
    ap.add_argument("--barrier", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.role == "counter":
        role_counter(args)
        return 0
    if args.role == "kiosk":
        role_kiosk(args)
        return 0

    url = server_url(args)
    name = f"office_bench_{uuid.uuid4().hex[:8]}"
    admin(url, f'CREATE DATABASE "{name}"')
    db_url = with_database(url, name)
    ok = True
    try:
        with tempfile.TemporaryDirectory(prefix="office-bench-") as tmp:
            work = Path(tmp)
            print(f"office_bench on {with_database(url, name, 'postgresql').split('@')[-1]}", flush=True)
            migrate(office_dir(work, db_url))  # migrated once, before the PCs start
            base = baselines(db_url)
            print(figures("baseline: SELECT 1 round trip", base["select1"]))
            print(figures("baseline: bare NOTIFY → LISTEN", base["notify"]))
            if not args.no_queue:
                r = run_queue(args, db_url, work)
                print(
                    f"queue, {args.counters} counters + {args.kiosks} kiosks for {args.seconds:.0f} s "
                    f"(ran {r['wall_s']:.1f} s with the final calls):"
                )
                print(f"  issued {r['issued']}, called {r['called']}, still waiting {r['left_waiting']}")
                print(
                    f"  duplicates {r['duplicates']}   losses {r['losses']}   unseen by the board {r['unseen_by_board']}"
                )
                print(f"  tickets issued/s {r['issued_per_s']:.1f}   calls/s {r['calls_per_s']:.1f}")
                print(figures("  call-to-board (commit → watcher line)", r["from_commit"]))
                print(figures("  F6-to-board (press → watcher line)", r["from_press"]))
                print(figures("  call_next under load", r["call_ms"]))
                print(figures("  issue under load", r["issue_ms"]))
                p95 = pct(r["from_commit"], 95)
                print(
                    f"  call-to-board p95 / bare NOTIFY p95: {p95 / pct(base['notify'], 95):.1f}×   "
                    f"first bar ≤ {FIRST_BAR_P95_MS:.0f} ms: {'yes' if p95 <= FIRST_BAR_P95_MS else 'NO'}   "
                    f"goal ≤ {GOAL_P95_MS:.0f} ms: {'yes' if p95 <= GOAL_P95_MS else 'no'}"
                )
                ok &= r["duplicates"] == 0 and r["losses"] == 0 and r["left_waiting"] == 0
                ok &= r["unseen_by_board"] == 0 and p95 <= FIRST_BAR_P95_MS
            if args.locks:
                cmp = compare_locks(db_url, args.counters, args.locks, args.extra_statements)
                print(
                    f"claiming the next ticket, {args.counters} connections, {args.locks} tickets, "
                    f"{args.extra_statements} more statements per transaction:"
                )
                for mode, c in cmp.items():
                    print(
                        f"  {mode:<12} {c['per_s']:8.1f} claims/s   duplicates {c['duplicates']}   "
                        f"losses {c['losses']}"
                    )
                    print(figures(f"    {mode} claim", c["ms"]))
                ok &= all(c["duplicates"] == 0 and c["losses"] == 0 for c in cmp.values())
            if args.dossiers:
                ok &= report_find(args, url, db_url, work)
    finally:
        if not args.keep:
            admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"kept database {name}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
