"""Collectors: source options and pause; item authors, enclosures, fingerprint and sources.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("options", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("paused_at", UTCDateTime))
    with op.batch_alter_table("items") as batch:
        batch.alter_column("id", type_=sa.String(128), existing_type=sa.String(32))
        batch.add_column(sa.Column("authors", sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("enclosures", sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("fingerprint", sa.String(64), nullable=False, server_default=""))
        batch.create_index("ix_items_fingerprint", ["fingerprint"])
    op.create_table(
        "item_sources",
        sa.Column("item_id", sa.String(128), sa.ForeignKey("items.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("first_seen", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("item_sources")
    with op.batch_alter_table("items") as batch:
        batch.drop_index("ix_items_fingerprint")
        batch.drop_column("fingerprint")
        batch.drop_column("enclosures")
        batch.drop_column("authors")
        batch.alter_column("id", type_=sa.String(32), existing_type=sa.String(128))
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("paused_at")
        batch.drop_column("options")
