"""Index removals: deleted items the index has yet to forget.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("index_removals", sa.Column("id", sa.String(128), primary_key=True))


def downgrade() -> None:
    op.drop_table("index_removals")
