"""Feedback on answers and requests for human review, beside the cases (they had a SQLite file of their own).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table("feedback",
                    sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("question", sa.Text(), nullable=False),
                    sa.Column("answer", sa.Text(), nullable=False),
                    sa.Column("citations", sa.JSON(), nullable=False),
                    sa.Column("rating", sa.String(length=10), nullable=True),
                    sa.Column("comment", sa.Text(), nullable=False),
                    sa.Column("review_requested", sa.Boolean(), nullable=False),
                    sa.Column("review_status", sa.String(length=10), nullable=False),
                    sa.Column("review_note", sa.Text(), nullable=False),
                    sa.Column("legacy_id", sa.Integer(), nullable=True),
                    sa.CheckConstraint("rating IN ('helpful', 'unhelpful') OR rating IS NULL",
                                       name="ck_feedback_rating"),
                    sa.CheckConstraint("review_status IN ('none', 'open', 'done')",
                                       name="ck_feedback_review_status"),
                    sa.PrimaryKeyConstraint("id"),
                    sa.UniqueConstraint("legacy_id"))
    op.create_index(op.f("ix_feedback_review_status"), "feedback", ["review_status"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_feedback_review_status"), table_name="feedback")
    op.drop_table("feedback")
