"""Digitised papers: dossier_files (one row per attached PDF) and stored_files (their bytes in office
mode) — db/models/files.py.

Revision ID: 0301_files
Revises: 0001_core
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0301_files"
down_revision = "0001_core"
branch_labels = ("files",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("paper", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("stored_as", sa.String(200), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.String(25), nullable=False),
        sa.Column("reused_from", sa.Integer(), nullable=True),
        sa.Column("id_number", sa.String(12), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.CheckConstraint("role IN ('paper', 'result')", name="ck_dossier_files_role_known"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], ondelete="CASCADE", name="fk_dossier_files_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(
            ["reused_from"], ["dossier_files.id"], name="fk_dossier_files_reused_from_dossier_files"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dossier_files"),
    )
    op.create_index("ix_dossier_files_dossier_id", "dossier_files", ["dossier_id"])
    op.create_index("ix_dossier_files_id_number", "dossier_files", ["id_number"])
    op.create_table(
        "stored_files",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(25), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_stored_files"),
    )


def downgrade() -> None:
    op.drop_table("stored_files")
    op.drop_index("ix_dossier_files_id_number", "dossier_files")
    op.drop_index("ix_dossier_files_dossier_id", "dossier_files")
    op.drop_table("dossier_files")
