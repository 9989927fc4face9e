"""Digitising speed and size: `python benchmarks/scan_bench.py [--runs N]`.

Scans one A4 page through SANE's virtual scanner (tests/sane: `test:0`, 150 dpi grey), makes the PDF the
counter stores, and compares with the bare `scanimage` run that produced the page (the baseline, in the
same run: on a shared machine both meet the same load). Then a typed page scanned at 300 dpi, 2° askew
(tests/files_support.typed_page) through the same path. Prints bytes per page against the 150 KB
budget; exit status 1 when a page is over it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counter_app.digitise import sane  # noqa: E402
from counter_app.digitise.pages import pdf_of_images, skew_angle  # noqa: E402
from tests.files_support import typed_page  # noqa: E402

BUDGET = 150 * 1024
DPI = 150


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    os.environ["SANE_CONFIG_DIR"] = str(ROOT / "tests" / "sane")
    bare, scanned, made = [], [], []
    sizes: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run(
                ["scanimage", "-d", "test:0", "--format=png", "--mode", "Gray", "--resolution", str(DPI),
                 "-o", str(Path(tmp) / "bare.png")],
                check=True, capture_output=True,
            )  # fmt: skip
            bare.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            images = sane.scan("test:0", dpi=DPI)
            scanned.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            pdf = pdf_of_images(images, dpi=DPI, budget_bytes=BUDGET)
            made.append((time.perf_counter() - t) * 1000)
            sizes += pdf.page_bytes
    med = statistics.median
    print(f"bare scanimage, one A4 page at {DPI} dpi: {med(bare):8.1f} ms")
    print(
        f"scan through counter_app (scanimage + read): {med(scanned):8.1f} ms  ({med(scanned) / med(bare):.2f}× bare)"
    )
    print(f"page → PDF (whiten, straighten, JPEG):       {med(made):8.1f} ms")
    print(f"SANE test page (10 mm grid): {max(sizes) / 1024:.1f} KB per page")

    typed_ms, typed_sizes = [], []
    for seed in range(1, args.runs + 1):
        page = typed_page(dpi=300, skew_deg=2.0, seed=seed)
        t = time.perf_counter()
        pdf = pdf_of_images([page], dpi=DPI, budget_bytes=BUDGET)
        typed_ms.append((time.perf_counter() - t) * 1000)
        typed_sizes += pdf.page_bytes
    askew = typed_page(dpi=150, skew_deg=2.0)
    t = time.perf_counter()
    angle = skew_angle(askew)
    skew_ms = (time.perf_counter() - t) * 1000
    print(f"typed page 300 dpi, 2° askew → PDF: {med(typed_ms):8.1f} ms, "
          f"{min(typed_sizes) / 1024:.1f}–{max(typed_sizes) / 1024:.1f} KB per page")  # fmt: skip
    print(f"skew measured {angle:+.2f}° (page turned +2.00°) in {skew_ms:.0f} ms")
    worst = max(max(sizes), max(typed_sizes))
    print(f"budget {BUDGET // 1024} KB per page: {'met' if worst <= BUDGET else 'MISSED'}")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
