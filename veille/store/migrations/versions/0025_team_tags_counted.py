"""Daily counts of the team's tags: a tag's trend counts the tags documentalists gave too
(dimension "team_tag", store/daily.py), so that it survives purges as the feed's tags do.
The items stored with such tags are counted.

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

from veille.store import daily

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None
BATCH = 1000


def upgrade() -> None:
    conn = op.get_bind()
    # Counted afresh: 0024, run by this same veille, may have counted them already.
    conn.execute(sa.text("DELETE FROM daily_counts WHERE dimension = :team"),
                 {"team": daily.TEAM_TAG})
    ids = list(conn.execute(sa.text(
        "SELECT items.id FROM items JOIN curation ON curation.item_id = items.id "
        "ORDER BY items.id")).scalars())
    for at in range(0, len(ids), BATCH):
        daily.add(conn, ids[at : at + BATCH], dimension=daily.TEAM_TAG)


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM daily_counts WHERE dimension = :team"),
                          {"team": daily.TEAM_TAG})
