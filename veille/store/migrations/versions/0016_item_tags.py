"""Item tags: the ROME jobs, domaines, skills and places the taggers found in an item, and
a documentalist's additions and removals, which survive re-tagging.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_tags",
        sa.Column("item_id", sa.String(128), sa.ForeignKey("items.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("value", sa.String(64), primary_key=True),
        sa.Column("origin", sa.String(8), primary_key=True),
        sa.Column("removed", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_table("item_tags")
