"""Referentials: ROME 4.0 (métiers, appellations, skills), the INSEE geography, ESCO labels,
and the release of each the store holds.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from veille.store.schema import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLES = ("referential_versions", "rome_grands_domaines", "rome_domaines", "rome_metiers",
          "rome_appellations", "rome_skills", "rome_skill_links", "geo_regions",
          "geo_departements", "geo_epcis", "geo_communes", "esco_concepts")


def upgrade() -> None:
    op.create_table(
        "referential_versions",
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("source", sa.String(2000), nullable=False),
        sa.Column("imported_at", UTCDateTime, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
    )
    _rome()
    _geo()
    op.create_table(
        "esco_concepts",
        sa.Column("uri", sa.String(300), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("alt_labels", sa.JSON, nullable=False),
    )


def _rome() -> None:
    op.create_table(
        "rome_grands_domaines",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
    )
    op.create_table(
        "rome_domaines",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("grand_domaine", sa.String(8), nullable=False),
    )
    op.create_table(
        "rome_metiers",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("domaine", sa.String(8), nullable=False, index=True),
        sa.Column("grand_domaine", sa.String(8), nullable=False),
    )
    op.create_table(
        "rome_appellations",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("short_label", sa.Text, nullable=False),
        sa.Column("rome_code", sa.String(8), nullable=False, index=True),
        sa.Column("principal", sa.Boolean, nullable=False),
    )
    op.create_table(
        "rome_skills",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("category", sa.Text, nullable=False),
    )
    op.create_table(
        "rome_skill_links",
        sa.Column("rome_code", sa.String(8), primary_key=True),
        sa.Column("skill_code", sa.String(16), primary_key=True, index=True),
    )


def _geo() -> None:
    op.create_table(
        "geo_regions",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "geo_departements",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("region", sa.String(8), nullable=False),
    )
    op.create_table(
        "geo_epcis",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("population", sa.Integer),
    )
    op.create_table(
        "geo_communes",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("departement", sa.String(8), nullable=False, index=True),
        sa.Column("region", sa.String(8), nullable=False, index=True),
        sa.Column("epci", sa.String(16), nullable=False, index=True),
        sa.Column("population", sa.Integer),
        sa.Column("postcodes", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
