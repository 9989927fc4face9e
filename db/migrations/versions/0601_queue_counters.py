"""Queue: a counter's pause (tạm nghỉ) with its reason, seen by every PC (db/models/queue.py QueueCounter).

Revision ID: 0601_queue_counters
Revises: 0003_queue
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0601_queue_counters"
down_revision = "0003_queue"
branch_labels = ("queue_counters",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queue_counters",
        sa.Column("counter", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(100), nullable=True),
        sa.Column("paused_at", sa.String(25), nullable=True),
        sa.Column("paused_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("counter", name="pk_queue_counters"),
    )


def downgrade() -> None:
    op.drop_table("queue_counters")
