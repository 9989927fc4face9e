"""Where the data lives: --data-dir, else $COUNTER_APP_HOME, else the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

import resources

ENV_HOME = "COUNTER_APP_HOME"
RESOURCES = resources.package_dir("resources")


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_HOME):
        path = Path(os.environ[ENV_HOME])
    else:
        # Only here: with --data-dir or $COUNTER_APP_HOME (a machine-wide data dir, docs/packaging.md) a
        # command does not pay for loading it (benchmarks/startup_bench.py).
        import platformdirs

        path = Path(platformdirs.user_data_dir("counter-app", appauthor=False))
    path = path.expanduser().resolve()
    if not path.exists():
        # The database holds citizens' personal data: a new data dir is the app's user's alone.
        path.mkdir(parents=True, mode=0o700)
    return path


def database_file(root: Path) -> Path:
    return root / "counter.sqlite"


def config_file(root: Path) -> Path:
    return root / "config.toml"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
