"""Alembic environment: runs on the engine handed over by db.engine.Database, or on the
connection handed over by db.office_engine.OfficeDatabase (no alembic.ini needed)."""

from alembic import context
from sqlalchemy.engine import Connection

from db.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables (plain ALTER elsewhere)
        transactional_ddl=True,  # SQLite and PostgreSQL can roll DDL back; alembic assumes SQLite cannot
    )
    with context.begin_transaction():
        context.run_migrations()


if "connection" in config.attributes:
    # The office's PostgreSQL (db/office_engine.py): the caller holds the migration lock on this connection.
    connection = config.attributes["connection"]
    _run(connection)
    connection.commit()
else:
    with config.attributes["engine"].connect() as connection:
        # All pending migrations run in ONE transaction that takes the write lock first (BEGIN IMMEDIATE,
        # see db.engine): a second process starting at the same moment waits, then finds nothing to do,
        # and a failed migration leaves the file as it was.
        connection.execution_options(sqlite_begin="IMMEDIATE")
        _run(connection)
        connection.commit()
