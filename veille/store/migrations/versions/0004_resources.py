"""Resources: the catalogue's Dublin Core records and their files.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resources",
        sa.Column("id", sa.String(128), sa.ForeignKey("items.id", ondelete="CASCADE"),
                  primary_key=True),
        *(sa.Column(name, sa.Text, nullable=False)
          for name in ("title", "creator", "description", "publisher")),
        sa.Column("subject", sa.JSON, nullable=False),
        sa.Column("date", sa.String(64), nullable=False),
        sa.Column("type", sa.String(200), nullable=False),
        sa.Column("format", sa.String(200), nullable=False),
        sa.Column("identifier", sa.String(2000), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("coverage", sa.Text, nullable=False),
        sa.Column("rights", sa.Text, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("stored_as", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("origin", sa.String(2000), nullable=False, index=True),
        sa.Column("problem", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("resources")
