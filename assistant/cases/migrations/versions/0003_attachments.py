"""Evidence attachments of a case: the bytes of a photo, a pay slip PDF or a chat screenshot, with their hash.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table("case_attachments",
                    sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("case_id", sa.Integer(), nullable=False),
                    sa.Column("name", sa.String(length=200), nullable=False),
                    sa.Column("stored_name", sa.String(length=200), nullable=False),
                    sa.Column("media_type", sa.String(length=100), nullable=False),
                    sa.Column("size", sa.Integer(), nullable=False),
                    sa.Column("sha256", sa.String(length=64), nullable=False),
                    sa.Column("data", sa.LargeBinary(), nullable=True),
                    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("created_by_role", sa.String(length=20), nullable=False),
                    sa.Column("created_by", sa.String(length=100), nullable=False),
                    sa.Column("erased", sa.Boolean(), nullable=False),
                    sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
                    sa.PrimaryKeyConstraint("id"))
    op.create_index(op.f("ix_case_attachments_case_id"), "case_attachments", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_case_attachments_case_id"), table_name="case_attachments")
    op.drop_table("case_attachments")
