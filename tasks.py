#!/usr/bin/env python3
"""Set up and run: `python3 tasks.py app` (start the app) or `python3 tasks.py test` (the whole suite).

Needs only Python 3.11+ and the package index. Creates ./.venv on first use and reinstalls when
pyproject.toml changes. Works the same on Windows (`py tasks.py app`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def ensure_env() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        sys.exit("Cần Python 3.11 trở lên / Python 3.11+ is required")
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        if _run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip") != 0:
            sys.exit("pip upgrade failed")
        if _run(PY, "-m", "pip", "install", "--quiet", "-e", ".[test]") != 0:
            sys.exit("installing the project failed")
        stamp.write_text(want)


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "app"
    rest = argv[1:]
    ensure_env()
    if what == "app":
        if rest[:1] == ["demo"]:
            # A working day of demo data first (refused, harmlessly, when the data dir already holds
            # dossiers), then the app on it.
            rest = rest[1:]
            _run(PY, "-m", "counter_app", "demo", *rest)
        return _run(PY, "-m", "counter_app", *rest)
    if what == "test":
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        for step in (
            [PY, "-m", "ruff", "check", "."],
            [PY, "-m", "ruff", "format", "--check", "."],
            [BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports")],
            # Packages and settings in pyproject.toml [tool.mypy].
            [PY, "-m", "mypy"],
        ):
            if _run(*step, env=env) != 0:
                return 1
        return _run(PY, "-m", "pytest", *rest, env=env)
    sys.exit(f"usage: python3 tasks.py app|test [args…] (got {what!r})")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
