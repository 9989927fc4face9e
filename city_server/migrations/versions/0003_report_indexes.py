"""Reports at city scale: the stored events of one agency, of some types, in a period (ratings,
apologies, payments, feedback are read so) are one index range, not a scan of every event of the type.

Revision ID: 0003_report_indexes
Revises: 0002_lookup_key_agencies
Create Date: 2026-12-06
"""

from alembic import op

revision = "0003_report_indexes"
down_revision = "0002_lookup_key_agencies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_agency_type_created", "events", ["agency_code", "type", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_events_agency_type_created", "events")
