"""Core: faster name search over a large register.

- ix_dossiers_name_folded: a name typed from its start is a B-tree range (cost ∝ matches).
- dossier_name_fts rebuilt with prefix indexes for 1–6 letters, so "…van a" style prefix queries read
  one precomputed doclist instead of merging every term with that prefix (a Vietnamese syllable has at
  most seven letters).

Revision ID: 0101_core_name_search
Revises: 0001_core
Create Date: 2026-11-21
"""

from alembic import op

revision = "0101_core_name_search"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def _fts(prefix: str) -> None:
    # The triggers of 0001_core name the table, not its definition: they keep working after this.
    op.execute("DROP TABLE dossier_name_fts")
    op.execute(
        "CREATE VIRTUAL TABLE dossier_name_fts USING fts5("
        "applicant_name_folded, content='dossiers', content_rowid='id', tokenize='unicode61'" + prefix + ")"
    )
    op.execute("INSERT INTO dossier_name_fts(dossier_name_fts) VALUES ('rebuild')")


def upgrade() -> None:
    op.create_index("ix_dossiers_name_folded", "dossiers", ["applicant_name_folded"])
    _fts(", prefix='1 2 3 4 5 6'")


def downgrade() -> None:
    _fts("")
    op.drop_index("ix_dossiers_name_folded", table_name="dossiers")
