"""Rate-limit counts shared by several server processes (``labor serve --workers N``, or PostgreSQL).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table("rate_hits",
                    sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("bucket", sa.String(length=120), nullable=False),
                    sa.Column("at", sa.Float(), nullable=False),
                    sa.PrimaryKeyConstraint("id"))
    op.create_index(op.f("ix_rate_hits_bucket"), "rate_hits", ["bucket"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_rate_hits_bucket"), table_name="rate_hits")
    op.drop_table("rate_hits")
