"""Monthly report speed: `python benchmarks/report_bench.py [--dossiers N]`.

Fills a fresh data dir with a busy office's month (N dossiers through the real intake and lifecycle
services, with payments, ratings and queue tickets), then times the report's figures (SQL over the
SQLite file), the PDF, and the CSV. No target in the issue; a supervisor waits for the "Báo cáo" tab,
so the figures should stay well under a second. Prints the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counter_app.services.context import AppContext  # noqa: E402
from counter_app.services.dossiers import DossierService  # noqa: E402
from counter_app.services.intake import IntakeService  # noqa: E402
from counter_app.services.queue import open_queue  # noqa: E402
from counter_app.services.ratings import RatingService  # noqa: E402
from counter_app.services.report_document import write_pdf  # noqa: E402
from counter_app.services.reports import ReportService, to_csv  # noqa: E402
from tests.conftest import FakeClock, intake_doc  # noqa: E402

LEVELS = ["very_satisfied", "satisfied", "satisfied", "dissatisfied"]


def fill(ctx: AppContext, clock: FakeClock, n: int) -> None:
    intake, dossiers, ratings, queue = (
        IntakeService(ctx),
        DossierService(ctx),
        RatingService(ctx),
        open_queue(ctx),
    )
    days = [d for d in range(1, 31) if ctx.calendar.is_working_day(clock.value.date().replace(day=d))]
    for i in range(n):
        day = days[i % len(days)]
        clock.set(f"2026-09-{day:02d}T{8 + (i // len(days)) % 8:02d}:{(i * 7) % 60:02d}")
        queue.issue("A", print_ticket=False)
        clock.advance(minutes=3)
        queue.call_next(1, service="A", actor="an")
        code = intake.receive(intake_doc(), actor="an").code
        offer = ratings.offer("intake", code, "an", 1)
        ratings.rate(offer, LEVELS[i % len(LEVELS)])
        if i % 5:
            clock.advance(hours=20 if i % 7 else 60)
            dossiers.change_status(code, "ready", actor="an")


def timed(fn, runs: int = 5) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock("2026-09-01T08:00")
        ctx = AppContext(Path(tmp), clock=clock)
        start = time.perf_counter()
        fill(ctx, clock, args.dossiers)
        print(f"filled {args.dossiers} dossiers (+ tickets, ratings) in {time.perf_counter() - start:.1f} s")
        clock.set("2026-10-05T09:00")
        service = ReportService(ctx)
        report = service.monthly("2026-09")
        d = report.dossiers
        print(
            f"month 2026-09: received {d.received}, resolved {d.resolved}, on time {d.on_time_pct}%, "
            f"open overdue {d.overdue_open}, register {len(report.register)}"
        )
        figures = timed(lambda: service.monthly("2026-09"))
        pdf = timed(lambda: write_pdf(report, ctx.config, Path(tmp) / "r.pdf"), runs=3)
        csv = timed(lambda: to_csv(report))
        print(f"figures: median {statistics.median(figures):.0f} ms (min {min(figures):.0f})")
        print(
            f"PDF ({(Path(tmp) / 'r.pdf').stat().st_size // 1024} KiB): median {statistics.median(pdf):.0f} ms"
        )
        print(f"CSV: median {statistics.median(csv):.1f} ms")
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
