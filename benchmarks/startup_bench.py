"""Start-up time of whole processes: `python benchmarks/startup_bench.py [--runs N]`.

Each case is started as a fresh process several times, interleaved with its baseline so that both see
the same machine load, and the medians are compared:

- `counter-app --help` and `counter-app dossier find … --json` (on a demo data dir) against a bare
  `python -c pass` of the same interpreter: targets ≤ 6× and ≤ 12×;
- the clerk window, from process start to the login dialog's first paint, against a bare PySide6 window
  shown by the same interpreter (offscreen): target ≤ 3×.

A window case ends when a small driver (below, run in the measured process) sees the first Paint event
of a top-level window and prints a line; the app itself carries no probe. Prints the figures; exit
status 1 when a target is missed.
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

# Installs, before anything else runs, a filter that reports the first painted top-level window and
# ends the process; then runs either a bare QWidget or `counter-app gui`.
DRIVER = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and obj.isWindow():
            sys.stdout.write("painted " + type(obj).__name__ + "\n")
            sys.stdout.flush()
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
if sys.argv[1] == "bare":
    w = QWidget()
    w.resize(400, 300)
    w.show()
    app.exec()
else:
    from counter_app.cli import main
    main(sys.argv[1:])
"""


def run_once(cmd: list[str], env: dict[str, str], until_line: bool = False) -> float:
    start = time.perf_counter()
    if until_line:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.kill()
        _, err = proc.communicate()
        if not line.startswith("painted"):
            raise SystemExit(f"{cmd!r} painted nothing:\n{err}")
        return elapsed
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd!r} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed


def compare(
    name: str,
    cmd: list[str],
    base: list[str],
    env: dict[str, str],
    runs: int,
    target: float,
    *,
    window: bool = False,
) -> bool:
    run_once(base, env, window)  # warm the disk cache for both
    run_once(cmd, env, window)
    ours, bare = [], []
    for _ in range(runs):
        bare.append(run_once(base, env, window))
        ours.append(run_once(cmd, env, window))
    m_ours, m_bare = statistics.median(ours), statistics.median(bare)
    ratio = m_ours / m_bare
    ok = ratio <= target
    print(
        f"{name:<34} {m_ours * 1000:8.0f} ms   baseline {m_bare * 1000:6.0f} ms   "
        f"ratio {ratio:5.1f}× (target ≤ {target:g}×) {'ok' if ok else 'MISSED'}",
        flush=True,
    )
    return ok


def counter_app_cmd() -> list[str]:
    script = Path(sys.executable).with_name("counter-app.exe" if os.name == "nt" else "counter-app")
    return [str(script)] if script.exists() else [sys.executable, "-m", "counter_app"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--skip-window", action="store_true")
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COUNTER_APP_HOME": tmp, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("COUNTER_APP_CLERK", None)
        subprocess.run([*counter_app_cmd(), "demo"], env=env, check=True, capture_output=True)
        bare = [py, "-c", "pass"]
        ok = compare("counter-app --help", [*counter_app_cmd(), "--help"], bare, env, args.runs, 6)
        find = [*counter_app_cmd(), "dossier", "find", "nguyen van", "--json"]
        ok &= compare("counter-app dossier find --json", find, bare, env, args.runs, 12)
        if not args.skip_window:
            ok &= compare(
                "clerk window → login painted",
                [py, "-c", DRIVER, "gui"],
                [py, "-c", DRIVER, "bare"],
                env,
                args.runs,
                3,
                window=True,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
