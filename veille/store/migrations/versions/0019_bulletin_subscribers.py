"""Bulletins people subscribe to: lists by theme and their subscribers (double opt-in,
unsubscribe tokens), the pasted recipients' unsubscribe tokens, and scheduled sending.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bulletins") as batch:
        batch.add_column(sa.Column("scheduled_at", UTCDateTime))
        batch.add_column(sa.Column("schedule", sa.JSON))
        batch.create_index("ix_bulletins_scheduled_at", ["scheduled_at"])
    op.create_table(
        "bulletin_lists",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "bulletin_subscribers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("list_id", sa.Integer,
                  sa.ForeignKey("bulletin_lists.id", ondelete="CASCADE"), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("confirm_hash", sa.String(64), index=True),
        sa.Column("confirm_expires", UTCDateTime),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("confirmed_at", UTCDateTime),
        sa.Column("unsubscribed_at", UTCDateTime),
        sa.UniqueConstraint("list_id", "email", name="uq_bulletin_subscribers_list_email"),
    )
    op.create_table(
        "pasted_recipients",
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("unsubscribed_at", UTCDateTime),
    )


def downgrade() -> None:
    op.drop_table("pasted_recipients")
    op.drop_table("bulletin_subscribers")
    op.drop_table("bulletin_lists")
    with op.batch_alter_table("bulletins") as batch:
        batch.drop_index("ix_bulletins_scheduled_at")
        batch.drop_column("schedule")
        batch.drop_column("scheduled_at")
