"""Dossiers of one's own (an owner, shared or not; names unique per owner) and personal
notes on items.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The dossiers table as 0008 made it, without its unnamed UNIQUE (name): SQLite alters a
# table by copying it into a new one built from this, so the constraint is left behind.
OLD_DOSSIERS = sa.Table(
    "dossiers",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
ENTRIES = sa.table("dossier_entries", sa.column("dossier_id"), sa.column("item_id"),
                   sa.column("position"), sa.column("note"))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with _entries_kept():
            with op.batch_alter_table("dossiers", recreate="always",
                                      copy_from=OLD_DOSSIERS) as batch:
                _add_owners(batch)
    else:
        with op.batch_alter_table("dossiers") as batch:
            batch.drop_constraint("dossiers_name_key", type_="unique")
            _add_owners(batch)
    op.create_table(
        "item_notes",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("item_id", sa.String(128), sa.ForeignKey("items.id", ondelete="CASCADE"),
                  primary_key=True, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )


def _add_owners(batch) -> None:
    batch.add_column(sa.Column("owner_id", sa.Integer,
                               sa.ForeignKey("users.id", name="fk_dossiers_owner_id",
                                             ondelete="CASCADE")))
    batch.add_column(sa.Column("shared", sa.Boolean, nullable=False,
                               server_default=sa.false()))
    batch.create_index("ix_dossiers_owner_id", ["owner_id"])
    batch.create_unique_constraint("uq_dossiers_owner_name", ["owner_id", "name"])


@contextmanager
def _entries_kept() -> Iterator[None]:
    """Keep the dossiers' entries across copying the dossiers table on SQLite: dropping the
    old table deletes its rows first, and with foreign keys on (they cannot be switched off
    inside the migration's transaction) that deletes the entries too."""
    bind = op.get_bind()
    kept = [dict(row) for row in bind.execute(sa.select(ENTRIES)).mappings()]
    yield
    bind.execute(sa.delete(ENTRIES))  # none left, unless foreign keys were off
    if kept:
        bind.execute(sa.insert(ENTRIES), kept)


def downgrade() -> None:
    """Back to one owner for all: every dossier becomes the team's (names must then be
    unique across owners, or this fails)."""
    op.drop_table("item_notes")
    sqlite = op.get_bind().dialect.name == "sqlite"
    with _entries_kept() if sqlite else nullcontext():
        with op.batch_alter_table("dossiers") as batch:
            batch.drop_constraint("uq_dossiers_owner_name", type_="unique")
            batch.drop_index("ix_dossiers_owner_id")
            batch.drop_column("shared")
            batch.drop_column("owner_id")
            batch.create_unique_constraint("dossiers_name_key", ["name"])
