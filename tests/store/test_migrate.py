"""Schema migrations: a new database and an old one both reach the schema of the code."""

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, inspect, select, text

from veille.store import migrate
from veille.store.database import connect, sqlite_url
from veille.store.schema import items, metadata, sources


def test_a_new_database_is_created_exactly_as_the_schema_declares(engine):
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert migrate.is_current(engine)


def test_an_instance_made_before_migrations_is_upgraded_keeping_its_rows(tmp_path):
    engine = connect(sqlite_url(tmp_path / "old.db"))
    migrate.upgrade(engine, migrate.BASELINE)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))  # as create_all left them
        now = datetime(2026, 3, 1, tzinfo=UTC)
        conn.execute(insert(sources).values(
            id=1, name="DARES", url="https://exemple.test/rss", kind="feed", every=3600,
            tags=[], enabled=True, error_count=0, created_at=now))
        conn.execute(text(
            "INSERT INTO items (id, source_id, source, url, title, summary, content_html, "
            "content_text, published, fetched, kind, tags, content_hash, indexed) VALUES "
            "('a1', 1, 'DARES', '', 'Titre', '', '', '', '2026-03-01 00:00:00', "
            "'2026-03-01 00:00:00', 'news', '[]', 'h', 0)"
        ))
    assert not migrate.is_current(engine)
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    with engine.connect() as conn:
        row = conn.execute(select(items).where(items.c.id == "a1")).mappings().one()
        source = conn.execute(select(sources)).mappings().one()
    assert (row["title"], row["authors"], row["enclosures"]) == ("Titre", [], [])
    assert (source["options"], source["paused_at"]) == ({}, None)
    assert "item_sources" in inspect(engine).get_table_names()


def test_the_revision_an_instance_must_be_at_is_the_last_migration():
    assert ScriptDirectory(str(migrate.MIGRATIONS)).get_current_head() == migrate.HEAD


def test_a_database_one_revision_behind_is_not_current_until_upgraded(blank_url):
    """Every migration, from an empty database, on SQLite and on PostgreSQL."""
    engine = connect(blank_url)
    previous = ScriptDirectory(str(migrate.MIGRATIONS)).get_revision(migrate.HEAD).down_revision
    migrate.upgrade(engine, previous)
    assert not migrate.is_current(engine)
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    engine.dispose()
