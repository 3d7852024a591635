"""Labour-market figures as dated points, and when an API source last returned each of its
items (France Travail's offers are withdrawn once no longer returned for a while).

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labour_figures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL"),
                  index=True),
        sa.Column("indicator", sa.String(32), nullable=False),
        sa.Column("rome", sa.String(8), nullable=False),
        sa.Column("place", sa.String(40), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.UniqueConstraint("indicator", "rome", "place", "date",
                            name="uq_labour_figures_point"),
        sa.Index("ix_labour_figures_rome_place", "rome", "place"),
    )
    op.create_table(
        "sightings",
        sa.Column("item_id", sa.String(128), sa.ForeignKey("items.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("last_seen", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sightings")
    op.drop_table("labour_figures")
