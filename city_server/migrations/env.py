"""Alembic environment of the city server: runs on the engine (or connection) handed over by Store."""

from alembic import context
from sqlalchemy import Connection

from city_server.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
    given.commit()
else:
    with config.attributes["engine"].connect() as connection:
        _run(connection)
        connection.commit()
