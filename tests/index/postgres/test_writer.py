"""The PostgreSQL engine's writer: rows copied a batch at a time, the stored vocabulary
(`search_terms`) counted from the rows as they are written, the items counted as they come
and go, whatever the batches. What searches answer is the conformance suite's."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from tests.index.conformance.test_search import item, paris
from veille.collect.pipeline import store_items
from veille.index.postgres import writer
from veille.index.postgres.engine import PostgresEngine
from veille.instance import Instance
from veille.store import items as item_store


@pytest.fixture
def engine(instance: Instance, postgres, monkeypatch) -> Iterator[PostgresEngine]:
    """The engine on a database of its own, writing two items a batch."""
    monkeypatch.setattr(writer, "BATCH", 2)
    database = create_engine(postgres.database(), poolclass=NullPool)
    engine = PostgresEngine(instance.engine, database, instance.settings.index.lock_timeout)
    engine.create()
    yield engine
    database.dispose()


def vocabulary(database: Engine) -> dict[tuple[str, str], int]:
    with database.connect() as conn:
        return {(field, term): count for field, term, count in conn.execute(text(
            "SELECT field, term, found_in FROM search_terms WHERE found_in > 0"))}


def recounted(database: Engine) -> dict[tuple[str, str], int]:
    """The vocabulary as the rows' vectors hold it, counted by PostgreSQL."""
    with database.connect() as conn:
        return {(field, term): count for field, term, count in conn.execute(text(
            "SELECT 'w', term, count(*) FROM search_items, unnest(tsvector_to_array(words)) "
            "AS term GROUP BY term UNION ALL "
            "SELECT 'e', term, count(*) FROM search_items, unnest(tsvector_to_array(exact)) "
            "AS term GROUP BY term"))}


def test_the_vocabulary_counts_the_items_holding_each_term_through_changes_and_removals(
        engine: PostgresEngine, instance: Instance):
    day = paris(2026, 3, 2)
    store_items(instance, [
        item("a", "Soudeurs recherchés", "L'atelier d'O'Neil cherche un soudeur.", published=day),
        item("b", "Le soudeur", "Un soudeur, deux soudeurs à l'atelier.", published=day),
        item("c", "Cuisiniers", "La cuisine d'aujourd'hui.", published=day),
    ])
    engine.sync()
    held = vocabulary(engine.db)
    assert held == recounted(engine.db)
    assert (held[("w", "soudeur")], held[("e", "o'neil")], held[("e", "aujourd'hui")]) == (2, 1, 1)

    store_items(instance, [item("a", "Cuisiniers recherchés", "Un cuisinier.", published=day)])
    with instance.engine.begin() as conn:
        item_store.delete(conn, ["c"])
    engine.sync()
    held = vocabulary(engine.db)
    assert held == recounted(engine.db)
    assert (held[("w", "soudeur")], held[("w", "cuisini")]) == (1, 1)
    assert ("e", "o'neil") not in held
    assert engine.status().items == 2

    engine.rebuild()
    assert vocabulary(engine.db) == held
    assert engine.status().items == 2


def test_a_sync_leaves_no_entries_queued_in_the_gin_indexes(engine: PostgresEngine,
                                                            instance: Instance):
    """Searches read a GIN index's queue (its pending list) entry by entry: the writer
    merges it into the index as a sync ends."""
    store_items(instance, [item(f"i{number}", f"Soudeur {number}", "Un atelier de soudure.",
                                published=paris(2026, 3, 2)) for number in range(5)])
    engine.sync()
    with engine.db.connect() as conn:
        merged = conn.execute(text(
            "SELECT gin_clean_pending_list(CAST(name AS regclass)) FROM unnest(CAST(:names AS "
            "text[])) AS name"), {"names": ["ix_search_items_words", "ix_search_items_exact",
                                           "ix_search_items_tags"]}).scalars().all()
    assert merged == [0, 0, 0]


def test_rows_keep_every_character_copy_escapes(engine: PostgresEngine, instance: Instance):
    odd = 'a\tb\nc\\d \\N "e" {f,g} NULL \u00e9\u2019'
    store_items(instance, [item("odd", odd, odd, published=paris(2026, 3, 2),
                                tags=(odd, "NULL", "", "x,y", '"q"'))])
    engine.sync()
    with engine.db.connect() as conn:
        title, content, tags = conn.execute(text(
            "SELECT title, content, tags FROM search_items WHERE id = 'odd'")).one()
    assert (title, content, tags) == (odd, odd, [odd, "NULL", "", "x,y", '"q"'])
