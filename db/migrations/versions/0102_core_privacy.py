"""Core: privacy.

- dossiers.tracking_key: printed under the receipt's QR; the city's public lookup needs it beside the
  (sequential, guessable) dossier code. Dossiers received before have none.
- outbox.personal_removed_at: when the citizen's data was dropped from a sent event's payload
  (`sync.keep_days` after the city acknowledged it); ix_outbox_personal finds the ones still to do.

Revision ID: 0102_core_privacy
Revises: 0101_core_name_search
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0102_core_privacy"
down_revision = "0101_core_name_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("tracking_key", sa.String(8), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("personal_removed_at", sa.String(25), nullable=True))
    op.create_index("ix_outbox_personal", "outbox", ["personal_removed_at", "sent_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_personal", "outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("personal_removed_at")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("tracking_key")
