"""Intake: idempotency keys, so a retried intake answers the first result (db/models/intake.py).

Revision ID: 0201_intake_requests
Revises: 0001_core
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0201_intake_requests"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_requests",
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("dossier_code", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(25), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("request_id", name="pk_intake_requests"),
    )


def downgrade() -> None:
    op.drop_table("intake_requests")
