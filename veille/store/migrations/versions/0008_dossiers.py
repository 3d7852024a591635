"""Dossiers: named, ordered baskets of items and resources.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "dossier_entries",
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("item_id", sa.String(128), sa.ForeignKey("items.id", ondelete="CASCADE"),
                  primary_key=True, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("dossier_entries")
    op.drop_table("dossiers")
