"""Alembic environment: runs on the engine handed over by db.engine.Database (no alembic.ini needed)."""

from alembic import context

from db.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    # All pending migrations run in ONE transaction that takes the write lock first (BEGIN IMMEDIATE,
    # see db.engine): a second process starting at the same moment waits, then finds nothing to do,
    # and a failed migration leaves the file as it was.
    connection.execution_options(sqlite_begin="IMMEDIATE")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        transactional_ddl=True,  # SQLite can roll DDL back; alembic assumes it cannot
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
