"""Core: the name index carries the dossier id, so a name typed from its start is answered from the index
alone (PostgreSQL: an index-only scan instead of one heap visit per match; counter_app/services/name_search.py).

Revision ID: 0602_dossier_name_key
Revises: 0101_core_name_search
Create Date: 2026-12-06
"""

from alembic import op

revision = "0602_dossier_name_key"
down_revision = "0101_core_name_search"
branch_labels = ("dossier_name_key",)
depends_on = None


def _index(columns: str) -> None:
    op.execute("DROP INDEX ix_dossiers_name_folded")
    op.execute(f"CREATE INDEX ix_dossiers_name_folded ON dossiers ({columns})")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _index("applicant_name_folded, id")
    else:  # byte order whatever the database's collation, as in 0101_core_name_search
        _index("applicant_name_folded text_pattern_ops, id")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _index("applicant_name_folded")
    else:
        _index("applicant_name_folded text_pattern_ops")
