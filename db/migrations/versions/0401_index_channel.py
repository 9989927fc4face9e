"""QĐ 766 index: where each dossier was received (db/models/core.py Dossier.channel).

- dossiers.channel: "counter" (at the one-stop counter, the default and what every older dossier was)
  or "online" (submitted on the public service portal and taken in here); the index counts the online
  share (contract/index766.py).

Revision ID: 0401_index_channel
Revises: 0001_core
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0401_index_channel"
down_revision = "0001_core"
branch_labels = ("index766",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("channel", sa.String(10), nullable=False, server_default="counter"))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("channel")
