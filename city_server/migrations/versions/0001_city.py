"""City server schema: counters, nonces, events, dossier/ticket/rating views, catalog and calendar.

Revision ID: 0001_city
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_city"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.String(40)
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(200), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.Column("last_seen_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_counters"),
    )
    op.create_index("ix_counters_agency", "counters", ["agency_code", "counter_number"])
    op.create_table(
        "nonces",
        sa.Column("counter_id", sa.String(64), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("seen_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("counter_id", "nonce", name="pk_nonces"),
    )
    op.create_index("ix_nonces_seen_at", "nonces", ["seen_at"])
    op.create_table(
        "events",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("counter_id", sa.String(64), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(60), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("stored_at", TS, nullable=False),
        sa.Column("subject", sa.String(120), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("event_id", name="uq_events_event_id"),
    )
    op.create_index("ix_events_counter_seq", "events", ["counter_id", "seq"])
    op.create_index("ix_events_subject", "events", ["subject"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_table(
        "dossiers",
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("procedure_code", sa.String(32), nullable=True),
        sa.Column("procedure_name", sa.String(300), nullable=True),
        sa.Column("field", sa.String(100), nullable=True),
        sa.Column("masked_name", sa.String(120), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("received_at", TS, nullable=True),
        sa.Column("due_at", TS, nullable=True),
        sa.Column("legal_due_at", TS, nullable=True),
        sa.Column("resolved_at", TS, nullable=True),
        sa.Column("returned_at", TS, nullable=True),
        sa.Column("rejected_at", TS, nullable=True),
        sa.Column("apologized_at", TS, nullable=True),
        sa.Column("has_base", sa.Boolean(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_dossiers"),
    )
    op.create_index("ix_dossiers_agency_received", "dossiers", ["agency_code", "received_at"])
    op.create_index("ix_dossiers_agency_resolved", "dossiers", ["agency_code", "resolved_at"])
    op.create_index("ix_dossiers_agency_apologized", "dossiers", ["agency_code", "apologized_at"])
    op.create_table(
        "tickets",
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("number", sa.String(10), nullable=False),
        sa.Column("service_name", sa.String(100), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("issued_at", TS, nullable=True),
        sa.Column("called_at", TS, nullable=True),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "day", "number", name="pk_tickets"),
    )
    op.create_table(
        "ratings",
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("level", sa.String(40), nullable=True),
        sa.Column("satisfied", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name="pk_ratings"),
    )
    op.create_index("ix_ratings_agency_at", "ratings", ["agency_code", "at"])
    op.create_table(
        "catalog_versions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("published_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_catalog_versions"),
        sa.UniqueConstraint("version", name="uq_catalog_versions_version"),
    )
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("day", name="pk_calendar_days"),
    )
    op.create_index("ix_calendar_days_revision", "calendar_days", ["revision"])


def downgrade() -> None:
    for table in (
        "calendar_days",
        "catalog_versions",
        "ratings",
        "tickets",
        "dossiers",
        "events",
        "nonces",
        "counters",
    ):
        op.drop_table(table)
