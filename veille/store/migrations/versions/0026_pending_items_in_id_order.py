"""An index on items (indexed, id) instead of (indexed): the index writers read the pending
items in id order a batch at a time (store.items.pending), and each batch sorted every
pending row, all their columns, to return 500 (an import of 100,000 items: thousands
pending at each batch).

Revision ID: 0026
Revises: 0025
"""

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_items_indexed", table_name="items")
    op.create_index("ix_items_indexed_id", "items", ["indexed", "id"])


def downgrade() -> None:
    op.drop_index("ix_items_indexed_id", table_name="items")
    op.create_index("ix_items_indexed", "items", ["indexed"])
