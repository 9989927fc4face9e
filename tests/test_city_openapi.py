"""The API against its own description: schemathesis (`--checks all`) over a real city server with data,
a bounded number of examples per operation. Every answer must be documented (status, content type,
body shape), every request the description allows must be taken (or answered 401/404/429), and none
may be a 500."""
# ruff: noqa: F811 - pytest fixtures imported from tests.citykit are used as parameters

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from city_server.app import create_app
from counter_app.services.context import AppContext
from tests.citykit import (  # noqa: F401 - fixtures
    City,
    ServerThread,
    city,
    city_module,
    configure_counter,
    make_activity,
    new_counter,
    sync,
)

RUN = "from schemathesis.cli import schemathesis; schemathesis()"


def test_schemathesis_finds_nothing(ctx: AppContext, city: City, tmp_path: Path) -> None:
    if city.db.kind != "sqlite":
        pytest.skip("the description is the same whatever the database; once is enough")
    configure_counter(ctx, city.url, new_counter(city.db, ctx))
    make_activity(ctx, 2)
    sync(ctx)
    # No rate limit here: the tool sends hundreds of lookups from one address.
    server = ServerThread(create_app(city.db.store, public_rate=0)).start()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", RUN, "run", f"{server.url}/openapi.json"]
            + ["--checks", "all", "--max-examples", "15", "--seed", "20261206", "--workers", "1"]
            + ["--request-timeout", "30", "--no-color"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,  # its report files stay out of the repository
            timeout=600,
            env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
    finally:
        server.stop()
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
