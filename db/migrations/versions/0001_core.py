"""Core schema: catalog, dossiers, history, apologies, calendar overrides, users, audit, outbox.

Revision ID: 0001_core
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_core"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.String(25)


def _sqlite() -> bool:
    """SQLite (one PC) or PostgreSQL (the office database, db/office_engine.py)."""
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "procedures",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("processing_days", sa.Integer(), nullable=False),
        sa.Column("fee_vnd", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_procedures"),
    )
    op.create_table(
        "procedure_components",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procedure_code", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_code"], ["procedures.code"], ondelete="CASCADE",
            name="fk_procedure_components_procedure_code_procedures",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_procedure_components"),
        sa.UniqueConstraint("procedure_code", "name", name="uq_procedure_components_procedure_code"),
    )
    op.create_table(
        "sequences",
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", "period", name="pk_sequences"),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("procedure_code", sa.String(32), nullable=False),
        sa.Column("procedure_name", sa.String(300), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("processing_days", sa.Integer(), nullable=False),
        sa.Column("fee_vnd", sa.Integer(), nullable=False),
        sa.Column("applicant_name", sa.String(100), nullable=False),
        sa.Column("applicant_name_folded", sa.String(100), nullable=False),
        sa.Column("id_number", sa.String(12), nullable=False),
        sa.Column("phone", sa.String(10), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("delivery", sa.String(10), nullable=False),
        sa.Column("post_address", sa.String(300), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("paused_at", TS, nullable=True),
        sa.Column("remaining_minutes", sa.Integer(), nullable=True),
        sa.Column("ready_at", TS, nullable=True),
        sa.Column("returned_at", TS, nullable=True),
        sa.Column("rejected_reason", sa.Text(), nullable=True),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("register_book", sa.String(20), nullable=False),
        sa.Column("register_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_code"], ["procedures.code"], name="fk_dossiers_procedure_code_procedures"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sa.UniqueConstraint("code", name="uq_dossiers_code"),
    )
    op.create_index("ix_dossiers_phone", "dossiers", ["phone"])
    op.create_index("ix_dossiers_id_number", "dossiers", ["id_number"])
    op.create_index("ix_dossiers_received_at", "dossiers", ["received_at"])
    op.create_index("ix_dossiers_status_due", "dossiers", ["status", "due_at"])
    if _sqlite():
        # Name search ignoring case and diacritics: an FTS5 index over the folded name, kept by triggers.
        op.execute(
            "CREATE VIRTUAL TABLE dossier_name_fts USING fts5("
            "applicant_name_folded, content='dossiers', content_rowid='id', tokenize='unicode61')"
        )
        op.execute(
            "CREATE TRIGGER dossiers_fts_ai AFTER INSERT ON dossiers BEGIN "
            "INSERT INTO dossier_name_fts(rowid, applicant_name_folded) VALUES (new.id, new.applicant_name_folded); END"
        )
        op.execute(
            "CREATE TRIGGER dossiers_fts_ad AFTER DELETE ON dossiers BEGIN "
            "INSERT INTO dossier_name_fts(dossier_name_fts, rowid, applicant_name_folded) "
            "VALUES ('delete', old.id, old.applicant_name_folded); END"
        )
        op.execute(
            "CREATE TRIGGER dossiers_fts_au AFTER UPDATE OF applicant_name_folded ON dossiers BEGIN "
            "INSERT INTO dossier_name_fts(dossier_name_fts, rowid, applicant_name_folded) "
            "VALUES ('delete', old.id, old.applicant_name_folded); "
            "INSERT INTO dossier_name_fts(rowid, applicant_name_folded) VALUES (new.id, new.applicant_name_folded); END"
        )
    # PostgreSQL (the office database): trigram indexes on the folded name, made in 0101_core_name_search.
    op.create_table(
        "dossier_components",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], ondelete="CASCADE", name="fk_dossier_components_dossier_id_dossiers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dossier_components"),
    )
    op.create_index("ix_dossier_components_dossier_id", "dossier_components", ["dossier_id"])
    op.create_table(
        "dossier_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("data", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], ondelete="CASCADE", name="fk_dossier_history_dossier_id_dossiers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dossier_history"),
    )
    op.create_index("ix_dossier_history_dossier_id", "dossier_history", ["dossier_id"])
    op.create_table(
        "apologies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("old_due_at", TS, nullable=False),
        sa.Column("new_due_at", TS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], ondelete="CASCADE", name="fk_apologies_dossier_id_dossiers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_apologies"),
        sa.UniqueConstraint("dossier_id", name="uq_apologies_dossier_id"),
    )
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("day", name="pk_calendar_overrides"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(80), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    if _sqlite():
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
    else:
        # The same refusal in PostgreSQL (TRUNCATE too: it bypasses row triggers).
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(60), nullable=False),
        sa.Column("agency_code", sa.String(40), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("rejected_at", TS, nullable=True),
        sa.Column("rejected_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("event_id", name="uq_outbox_event_id"),
    )
    op.create_index("ix_outbox_pending", "outbox", ["sent_at", "rejected_at", "id"])


def downgrade() -> None:
    for table in (
        "outbox", "audit_log", "users", "calendar_overrides", "apologies", "dossier_history",
        "dossier_components",
    ):
        op.drop_table(table)
    if _sqlite():
        op.execute("DROP TABLE dossier_name_fts")
    else:
        op.execute("DROP FUNCTION audit_log_append_only() CASCADE")
    for table in ("dossiers", "sequences", "procedure_components", "procedures", "meta"):
        op.drop_table(table)
