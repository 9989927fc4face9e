"""Satisfaction: rating offers, ratings, SIPAS survey answers, citizens' feedback (PAKN).

Revision ID: 0004_ratings
Revises: 0001_core
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_ratings"
down_revision = "0001_core"
branch_labels = None
depends_on = None

TS = sa.String(25)


def upgrade() -> None:
    op.create_table(
        "rating_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("txn_key", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("ref", sa.String(60), nullable=False),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(100), nullable=True),
        sa.Column("offered_at", TS, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("closed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_rating_offers"),
        sa.UniqueConstraint("txn_key", name="uq_rating_offers_txn_key"),
    )
    op.create_index("ix_rating_offers_counter_state", "rating_offers", ["counter_number", "state"])
    op.create_index("ix_rating_offers_offered_at", "rating_offers", ["offered_at"])
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("rated_at", TS, nullable=False),
        sa.Column("explained_at", TS, nullable=True),
        sa.ForeignKeyConstraint(["offer_id"], ["rating_offers.id"], name="fk_ratings_offer_id_rating_offers"),
        sa.PrimaryKeyConstraint("id", name="pk_ratings"),
        sa.UniqueConstraint("offer_id", name="uq_ratings_offer_id"),
    )
    op.create_index("ix_ratings_rated_at", "ratings", ["rated_at"])
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(20), nullable=False),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("satisfied", sa.Boolean(), nullable=False),
        sa.Column("answered_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["rating_offers.id"], name="fk_survey_answers_offer_id_rating_offers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_survey_answers"),
        sa.UniqueConstraint("offer_id", "criterion", name="uq_survey_answers_offer_id"),
    )
    op.create_index("ix_survey_answers_offer_id", "survey_answers", ["offer_id"])
    op.create_index("ix_survey_answers_answered_at", "survey_answers", ["answered_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(30), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("name", sa.String(100), nullable=True),
        sa.Column("phone", sa.String(10), nullable=True),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", TS, nullable=True),
        sa.Column("answered_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
        sa.UniqueConstraint("number", name="uq_feedback_number"),
    )
    op.create_index("ix_feedback_open_due", "feedback", ["answered_at", "due_at"])
    op.create_index("ix_feedback_received_at", "feedback", ["received_at"])


def downgrade() -> None:
    for table in ("feedback", "survey_answers", "ratings", "rating_offers"):
        op.drop_table(table)
