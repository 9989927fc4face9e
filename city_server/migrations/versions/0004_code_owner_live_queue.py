"""A dossier belongs to the counter that sent it (refused, not merged, when another counter sends the same
code; the refusals in code_conflicts) and a ticket knows its line, priority and credential (the live
ticket page counts who is ahead in that queue).

Revision ID: 0004_code_owner_live_queue
Revises: 0003_report_indexes
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_code_owner_live_queue"
down_revision = "0003_report_indexes"
branch_labels = None
depends_on = None

TS = sa.String(40)


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("counter_id", sa.String(64), nullable=True))
    # The owner of a dossier already held: the credential of its first stored event.
    op.execute(
        "UPDATE dossiers SET counter_id = (SELECT e.counter_id FROM events e "
        "WHERE e.subject = 'dossier:' || dossiers.code ORDER BY e.id LIMIT 1)"
    )
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("service", sa.String(10), nullable=True))
        batch.add_column(sa.Column("priority", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("counter_id", sa.String(64), nullable=True))
    op.create_table(
        "code_conflicts",
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("type", sa.String(60), nullable=False),
        sa.Column("counter_id", sa.String(64), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("owner_counter_id", sa.String(64), nullable=False),
        sa.Column("owner_counter_number", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("refused_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_code_conflicts"),
    )
    op.create_index("ix_code_conflicts_agency_created", "code_conflicts", ["agency_code", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_code_conflicts_agency_created", "code_conflicts")
    op.drop_table("code_conflicts")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("counter_id")
        batch.drop_column("priority")
        batch.drop_column("service")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("counter_id")
