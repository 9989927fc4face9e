"""Core: the dossier's tracking key, printed under the receipt's QR; the city's public lookup needs it
beside the (sequential, guessable) dossier code. Dossiers received before have none.

Revision ID: 0102_core_tracking_key
Revises: 0101_core_name_search
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0102_core_tracking_key"
down_revision = "0101_core_name_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("tracking_key", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("tracking_key")
