"""Office mode: which counter did each step of a dossier (any counter serves any dossier), and the indexes
the clerk's dossier board reads by (counter_app/services/board.py).

Revision ID: 1001_history_counter
Revises: 0002_payments
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "1001_history_counter"
down_revision = "0002_payments"  # it adds to the payments table too
branch_labels = ("history_counter",)
depends_on = None


def upgrade() -> None:
    # Old lines keep NULL: which counter did them was never recorded (one PC, one counter then).
    op.add_column("dossier_history", sa.Column("counter_number", sa.Integer(), nullable=True))
    op.add_column("payments", sa.Column("counter_number", sa.Integer(), nullable=True))
    op.create_index("ix_dossier_history_counter", "dossier_history", ["counter_number", "dossier_id"])
    # The same literal condition as db/models/core.py OPEN_WORK_SQL (a migration keeps its own copy).
    open_work = sa.text("status IN ('received', 'processing')")
    op.create_index(
        "ix_dossiers_open_due",
        "dossiers",
        ["due_at", "id"],
        sqlite_where=open_work,
        postgresql_where=open_work,
    )


def downgrade() -> None:
    op.drop_index("ix_dossiers_open_due", table_name="dossiers")
    op.drop_index("ix_dossier_history_counter", table_name="dossier_history")
    op.drop_column("payments", "counter_number")
    op.drop_column("dossier_history", "counter_number")
