"""Bulletins claimed while they are sent, and the recipients already sent to, so that a
double click sends once and a retry after a failure sends to the others only.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bulletins") as batch:
        batch.add_column(sa.Column("sending_since", UTCDateTime))
        batch.add_column(sa.Column("delivered", sa.JSON, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("bulletins") as batch:
        batch.drop_column("delivered")
        batch.drop_column("sending_since")
