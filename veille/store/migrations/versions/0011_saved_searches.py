"""Saved searches: a person's query and filters, shared or not, with a feed and an alert.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("query", sa.JSON, nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("alert", sa.String(16), nullable=False),
        sa.Column("alerted_at", UTCDateTime),
        sa.Column("new_after", UTCDateTime, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("saved_searches")
