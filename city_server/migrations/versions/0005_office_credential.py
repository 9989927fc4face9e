"""A credential's scope: one counter's (as before) or a whole office database's of one agency, whose
events carry any counter number of that agency (city_server/ingest.py check_claims).

Revision ID: 0005_office_credential
Revises: 0003_report_indexes
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_office_credential"
down_revision = "0003_report_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("counters") as batch:
        batch.add_column(sa.Column("scope", sa.String(10), nullable=False, server_default="counter"))


def downgrade() -> None:
    with op.batch_alter_table("counters") as batch:
        batch.drop_column("scope")
