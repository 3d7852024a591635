"""Daily counts: items published per French day, in all and per source, kind, tag, job,
domaine, place and skill, so that trends over years survive purges (store/daily.py). The
items stored so far are counted.

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

from veille.store import daily

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None
BATCH = 1000


def upgrade() -> None:
    op.create_table(
        "daily_counts",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("dimension", sa.String(16), primary_key=True),
        sa.Column("value", sa.String(300), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    conn = op.get_bind()
    ids = list(conn.execute(sa.text("SELECT id FROM items ORDER BY id")).scalars())
    for at in range(0, len(ids), BATCH):
        daily.add(conn, ids[at : at + BATCH])


def downgrade() -> None:
    op.drop_table("daily_counts")
