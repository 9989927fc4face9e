#!/usr/bin/env python3
"""Set up and run: `python3 tasks.py app` (start the app), `python3 tasks.py test` (the whole suite) or
`python3 tasks.py bundle [--smoke]` (the frozen one-folder program in dist/counter-app/, docs/packaging.md).

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


def ensure_bundle_tools() -> None:
    """PyInstaller and the rest of pyproject's `bundle` group, into .venv (not needed by app or test)."""
    import tomllib

    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["bundle"]
    stamp = VENV / ".bundle-installed"
    want = hashlib.sha256("\n".join(wanted).encode()).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        if _run(PY, "-m", "pip", "install", "--quiet", *wanted) != 0:
            sys.exit("installing the bundle tools (PyInstaller) failed")
        stamp.write_text(want)


def write_installer_version(build: Path) -> Path:
    """build/installer-version.iss: pyproject's version for the installer (packaging/counter-app.iss
    includes it), so that the number is written in one place only."""
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    out = build / "installer-version.iss"
    out.write_text(f'#define AppVersion "{version}"\n', encoding="utf-8")
    return out


def bundle(args: list[str]) -> int:
    """Build dist/counter-app/ with packaging/counter-app.spec; `--smoke` then runs the frozen program
    through packaging/smoke_bundle.py. Prints the build time and the bundle's size (docs/packaging.md)."""
    import shutil
    import time

    unknown = [a for a in args if a != "--smoke"]
    if unknown:
        sys.exit(f"usage: python3 tasks.py bundle [--smoke] (got {' '.join(unknown)})")
    ensure_bundle_tools()
    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    write_installer_version(build)
    if os.name == "nt":
        # The .exe icon: Windows wants an .ico, drawn from the SVG by Qt.
        _run(PY, ROOT / "packaging" / "make_icon.py", build / "counter-app.ico")
    started = time.monotonic()
    code = _run(
        PY, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", ROOT / "dist", "--workpath", build / "pyinstaller",
        ROOT / "packaging" / "counter-app.spec",
    )  # fmt: skip
    if code != 0:
        return code
    elapsed = time.monotonic() - started
    out = ROOT / "dist" / "counter-app"
    files = [p for p in out.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"bundle: {out} built in {elapsed:.0f} s, {size_mb:.0f} MB in {len(files)} files", flush=True)
    if shutil.which("du"):
        _run("du", "-sh", out)
    if "--smoke" in args:
        return _run(PY, ROOT / "packaging" / "smoke_bundle.py", out)
    return 0


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
    if what == "bundle":
        return bundle(rest)
    sys.exit(f"usage: python3 tasks.py app|test|bundle [args…] (got {what!r})")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
