"""Throwaway office databases (PostgreSQL) for tests: one migrated template per test process, one copy per
test. The server is the one `.ci/run` starts (.ci/postgres.sh); without it the PostgreSQL variants skip."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

# COUNTER_APP_TEST_PG_URL names any database on the server (CI: the city tests' one, CITY_SERVER_PG_URL).
SERVER_URL = os.environ.get("COUNTER_APP_TEST_PG_URL") or os.environ.get("CITY_SERVER_PG_URL") or ""
SKIP_REASON = "no PostgreSQL for the office backend (set CITY_SERVER_PG_URL; .ci/postgres.sh starts one)"
# Names made by this test process carry its own token: several runs may share the server.
_RUN = uuid.uuid4().hex[:8]


def available() -> bool:
    return bool(SERVER_URL) and make_url(SERVER_URL).get_backend_name() == "postgresql"


def database_url(name: str) -> str:
    return (
        make_url(SERVER_URL)
        .set(drivername="postgresql+psycopg", database=name)
        .render_as_string(hide_password=False)
    )


_admin: Engine | None = None


def _admin_engine() -> Engine:
    global _admin
    if _admin is None:
        _admin = create_engine(database_url("postgres"), isolation_level="AUTOCOMMIT", pool_size=1)
    return _admin


def create_database(template: str | None = None) -> str:
    """A new empty database (or a copy of `template`); its name."""
    name = f"ctr_{_RUN}_{uuid.uuid4().hex[:10]}"
    with _admin_engine().connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    return name


def drop_database(name: str) -> None:
    with _admin_engine().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def scratch_database(template: str | None = None) -> Iterator[str]:
    """The URL of a database that lives as long as the `with` block."""
    name = create_database(template)
    try:
        yield database_url(name)
    finally:
        drop_database(name)
