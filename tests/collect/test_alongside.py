"""An import indexes alongside: a child process indexes what is stored while the rest comes."""

from veille.collect import pipeline
from veille.collect.alongside import indexing_alongside
from veille.collect.processing import Origin, normalise
from veille.errors import ParseError
from veille.index.search import SearchQuery
from veille.models import Entry
from veille.store import items as item_store
from veille.store.schema import utcnow


def numbered(count: int) -> list[tuple[int, Entry | ParseError]]:
    return [
        (number, Entry(title=f"Offre {number} : soudeur", content=f"Poste numéro {number}.",
                       id=f"offre-{number}", url=f"https://exemple.test/offres/{number}"))
        for number in range(count)
    ]


def test_an_import_indexes_every_item_with_a_child_indexing_alongside(instance, monkeypatch):
    monkeypatch.setattr(pipeline, "INDEX_EVERY", 20)  # a child sync every 4 batches of 5
    origin = Origin(source="import", fetched=utcnow(), namespace="import")
    report = pipeline.import_entries(instance, numbered(120), origin, batch_size=5)
    assert report.counts.new == 120
    with instance.engine.connect() as conn:
        assert item_store.pending(conn, 10) == []
    page = instance.index.search(SearchQuery(q="soudeur", limit=1))
    assert page.total == 120


def test_the_child_indexes_what_was_stored_before_the_nudge(instance):
    """Nothing else indexes here: the store has nothing pending when the child is done."""
    origin = Origin(source="import", fetched=utcnow(), namespace="import")
    pending_at_the_end = []

    def last_sync() -> int:
        with instance.engine.connect() as conn:
            pending_at_the_end.append(len(item_store.pending(conn, 100)))
        return 0

    with indexing_alongside(instance.settings, last_sync) as nudge:
        pipeline.store_items(instance, [normalise(e, origin) for _, e in numbered(30)])
        nudge()
    assert pending_at_the_end == [0]
    assert instance.index.search(SearchQuery(q="soudeur")).total == 30


def test_an_import_stores_a_thousand_items_a_transaction(instance):
    """Each commit writes every page its items touched, the story buckets' among them (a
    cost growing with the table): an import commits a thousand items at a time."""
    origin = Origin(source="import", fetched=utcnow(), namespace="import")
    stored: list[int] = []
    pipeline.import_entries(instance, numbered(2_500), origin, on_batch=stored.append)
    assert stored == [1_000, 1_000, 500]
