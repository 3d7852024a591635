"""Stories: near-duplicate items share a story id, found through buckets of LSH keys.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("story_id", sa.String(128)))
        batch.add_column(sa.Column("signature", sa.Text, nullable=False, server_default=""))
        batch.create_index("ix_items_story_id", ["story_id"])
    op.create_table(
        "story_buckets",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("entries", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_buckets")
    with op.batch_alter_table("items") as batch:
        batch.drop_index("ix_items_story_id")
        batch.drop_column("signature")
        batch.drop_column("story_id")
