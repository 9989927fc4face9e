"""Queue: lines (services), tickets, the call log; seeds the default lines of a fresh install.

Revision ID: 0003_queue
Revises: 0001_core
Create Date: 2026-11-23
"""

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from alembic import op

revision = "0003_queue"
down_revision = "0001_core"
branch_labels = None
depends_on = None

TS = sa.String(25)

# A fresh office gets three lines; they are ordinary rows the office renames or removes.
DEFAULT_LINES = [
    ("A", "Hộ tịch", '["Hộ tịch"]', 1),
    ("B", "Chứng thực", '["Chứng thực"]', 2),
    ("C", "Khác", "[]", 3),
]


def upgrade() -> None:
    lines = op.create_table(
        "queue_services",
        sa.Column("prefix", sa.String(1), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("counters", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("prefix", name="pk_queue_services"),
    )
    op.create_table(
        "queue_tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(8), nullable=False),
        sa.Column("service", sa.String(1), nullable=False),
        sa.Column("service_name", sa.String(100), nullable=False),
        sa.Column("transferred_from", sa.String(1), nullable=True),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("queued_at", TS, nullable=False),
        sa.Column("called_at", TS, nullable=True),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("recalls", sa.Integer(), nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("skipped_at", TS, nullable=True),
        sa.Column("transferred_at", TS, nullable=True),
        sa.Column("wait_seconds", sa.Integer(), nullable=True),
        sa.Column("service_seconds", sa.Integer(), nullable=True),
        sa.Column("printed", sa.Boolean(), nullable=False),
        sa.Column("printed_at", TS, nullable=True),
        sa.Column("print_attempts", sa.Integer(), nullable=False),
        sa.Column("print_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_queue_tickets"),
        sa.UniqueConstraint("day", "number", name="uq_queue_tickets_day"),
    )
    op.create_index("ix_queue_tickets_next", "queue_tickets", ["day", "status", "service", "priority", "id"])
    op.create_table(
        "queue_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(8), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("recall", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["queue_tickets.id"], ondelete="CASCADE", name="fk_queue_calls_ticket_id_queue_tickets"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_queue_calls"),
    )
    op.create_index("ix_queue_calls_ticket_id", "queue_calls", ["ticket_id"])
    now = datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0).isoformat()
    op.bulk_insert(
        lines,
        [
            {"prefix": p, "name": n, "fields": f, "counters": "[]", "position": pos, "created_at": now}
            for p, n, f, pos in DEFAULT_LINES
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_queue_calls_ticket_id", table_name="queue_calls")
    op.drop_table("queue_calls")
    op.drop_index("ix_queue_tickets_next", table_name="queue_tickets")
    op.drop_table("queue_tickets")
    op.drop_table("queue_services")
