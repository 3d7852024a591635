"""Writing the index from the store: `sync` indexes what the store holds and the index lacks
and forgets what it deleted, `rebuild` starts afresh, `status` tells."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from veille.collect.pipeline import store_items
from veille.index.engine import IndexStatus, SearchEngine
from veille.index.search import SearchQuery
from veille.instance import Instance
from veille.models import Item
from veille.store import items as item_store
from veille.store.schema import items


def item(item_id: str, title: str, day: int = 1) -> Item:
    published = datetime(2026, 3, day, 9, tzinfo=UTC)
    return Item(
        id=item_id,
        title=title,
        url=f"https://exemple.test/{item_id}",
        source="Observatoire",
        kind="news",
        published=published,
        fetched=published,
        content_text=f"{title}. Texte de l'article.",
    )


ITEMS = [item("a", "Soudeurs recherchés", 1), item("b", "Formation de cuisinier", 2),
         item("c", "Diagnostic de compétences", 3)]


def indexed_ids(engine: SearchEngine, q: str = "") -> list[str]:
    return sorted(hit.id for hit in engine.search(SearchQuery(q=q, limit=100)).hits)


def pending_ids(instance: Instance) -> list[str]:
    with instance.engine.connect() as conn:
        return [found.id for found, _ in item_store.pending(conn, 100)]


def test_sync_indexes_the_pending_items_and_marks_them_indexed(instance, engine):
    store_items(instance, ITEMS)
    assert pending_ids(instance) == ["a", "b", "c"]
    assert engine.sync() == 3
    assert pending_ids(instance) == []
    assert indexed_ids(engine) == ["a", "b", "c"]


def test_a_second_sync_has_nothing_to_do(instance, engine):
    store_items(instance, ITEMS)
    engine.sync()
    assert engine.sync() == 0


def test_sync_reports_progress_for_what_it_indexed(instance, engine):
    store_items(instance, ITEMS)
    calls: list[int] = []
    engine.sync(progress=calls.append)
    assert sum(calls) == 3


def test_an_item_updated_after_indexing_is_pending_again_and_resynced(instance, engine):
    store_items(instance, ITEMS)
    engine.sync()
    counts = store_items(instance, [item("a", "Chaudronniers recherchés", 1)])
    assert counts.updated == 1
    assert pending_ids(instance) == ["a"]
    assert engine.sync() == 1
    assert indexed_ids(engine, "chaudronnier") == ["a"]
    assert indexed_ids(engine, "soudeur") == []
    assert indexed_ids(engine) == ["a", "b", "c"]


def test_a_search_before_an_update_then_finds_the_new_version_only(instance, engine):
    """A searcher kept from before the update (Whoosh: the old version's segment, with a
    deletion more) must not find the old version."""
    store_items(instance, ITEMS)
    engine.sync()
    assert indexed_ids(engine, "soudeur") == ["a"]
    store_items(instance, [item("a", "Chaudronniers recherchés", 1)])
    engine.sync()
    assert indexed_ids(engine, "soudeur") == []
    assert indexed_ids(engine) == ["a", "b", "c"]


def test_an_unchanged_item_stored_again_stays_indexed(instance, engine):
    store_items(instance, ITEMS)
    engine.sync()
    store_items(instance, ITEMS)
    assert pending_ids(instance) == []


def test_an_item_deleted_from_the_store_leaves_the_index_at_the_next_sync(instance, engine):
    store_items(instance, ITEMS)
    engine.sync()
    with instance.engine.begin() as conn:
        item_store.delete(conn, ["b", "b"])
    assert indexed_ids(engine) == ["a", "b", "c"]  # no sync yet: as after a crash
    engine.sync()
    assert indexed_ids(engine) == ["a", "c"]
    with instance.engine.connect() as conn:
        assert item_store.removals(conn, 10) == []


def test_an_item_deleted_then_stored_again_is_indexed_again(instance, engine):
    store_items(instance, ITEMS)
    engine.sync()
    with instance.engine.begin() as conn:
        item_store.delete(conn, ["c"])
    store_items(instance, [ITEMS[2]])
    engine.sync()
    assert indexed_ids(engine, "compétences") == ["c"]


def test_rebuild_indexes_every_item_and_marks_it_indexed(instance, engine):
    store_items(instance, ITEMS)
    with instance.engine.begin() as conn:
        conn.execute(update(items).values(indexed=False))
    calls: list[int] = []
    assert engine.rebuild(progress=calls.append) == 3
    assert sum(calls) == 3
    assert pending_ids(instance) == []
    assert indexed_ids(engine, "cuisinier") == ["b"]


def test_a_new_index_is_available_and_empty(engine):
    assert engine.status() == IndexStatus("available", 0, rebuilding=False)
    assert engine.search(SearchQuery()).total == 0


@pytest.mark.parametrize("deleted", [[], ["b"]])
def test_the_status_counts_the_items_indexed(instance, engine, deleted):
    store_items(instance, ITEMS)
    engine.sync()
    with instance.engine.begin() as conn:
        item_store.delete(conn, deleted)
    engine.sync()
    assert engine.status() == IndexStatus("available", 3 - len(deleted), rebuilding=False)


def test_warming_changes_no_answer(instance, index):
    engine = index(*ITEMS)
    before = engine.search(SearchQuery(q="soudeurs"))
    engine.warm()
    assert engine.search(SearchQuery(q="soudeurs")) == before

