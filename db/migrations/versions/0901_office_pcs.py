"""Office: the PCs present in a multi-PC office, kept fresh by each window's heartbeat (db/models/office.py).

Revision ID: 0901_office_pcs
Revises: 0001_core
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0901_office_pcs"
down_revision = "0001_core"
branch_labels = ("office",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_pcs",
        sa.Column("pc_id", sa.String(36), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("clerk", sa.String(64), nullable=True),
        sa.Column("host", sa.String(100), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("started_at", sa.String(25), nullable=False),
        sa.Column("last_seen", sa.String(25), nullable=False),
        sa.PrimaryKeyConstraint("pc_id", "role", name="pk_office_pcs"),
    )


def downgrade() -> None:
    op.drop_table("office_pcs")
