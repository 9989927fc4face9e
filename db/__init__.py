"""Persistence: SQLAlchemy models, the SQLite engine, the office's PostgreSQL engine, Alembic migrations.

Knows nothing of the app: no imports from counter_app, ui or printing.
"""

from __future__ import annotations

from pathlib import Path

from db.engine import Database
from db.office_engine import OfficeDatabase

AnyDatabase = Database | OfficeDatabase

__all__ = ["AnyDatabase", "Database", "OfficeDatabase", "open_database"]


def open_database(url: str, sqlite_file: Path, *, application_name: str = "counter-app") -> AnyDatabase:
    """The office's PostgreSQL when `url` names one, else the SQLite file of this PC."""
    if url:
        return OfficeDatabase(url, application_name=application_name)
    return Database(sqlite_file)
