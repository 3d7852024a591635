"""Publication: documentalists publish items to the employers' portal, with their sectors
and places.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("curation") as batch:
        batch.add_column(sa.Column("published", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("sectors", sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("places", sa.JSON, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("curation") as batch:
        batch.drop_column("places")
        batch.drop_column("sectors")
        batch.drop_column("published")
