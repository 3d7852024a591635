"""One article, one item: the same URL or the same text from two sources is linked, not copied."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from veille.collect.processing import fingerprint
from veille.models import Item, Source
from veille.store import items as item_store
from veille.store import sources as source_store

FETCHED = datetime(2026, 3, 20, 8, tzinfo=UTC)
TEXT = ("Les entreprises de la métallurgie mosellane recherchent des soudeurs qualifiés "
        "et des chaudronniers ; les centres de formation de Metz et de Thionville ouvrent "
        "des sessions accélérées au printemps, avec des stages dans les ateliers de la "
        "vallée de la Fensch et des aides à l'embauche pour les demandeurs d'emploi.")


@pytest.fixture
def two_sources(engine: Engine) -> tuple[int, int]:
    with engine.begin() as conn:
        first = source_store.add(conn, Source(name="Presse", url="https://presse.test/rss"))
        second = source_store.add(conn, Source(name="Agence", url="https://agence.test/rss"))
    return first.id, second.id


def article(item_id: str, source_id: int, url: str, **changes) -> Item:
    base = Item(
        id=item_id, title="Soudeurs recherchés en Moselle", url=url, source=f"source {source_id}",
        kind="news", published=datetime(2026, 3, 18, tzinfo=UTC), fetched=FETCHED,
        content_text=TEXT, content_html=f"<p>{TEXT}</p>", source_id=source_id,
        fingerprint=fingerprint("Soudeurs recherchés en Moselle", TEXT),
    )
    return replace(base, **changes)


def upsert(engine: Engine, *batch: Item):
    with engine.begin() as conn:
        return item_store.upsert(conn, batch)


def stored(engine: Engine, item_id: str) -> tuple[Item, list[int]]:
    with engine.connect() as conn:
        item = item_store.get(conn, item_id)
        return item, [link["source_id"] for link in item_store.sources_of(conn, item_id)]


def test_the_same_url_from_a_second_source_links_that_source_to_the_item(engine, two_sources):
    presse, agence = two_sources
    upsert(engine, article("a", presse, "https://exemple.test/a"))
    counts = upsert(engine, article("a", agence, "https://exemple.test/a", title="Autre titre"))
    item, sources = stored(engine, "a")
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 1)
    assert item.source_id == presse and item.title == "Soudeurs recherchés en Moselle"
    assert sources == [presse, agence]


def test_the_same_text_under_another_url_from_a_second_source_is_the_same_item(
    engine, two_sources
):
    presse, agence = two_sources
    upsert(engine, article("a", presse, "https://presse.test/soudeurs"))
    counts = upsert(engine, article("b", agence, "https://agence.test/depeche-42"))
    assert counts.new == 0 and counts.ids == ["a"]
    with engine.connect() as conn:
        assert item_store.count(conn) == 1
    assert stored(engine, "a")[1] == [presse, agence]


def test_within_one_source_the_same_text_under_two_urls_stays_two_items(engine, two_sources):
    presse, _ = two_sources
    counts = upsert(engine, article("a", presse, "https://presse.test/1"),
                    article("b", presse, "https://presse.test/2"))
    assert counts.new == 2


def test_items_without_a_source_are_never_merged_by_text(engine):
    counts = upsert(engine, article("a", None, "https://x.test/1"),
                    article("b", None, "https://x.test/2"))
    assert counts.new == 2


def test_the_original_source_still_updates_its_item(engine, two_sources):
    presse, agence = two_sources
    upsert(engine, article("a", presse, "https://exemple.test/a"))
    upsert(engine, article("a", agence, "https://exemple.test/a"))
    counts = upsert(engine, article("a", presse, "https://exemple.test/a", title="Mise à jour"))
    assert counts.updated == 1 and stored(engine, "a")[0].title == "Mise à jour"


def test_an_undated_item_keeps_the_date_it_was_first_seen(engine, two_sources):
    presse, _ = two_sources
    upsert(engine, article("a", presse, "https://exemple.test/a", published=None))
    later = FETCHED + timedelta(days=2)
    counts = upsert(engine, article("a", presse, "https://exemple.test/a", published=None,
                                    fetched=later))
    assert counts.unchanged == 1
    assert stored(engine, "a")[0].published == FETCHED
