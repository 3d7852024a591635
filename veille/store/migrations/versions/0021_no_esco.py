"""ESCO's labels are no longer imported: their table and their release go.

Nothing used them, and no reliable link joins them to the ROME veille tags with
(docs/design-notes.md, "Referentials").

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("esco_concepts")
    op.execute(sa.text("DELETE FROM referential_versions WHERE name = 'esco'"))


def downgrade() -> None:
    op.create_table(
        "esco_concepts",
        sa.Column("uri", sa.String(300), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("alt_labels", sa.JSON, nullable=False),
    )
