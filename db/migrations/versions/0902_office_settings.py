"""Office: the settings the whole office shares, on an office database (db/models/office.py).

Revision ID: 0902_office_settings
Revises: 0901_office_pcs
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0902_office_settings"
down_revision = "0901_office_pcs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(25), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_office_settings"),
    )


def downgrade() -> None:
    op.drop_table("office_settings")
