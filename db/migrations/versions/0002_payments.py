"""Payments of fees on dossiers.

Revision ID: 0002_payments
Revises: 0001_core
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_payments"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("amount_vnd", sa.Integer(), nullable=False),
        sa.Column("paid_at", sa.String(25), nullable=False),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(100), nullable=True),
        sa.CheckConstraint("amount_vnd > 0", name="ck_payments_amount_positive"),
        sa.CheckConstraint("method IN ('cash', 'transfer', 'vietqr')", name="ck_payments_method_known"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], ondelete="CASCADE", name="fk_payments_dossier_id_dossiers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_payments"),
    )
    op.create_index("ix_payments_dossier_id", "payments", ["dossier_id"])


def downgrade() -> None:
    op.drop_index("ix_payments_dossier_id", table_name="payments")
    op.drop_table("payments")
