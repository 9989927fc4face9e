"""Core: faster name search over a large register.

On SQLite:
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
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_dossiers_name_folded", "dossiers", ["applicant_name_folded"])
        _fts(", prefix='1 2 3 4 5 6'")
        return
    # PostgreSQL (the office database): the same searches (counter_app/services/name_search.py) on
    # - a B-tree by byte order, whatever the database's collation, for a name typed from its start;
    # - a trigram index over " folded name " for words anywhere (pg_trgm is a trusted extension: the
    #   database owner may create it, no superuser needed).
    op.execute('CREATE INDEX ix_dossiers_name_folded ON dossiers (applicant_name_folded text_pattern_ops)')
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE INDEX ix_dossiers_name_words ON dossiers "
        "USING gin ((' ' || applicant_name_folded || ' ') gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _fts("")
    else:
        op.execute("DROP INDEX ix_dossiers_name_words")
    op.drop_index("ix_dossiers_name_folded", table_name="dossiers")
