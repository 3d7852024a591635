"""Schema migrations: a new database and an old one both reach the schema of the code."""

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, inspect, select, text

from veille.store import migrate
from veille.store.database import connect, sqlite_url
from veille.store.schema import items, metadata, sources


def test_a_new_database_is_created_exactly_as_the_schema_declares(tmp_path):
    engine = connect(sqlite_url(tmp_path / "new.db"))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert migrate.is_current(engine)


def old_item(conn, published: str, tags: str) -> None:
    """A source and its item "a1", inserted as the columns of the first revisions allow."""
    conn.execute(insert(sources).values(
        id=1, name="DARES", url="https://exemple.test/rss", kind="feed", every=3600,
        tags=[], enabled=True, error_count=0, created_at=datetime(2026, 3, 1, tzinfo=UTC)))
    conn.execute(text(
        "INSERT INTO items (id, source_id, source, url, title, summary, content_html, "
        "content_text, published, fetched, kind, tags, content_hash, indexed) VALUES "
        "('a1', 1, 'DARES', '', 'Titre', '', '', '', :published, :published, 'news', :tags, "
        "'h', 0)"), {"published": published, "tags": tags})


def test_an_instance_made_before_migrations_is_upgraded_keeping_its_rows(tmp_path):
    engine = connect(sqlite_url(tmp_path / "old.db"))
    migrate.upgrade(engine, migrate.BASELINE)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))  # as create_all left them
        old_item(conn, "2026-03-01 00:00:00", "[]")
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


def test_an_error_a_source_got_over_is_forgotten_when_the_kinds_of_errors_arrive(tmp_path):
    engine = connect(sqlite_url(tmp_path / "old.db"))
    migrate.upgrade(engine, "0018")
    failed, recovered = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC)
    with engine.begin() as conn:
        for number, (count, success) in enumerate([(0, recovered), (2, None)], start=1):
            conn.execute(text(
                "INSERT INTO sources (id, name, url, kind, every, tags, enabled, error_count, "
                "last_error, last_error_at, last_success_at, created_at, options) VALUES "
                "(:id, :name, :url, 'feed', 3600, '[]', 1, :count, 'HTTP 500', :failed, "
                ":success, :failed, '{}')"),
                {"id": number, "name": f"S{number}", "url": f"https://exemple.test/{number}",
                 "count": count, "failed": failed.isoformat(" ")[:19],
                 "success": success and success.isoformat(" ")[:19]})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(sources).order_by(sources.c.id)).mappings().all()
    assert [(row["last_error"], row["last_error_kind"]) for row in rows] == [
        (None, None), ("HTTP 500", None)]


def test_escos_labels_and_their_release_go_the_other_referentials_stay(tmp_path):
    engine = connect(sqlite_url(tmp_path / "esco.db"))
    migrate.upgrade(engine, "0020")
    with engine.begin() as conn:
        for name in ("rome", "esco"):
            conn.execute(text(
                "INSERT INTO referential_versions (name, version, source, imported_at, counts) "
                f"VALUES ('{name}', '1', 'dir', '2026-03-01 00:00:00', '{{}}')"))
        conn.execute(text("INSERT INTO esco_concepts (uri, kind, label, alt_labels) "
                          "VALUES ('http://data.europa.eu/esco/skill/1', 'skill', 'x', '[]')"))
    migrate.upgrade(engine)
    assert "esco_concepts" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM referential_versions")).scalars().all() == [
            "rome"]


def test_the_tags_the_team_gave_stored_items_are_counted_daily(tmp_path):
    engine = connect(sqlite_url(tmp_path / "team.db"))
    migrate.upgrade(engine, "0024")
    with engine.begin() as conn:
        old_item(conn, "2026-03-01 09:00:00", '["emploi"]')
        conn.execute(text(
            "INSERT INTO curation (item_id, starred, hidden, note, tags, updated_by, "
            "updated_at) VALUES ('a1', 0, 0, '', '[\"emploi\", \"salon2027\"]', 'doc', "
            "'2026-03-02 00:00:00')"))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT day, dimension, value, count FROM daily_counts"
                                 )).all()
    # the feed's own "emploi" was counted by 0024's time (here inserted by hand: not at all)
    assert [tuple(row) for row in rows] == [("2026-03-01", "team_tag", "salon2027", 1)]
    engine.dispose()
