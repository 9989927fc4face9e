"""Releases of the counter software the city announces (GET /api/v1/version, contract/releases.py).

Revision ID: 0801_app_releases
Revises: 0003_report_indexes
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0801_app_releases"
down_revision = "0003_report_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "app_releases",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("notice", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("published_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_releases"),
        sa.UniqueConstraint("version", name="uq_app_releases_version"),
    )


def downgrade() -> None:
    op.drop_table("app_releases")
