"""What a search may see: items documentalists hid are left out unless asked for, the portal
sees what they published, under its sectors, an alert only the items it names; the Maison's
tags reach the index as the items' own."""

from datetime import UTC, datetime

import pytest

from veille.collect.pipeline import store_items
from veille.index.engine import SearchEngine
from veille.index.search import SearchQuery
from veille.models import Curation, Item
from veille.store import curation as curation_store


def item(item_id: str, title: str) -> Item:
    published = datetime(2026, 3, 2, 9, tzinfo=UTC)
    return Item(id=item_id, title=title, url=f"https://exemple.test/{item_id}",
                source="Observatoire", kind="news", published=published, fetched=published,
                content_text=f"{title}. Une formation ouvre à Metz.")


@pytest.fixture
def curated(instance, engine) -> SearchEngine:
    """Four items about training in Metz: one hidden, one published under a sector, one
    tagged by the Maison, one left as collected."""
    store_items(instance, [item("hidden", "Soudeurs"), item("published", "Caristes"),
                           item("tagged", "Cuisiniers"), item("plain", "Maçons")])
    with instance.engine.begin() as conn:
        for curation in (Curation("hidden", hidden=True),
                         Curation("published", published=True, sectors=("industrie",)),
                         Curation("tagged", tags=("apprentissage",))):
            curation_store.save(conn, curation, "doc@maison.test")
    engine.sync()
    return engine


def ids(engine: SearchEngine, **asked) -> set[str]:
    return {hit.id for hit in engine.search(SearchQuery(q="formation", **asked)).hits}


def test_hidden_items_are_left_out_unless_asked_for(curated):
    assert ids(curated) == {"published", "tagged", "plain"}
    assert ids(curated, with_hidden=True) == {"hidden", "published", "tagged", "plain"}


def test_the_portal_sees_the_published_items_only_under_their_sectors(curated):
    page = curated.search(SearchQuery(published_only=True))
    assert [hit.id for hit in page.hits] == ["published"]
    assert page.facets["sector"] == [("industrie", 1)]


def test_only_the_items_named_are_searched_when_ids_are_given(curated):
    assert ids(curated, ids=frozenset({"plain", "hidden", "absent"})) == {"plain"}


def test_the_maisons_tags_are_searched_and_counted_as_the_items_own(curated):
    assert ids(curated, filters={"tag": ("Apprentissage",)}) == {"tagged"}
    assert {hit.id for hit in curated.search(SearchQuery(q="tag:apprentissage")).hits} == {
        "tagged"}
