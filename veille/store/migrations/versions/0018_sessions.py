"""Sessions kept in the database, account ids never given twice, failed sign-ins counted in
the database.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# The tables whose rows deleting the users' rows deletes (foreign keys cascade, dossiers'
# entries with their dossier), parents first.
DEPENDENTS = ("dossiers", "dossier_entries", "saved_searches", "item_notes")


def upgrade() -> None:
    _recreate_users(autoincrement=True)
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("last_seen_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "login_failures",
        sa.Column("scope", sa.String(8), primary_key=True),
        sa.Column("address", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("since", UTCDateTime, nullable=False),
        sa.Column("locked_until", UTCDateTime),
    )


def downgrade() -> None:
    op.drop_table("login_failures")
    op.drop_table("sessions")
    _recreate_users(autoincrement=False)


def _recreate_users(autoincrement: bool) -> None:
    """On SQLite, copy the users table into one declared AUTOINCREMENT (or not): ids are then
    never given twice. Elsewhere ids come from a sequence, which never goes back."""
    if op.get_bind().dialect.name != "sqlite":
        return
    with _dependents_kept():
        with op.batch_alter_table("users", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass


@contextmanager
def _dependents_kept() -> Iterator[None]:
    """Keep the rows of the tables naming users across copying the users table: dropping the
    old table deletes its rows first and, foreign keys being on (they cannot be switched off
    inside the migration's transaction), the dossiers, saved searches and notes with them."""
    bind = op.get_bind()
    for name in DEPENDENTS:
        bind.exec_driver_sql(f"CREATE TEMP TABLE kept_{name} AS SELECT * FROM {name}")
    yield
    for name in reversed(DEPENDENTS):
        bind.exec_driver_sql(f"DELETE FROM {name}")  # the team's dossiers were left
    for name in DEPENDENTS:
        bind.exec_driver_sql(f"INSERT INTO {name} SELECT * FROM kept_{name}")
        bind.exec_driver_sql(f"DROP TABLE kept_{name}")
