"""Index life: searchers follow commits and rebuilds; a broken index is said, then repaired."""

import shutil

import pytest

from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.errors import IndexUnavailable
from veille.index.search import SearchQuery
from veille.index.whoosh import columns, postings, readers, spelling
from veille.models import Entry
from veille.store.schema import utcnow


def add(instance, title: str) -> None:
    origin = Origin("Observatoire", utcnow())
    store_items(instance, [normalise(Entry(title=title, content=f"{title} en Moselle."), origin)])
    instance.sync_index()


def total(instance, q: str = "") -> int:
    return instance.index.search(SearchQuery(q=q)).total


def test_a_kept_searcher_sees_what_a_writer_committed_since(instance):
    add(instance, "Soudeurs recherchés")
    assert total(instance, "soudeur") == 1
    add(instance, "Soudeurs qualifiés")
    assert total(instance, "soudeur") == 2


def test_a_kept_searcher_follows_a_rebuilt_index(instance):
    add(instance, "Soudeurs recherchés")
    assert total(instance) == 1
    instance.index.rebuild()
    add(instance, "Caristes recherchés")
    assert total(instance) == 2


@pytest.mark.parametrize("damage", ["missing", "emptied", "garbled"])
def test_a_broken_index_is_unavailable_then_rebuilt_by_the_next_sync(instance, damage):
    add(instance, "Soudeurs recherchés")
    readers.forget(instance.index_dir)
    if damage == "missing":
        shutil.rmtree(instance.index_dir)
    else:
        for file in instance.index_dir.iterdir():
            file.write_bytes(b"" if damage == "emptied" else b"\x00garbage" * 50)
    with pytest.raises(IndexUnavailable, match="index"):
        total(instance)
    instance.sync_index()
    assert total(instance, "soudeur") == 1


def test_warming_builds_the_caches_of_the_current_version_before_any_search(instance):
    add(instance, "Soudeurs recherchés")
    add(instance, "Soudeurs qualifiés")  # a second segment, committed after
    instance.index.warm()
    version = readers.version(instance.index_dir, readers.current_searcher(instance.index_dir))
    assert version in columns._cache
    assert version in postings._cache
    assert version in spelling._cache


def test_warming_a_missing_index_leaves_it_to_the_searches(instance):
    shutil.rmtree(instance.index_dir)
    instance.index.warm()
    with pytest.raises(IndexUnavailable):
        total(instance)
