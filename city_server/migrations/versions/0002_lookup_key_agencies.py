"""The dossier's tracking key (public lookups need it beside the code) and agencies' names.

Revision ID: 0002_lookup_key_agencies
Revises: 0001_city
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_lookup_key_agencies"
down_revision = "0001_city"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("tracking_key", sa.String(8), nullable=True))
    op.create_table(
        "agencies",
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_agencies"),
    )


def downgrade() -> None:
    op.drop_table("agencies")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("tracking_key")
