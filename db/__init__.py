"""Persistence: SQLAlchemy models, the SQLite engine, Alembic migrations.

Knows nothing of the app: no imports from counter_app, ui or printing.
"""

from db.engine import Database

__all__ = ["Database"]
