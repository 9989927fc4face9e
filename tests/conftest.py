"""Shared fixtures: a fresh data dir and database per test, a controllable clock, the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

# Qt must never look for a display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("COUNTER_APP_HOME", None)

from sqlalchemy import create_engine, text

from counter_app.services.context import AppContext
from counter_app.timeutil import VN_TZ, parse_local
from tests import office_db

ROOT = Path(__file__).resolve().parent.parent


class FakeClock:
    """A clock the test moves by hand: `clock.set('2026-11-23T09:00')`, `clock.advance(minutes=5)`."""

    def __init__(self, start: str = "2026-11-23T09:00") -> None:
        self.value = parse_local(start)

    def __call__(self) -> datetime:
        return self.value

    def set(self, when: str | datetime) -> None:
        self.value = parse_local(when) if isinstance(when, str) else when.astimezone(VN_TZ)

    def advance(self, **delta: float) -> None:
        self.value = self.value + timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# Suites that run on both backends: the embedded SQLite file and the office's PostgreSQL (database.url).
# Other modules opt in with `pytestmark = pytest.mark.both_backends`; a test that is about the SQLite
# file itself (its mode, a damaged file, backup/restore) opts out with `@pytest.mark.sqlite_only`.
BOTH_BACKENDS_MODULES = ("test_core_", "test_queue_", "test_rating_service", "test_reports_", "test_sync_")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    module = metafunc.module.__name__.rpartition(".")[2]
    both = module.startswith(BOTH_BACKENDS_MODULES) or metafunc.definition.get_closest_marker("both_backends")
    if not both or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    postgres = pytest.param(
        "postgresql", marks=pytest.mark.skipif(not office_db.available(), reason=office_db.SKIP_REASON)
    )
    metafunc.parametrize("backend", ["sqlite", postgres], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" (the default) or "postgresql" (an office database made for this test)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def _office_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated office database with the bundled catalog per test process; tests get copies."""
    name = office_db.create_database()
    folder = tmp_path_factory.mktemp("office-template")
    (folder / "config.toml").write_text(f'[database]\nurl = "{office_db.database_url(name)}"\n')
    AppContext(folder, clock=FakeClock()).close()
    yield name
    office_db.drop_database(name)


@pytest.fixture
def data_dir(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A fresh data dir; on the office backend its config points at a fresh copy of the office template."""
    d = tmp_path / "data"
    d.mkdir()
    if backend != "postgresql":
        yield d
        return
    name = office_db.create_database(template=request.getfixturevalue("_office_template"))
    url = office_db.database_url(name)
    # Event ids must stay unique across databases (two offices syncing to one test server).
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET event_id = gen_random_uuid()::text"))
    engine.dispose()
    (d / "config.toml").write_text(f'[database]\nurl = "{url}"\n')
    yield d
    office_db.drop_database(name)


@pytest.fixture
def fresh_data_dir(tmp_path: Path, backend: str) -> Iterator[Path]:
    """A data dir whose database was never opened: no SQLite file yet, or an empty office database."""
    d = tmp_path / "fresh"
    d.mkdir()
    if backend != "postgresql":
        yield d
        return
    name = office_db.create_database()
    (d / "config.toml").write_text(f'[database]\nurl = "{office_db.database_url(name)}"\n')
    yield d
    office_db.drop_database(name)


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database with the bundled catalog, made once per test session (first start at the
    default FakeClock time)."""
    folder = tmp_path_factory.mktemp("template")
    AppContext(folder, clock=FakeClock()).close()
    return folder / "counter.sqlite"


@pytest.fixture
def ctx(
    data_dir: Path, clock: FakeClock, backend: str, request: pytest.FixtureRequest
) -> Iterator[AppContext]:
    if backend == "postgresql":  # data_dir made the database, a copy of the migrated template
        c = AppContext(data_dir, clock=clock)
        yield c
        c.close()
        return
    _template_db = request.getfixturevalue("_template_db")
    # A copy of the template is what a first start produces, without migrating and seeding every time.
    src, dst = sqlite3.connect(_template_db), sqlite3.connect(data_dir / "counter.sqlite")
    try:
        src.backup(dst)
        # Event ids must stay unique across data dirs (two counters syncing to one test server).
        for (row_id,) in dst.execute("SELECT id FROM outbox").fetchall():
            dst.execute("UPDATE outbox SET event_id = ? WHERE id = ?", (str(uuid.uuid4()), row_id))
        dst.commit()
    finally:
        dst.close()
        src.close()
    c = AppContext(data_dir, clock=clock)
    yield c
    c.close()


# A valid intake document for the bundled catalog's birth registration (1.001193).
BIRTH_COMPONENTS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "kind": "original", "count": 1},
    {"name": "Giấy chứng sinh", "kind": "original", "count": 1},
    {
        "name": "Giấy tờ tùy thân của người yêu cầu (thẻ căn cước/CCCD, hộ chiếu hoặc giấy tờ có ảnh còn giá "
        "trị sử dụng) – xuất trình",
        "kind": "original",
        "count": 1,
    },
]


def intake_doc(**over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "procedure": "1.001193",
        "applicant": {
            "full_name": "Nguyễn Văn An",
            "id_number": "079203001234",
            "phone": "0912345678",
            "address": "12 Lê Lợi, Phường Bến Nghé",
        },
        "components": [dict(c) for c in BIRTH_COMPONENTS],
        "sets": 1,
        "delivery": "counter",
    }
    doc.update(over)
    return doc


def required_components(ctx: AppContext, code: str) -> list[dict[str, Any]]:
    """The required papers of any catalog procedure, as intake expects them."""
    from counter_app.services.catalog import CatalogService

    p = CatalogService(ctx).get(code)
    return [{"name": c.name, "kind": c.kind, "count": c.count} for c in p.components if c.required]


def run_cli(
    *args: str,
    data_dir: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`counter-app ARGS` in a real subprocess (exit status, stdout, stderr as a user sees them)."""
    cmd = [sys.executable, "-m", "counter_app", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        cmd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )


def cli_json(*args: str, data_dir: Path, stdin: str | None = None) -> Any:
    proc = run_cli(*args, data_dir=data_dir, stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
