"""A source's last error stored with its kind (veille.errors.KINDS), and forgotten once the
source succeeds: the errors of sources that worked again since are cleared (the fetch log
keeps them).

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("last_error_kind", sa.String(32)))
    op.execute("UPDATE sources SET last_error = NULL, last_error_at = NULL "
               "WHERE error_count = 0 AND last_success_at >= last_error_at")


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("last_error_kind")
