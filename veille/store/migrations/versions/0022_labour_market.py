"""The labour market beside the news: DARES' FAP-2021 and its ROME table, the BMO survey's
bassins d'emploi with their communes, and the survey's figures year by year; the ROME v3
parent of each ROME job sheet (what the FAP table names it by).

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rome_metiers") as batch:
        batch.add_column(sa.Column("parent", sa.String(8), nullable=False, server_default=""))
    op.create_table(
        "fap_families",
        sa.Column("level", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
    )
    op.create_table(
        "fap_rome",
        sa.Column("rome", sa.String(8), primary_key=True),
        sa.Column("qualification", sa.Integer, primary_key=True),
        sa.Column("fap", sa.String(8), nullable=False),
    )
    op.create_table(
        "bassins",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "bassin_communes",
        sa.Column("commune", sa.String(8), primary_key=True),
        sa.Column("bassin", sa.String(8), nullable=False, index=True),
    )
    _create_bmo()


def _create_bmo() -> None:
    op.create_table(
        "bmo_jobs",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("family", sa.String(8), nullable=False),
        sa.Column("family_label", sa.Text, nullable=False),
    )
    op.create_table(
        "bmo_bassins",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "bmo_figures",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("job", sa.String(8), primary_key=True),
        sa.Column("bassin", sa.String(8), primary_key=True),
        sa.Column("departement", sa.String(8), primary_key=True),
        sa.Column("region", sa.String(8), nullable=False),
        sa.Column("projects", sa.Integer),
        sa.Column("difficult", sa.Integer),
        sa.Column("seasonal", sa.Integer),
    )
    for name, column in (("region", "region"), ("departement", "departement"),
                         ("bassin", "bassin")):
        op.create_index(f"ix_bmo_figures_{name}", "bmo_figures", ["year", column])


def downgrade() -> None:
    for name in ("bmo_figures", "bmo_bassins", "bmo_jobs", "bassin_communes", "bassins",
                 "fap_rome", "fap_families"):
        op.drop_table(name)
    with op.batch_alter_table("rome_metiers") as batch:
        batch.drop_column("parent")
