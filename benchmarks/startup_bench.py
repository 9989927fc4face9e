"""Start-up time of whole processes: `python benchmarks/startup_bench.py [--runs N]`.

Each case is started as a fresh process several times, interleaved with its baseline so that both see
the same machine load, and the medians are compared:

- `counter-app --help` and `counter-app dossier find … --json` (on a demo data dir) against a bare
  `python -c pass` of the same interpreter: targets ≤ 6× and ≤ 12×;
- the clerk window, from process start to the login dialog's first paint, against a bare PySide6 window
  shown by the same interpreter (offscreen): target ≤ 3×.

A window case ends when a small driver (below, run in the measured process) sees the first Paint event
of a top-level window and prints a line; the app itself carries no probe. Prints the figures; exit
status 1 when a target is missed (judged on wall-clock medians).

Beside wall-clock time each case prints the CPU time of the process (user + system, from wait4) and
its ratio: on a shared machine the wall clock also measures the others' load, CPU time much less so.
Processes run as an installed program does, with compiled bytecode: the project's modules are compiled
first and $PYTHONDONTWRITEBYTECODE is not passed on (with it, every start compiles them again).
"""

from __future__ import annotations

import argparse
import compileall
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


def run_once(cmd: list[str], env: dict[str, str], until_line: bool = False) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one process: to its exit, or to its "painted" line."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    if until_line:
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        if not line.startswith("painted"):
            proc.kill()
            raise SystemExit(f"{cmd!r} painted nothing:\n{proc.communicate()[1]}")
        # The driver ends the process right after its line: its CPU time is the time to the paint.
        return elapsed, _cpu_at_exit(proc)
    out, err = proc.stdout.read(), proc.stderr.read()
    cpu = _cpu_at_exit(proc)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd!r} failed ({proc.returncode}):\n{err}{out[:200]}")
    return elapsed, cpu


def _cpu_at_exit(proc: subprocess.Popen[str]) -> float:
    """User + system CPU seconds of the ended process (NaN where wait4 does not exist: Windows)."""
    if not hasattr(os, "wait4"):
        proc.wait()
        return float("nan")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return float(usage.ru_utime + usage.ru_stime)


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
    wall_ours, wall_bare = (statistics.median(t[0] for t in x) for x in (ours, bare))
    cpu_ours, cpu_bare = (statistics.median(t[1] for t in x) for x in (ours, bare))
    ratio = wall_ours / wall_bare
    ok = ratio <= target
    print(
        f"{name:<32} {wall_ours * 1000:6.0f} ms  baseline {wall_bare * 1000:5.0f} ms  "
        f"ratio {ratio:5.1f}× (target ≤ {target:g}×) {'ok' if ok else 'MISSED'}   "
        f"| CPU {cpu_ours * 1000:5.0f} ms  baseline {cpu_bare * 1000:4.0f} ms  ratio {cpu_ours / cpu_bare:5.1f}×",
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
    for package in ("contract", "counter_app", "db", "printing", "ui"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    print(f"{args.runs} runs each, medians; baseline: `python -c pass` / a bare PySide6 window", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COUNTER_APP_HOME": tmp, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("COUNTER_APP_CLERK", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
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
