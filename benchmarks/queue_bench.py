"""Queue ticket speed: `python benchmarks/queue_bench.py [--runs N] [--paper 58|80]`.

Target: issuing a ticket end to end — number taken and committed with its outbox event,
ticket drawn, raster sent to a printer on 127.0.0.1 that answers DLE EOT like an Epson, marked
printed — p95 ≤ 50 ms. Also reported: the same pre-rendered job bytes sent with python-escpos alone
(connect, write, close; no status, no database), and the ratio of the two medians. Prints the figures;
exit status 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from escpos.printer import Network  # noqa: E402

from counter_app.services.context import AppContext  # noqa: E402
from counter_app.services.queue.local import LocalQueue  # noqa: E402
from printing import printers  # noqa: E402
from tests.escpos_fake import FakePrinter  # noqa: E402

TARGET_P95_MS = 50.0


def timed(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):  # fonts, imports and the first connection are paid once per process
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(name: str, ms: list[float]) -> str:
    return (
        f"{name:<48} p50 {statistics.median(ms):7.2f} ms   p95 {pct(ms, 95):7.2f} ms   max {max(ms):7.2f} ms"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--paper", type=int, choices=[58, 80], default=58)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp, FakePrinter() as printer:
        ctx = AppContext(Path(tmp))
        ctx.config.update({"printer.ticket": printer.uri, "printer.ticket_width": args.paper})
        q = LocalQueue(ctx)

        def issue() -> None:
            t = q.issue("A", actor="bench")
            assert t.printed, t.print_error

        end_to_end = timed(issue, args.runs)
        record_only = timed(lambda: q.issue("B", print_ticket=False, actor="bench"), args.runs)
        payload = q.ticket_bytes("A001")
        render = timed(lambda: q.ticket_bytes("A001"), args.runs)
        # The printer's part alone: connect, status, job, status again (where Nagle's algorithm meeting the
        # printer's delayed ACK once added ~40 ms to a few tickets in ten; printing/printers.py).
        send_only = timed(lambda: printers.send(printer.uri, payload), args.runs)

        bare_ms: list[float] = []
        for i in range(args.runs + 3):
            start = time.perf_counter()
            p = Network(host="127.0.0.1", port=printer.port, timeout=5)
            p._raw(payload)  # the same bytes, python-escpos' own network printer, nothing else
            p.close()
            took = (time.perf_counter() - start) * 1000
            if i >= 3:
                bare_ms.append(took)
            # Untimed: let the printer take the job before the next one (as a real printer paces them).
            printer.wait_for_bytes(len(printer.connections) - 1, len(payload))
        ctx.close()

    print(f"Ticket issue, {args.paper} mm paper, {len(payload)} bytes per job, {args.runs} runs")
    print(line("issue + print end to end (LocalQueue.issue)", end_to_end))
    print(line("  of which: record only (issue --no-print)", record_only))
    print(line("  of which: draw ticket + ESC/POS job bytes", render))
    print(line("  of which: send with status (printers.send)", send_only))
    print(line("pre-rendered bytes via python-escpos alone", bare_ms))
    print("  (python-escpos alone returns once the bytes are in the socket buffer; the end-to-end path also")
    print("   waits for the printer's DLE EOT answer after the job, i.e. until the printer has taken it)")
    ratio = statistics.median(end_to_end) / statistics.median(bare_ms)
    print(f"ratio end-to-end / python-escpos alone (p50): {ratio:.1f}x")
    p95 = pct(end_to_end, 95)
    ok = p95 <= TARGET_P95_MS
    print(f"target p95 ≤ {TARGET_P95_MS:.0f} ms: {'met' if ok else 'MISSED'} ({p95:.1f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
