"""The items repository: upserts by id, content hashes and the index bookkeeping."""

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.exc import StatementError

from veille.errors import NotFound
from veille.models import Item
from veille.store import items as item_store
from veille.store import migrate
from veille.store.database import connect, sqlite_url

PARIS = ZoneInfo("Europe/Paris")
FETCHED = datetime(2026, 3, 20, 8, tzinfo=UTC)


def item(item_id: str = "a", title: str = "Soudeurs recherchés", **changes) -> Item:
    base = Item(
        id=item_id,
        title=title,
        url=f"https://exemple.test/{item_id}",
        source="Observatoire",
        kind="news",
        published=datetime(2026, 3, 18, 14, tzinfo=PARIS),
        fetched=FETCHED,
        summary="Le métier de soudeur reste en tension.",
        content_html="<p>Le métier de soudeur reste en tension.</p>",
        content_text="Le métier de soudeur reste en tension.",
        tags=("industrie", "moselle"),
    )
    return replace(base, **changes)


def upsert(engine: Engine, *items: Item):
    with engine.begin() as conn:
        return item_store.upsert(conn, items)


def pending(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [(found.id, digest) for found, digest in item_store.pending(conn, 100)]


def mark_indexed(engine: Engine, *versions: tuple[str, str]) -> None:
    with engine.begin() as conn:
        item_store.mark_indexed(conn, versions)


def test_upsert_counts_new_items(engine):
    counts = upsert(engine, item("a"), item("b"))
    assert (counts.new, counts.updated, counts.unchanged, counts.ids) == (2, 0, 0, ["a", "b"])


def test_upsert_counts_updated_and_unchanged_items(engine):
    upsert(engine, item("a"), item("b"))
    counts = upsert(engine, item("a", title="Chaudronniers recherchés"), item("b"), item("c"))
    assert (counts.new, counts.updated, counts.unchanged) == (1, 1, 1)
    assert sorted(counts.ids) == ["a", "b", "c"]


def test_upsert_stores_the_new_version_of_an_updated_item(engine):
    upsert(engine, item("a"))
    upsert(engine, item("a", title="Chaudronniers recherchés", tags=("industrie",)))
    with engine.connect() as conn:
        stored = item_store.get(conn, "a")
    assert (stored.title, stored.tags) == ("Chaudronniers recherchés", ("industrie",))


def test_an_item_seen_twice_in_one_batch_is_stored_once(engine):
    counts = upsert(engine, item("a"), item("a", title="Dernière version"))
    assert (counts.new, counts.ids) == (1, ["a"])
    with engine.connect() as conn:
        assert item_store.get(conn, "a").title == "Dernière version"
        assert item_store.count(conn) == 1


def test_refetching_an_unchanged_item_leaves_it_unchanged(engine):
    upsert(engine, item("a"))
    counts = upsert(engine, item("a", fetched=datetime(2026, 4, 1, tzinfo=UTC)))
    assert (counts.updated, counts.unchanged) == (0, 1)


def test_content_hash_ignores_the_fetch_time():
    later = item(fetched=datetime(2027, 1, 1, tzinfo=UTC))
    assert item_store.content_hash(item()) == item_store.content_hash(later)


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Autre titre"},
        {"url": "https://exemple.test/autre"},
        {"source": "Autre source"},
        {"kind": "resource"},
        {"published": datetime(2026, 3, 19, tzinfo=UTC)},
        {"summary": "Autre résumé"},
        {"content_html": "<p>Autre</p>"},
        {"content_text": "Autre"},
        {"tags": ("industrie",)},
        {"tags": ("moselle", "industrie")},
        {"source_id": 7},
    ],
)
def test_content_hash_changes_with_every_other_field(change):
    assert item_store.content_hash(item()) != item_store.content_hash(item(**change))


def test_content_hash_is_the_same_for_the_same_instant_in_any_zone():
    """The store keeps UTC: a date given in Paris time is the same item once stored."""
    in_utc = item(published=item().published.astimezone(UTC))
    assert item_store.content_hash(item()) == item_store.content_hash(in_utc)


def test_an_item_read_back_and_stored_again_is_unchanged(engine):
    upsert(engine, item("a"))
    with engine.connect() as conn:
        stored = item_store.get(conn, "a")
    assert upsert(engine, stored).unchanged == 1


def test_new_items_are_pending_with_their_content_hash(engine):
    upsert(engine, item("b"), item("a"))
    assert pending(engine) == [
        ("a", item_store.content_hash(item("a"))),
        ("b", item_store.content_hash(item("b"))),
    ]


def test_pending_returns_at_most_the_limit(engine):
    upsert(engine, *[item(f"i{n}") for n in range(5)])
    with engine.connect() as conn:
        assert len(item_store.pending(conn, 2)) == 2


def test_mark_indexed_marks_only_the_given_items(engine):
    upsert(engine, item("a"), item("b"))
    mark_indexed(engine, ("a", item_store.content_hash(item("a"))))
    assert [found for found, _ in pending(engine)] == ["b"]


def test_mark_indexed_leaves_a_newer_version_pending(engine):
    upsert(engine, item("a"))
    (old_version,) = pending(engine)
    upsert(engine, item("a", title="Version corrigée"))
    mark_indexed(engine, old_version)
    assert pending(engine) == [("a", item_store.content_hash(item("a", title="Version corrigée")))]


def test_an_indexed_item_updated_in_the_store_is_pending_again(engine):
    upsert(engine, item("a"))
    mark_indexed(engine, *pending(engine))
    assert pending(engine) == []
    upsert(engine, item("a", title="Version corrigée"))
    assert [found for found, _ in pending(engine)] == ["a"]


def test_mark_indexed_takes_as_many_versions_as_a_rebuild_of_a_large_store_has(engine):
    """A rebuild marks every item at once: 20,000 versions in one statement went past
    PostgreSQL's stack depth."""
    upsert(engine, item("a"), item("b"))
    unknown = [(f"absent-{n}", "0" * 64) for n in range(20_000)]
    mark_indexed(engine, *unknown, ("a", item_store.content_hash(item("a"))))
    assert [found for found, _ in pending(engine)] == ["b"]


def test_mark_indexed_with_nothing_does_nothing(engine):
    upsert(engine, item("a"))
    mark_indexed(engine)
    assert len(pending(engine)) == 1


def test_an_item_round_trips_with_aware_utc_dates(engine):
    upsert(engine, item("a"))
    with engine.connect() as conn:
        stored = item_store.get(conn, "a")
    assert stored == item("a")
    assert stored.published.tzinfo == UTC
    assert stored.published == datetime(2026, 3, 18, 13, tzinfo=UTC)
    assert stored.fetched.tzinfo == UTC


def test_microseconds_survive_the_round_trip(engine):
    precise = datetime(2026, 3, 18, 13, 0, 0, 123456, tzinfo=UTC)
    upsert(engine, item("a", published=precise))
    with engine.connect() as conn:
        assert item_store.get(conn, "a").published == precise


@pytest.mark.parametrize("field", ["published", "fetched"])
def test_a_naive_datetime_is_refused(engine, field):
    naive = item("a", **{field: datetime(2026, 3, 18, 14)})
    with pytest.raises(StatementError, match="naive datetime"):
        upsert(engine, naive)


def test_get_an_unknown_item_raises_not_found(engine):
    with engine.connect() as conn, pytest.raises(NotFound, match="no item with id nope"):
        item_store.get(conn, "nope")


def test_count_and_all_ids(engine):
    upsert(engine, item("a"), item("b"))
    with engine.connect() as conn:
        assert (item_store.count(conn), item_store.all_ids(conn)) == (2, {"a", "b"})


def test_iter_all_yields_every_item_with_its_hash_in_id_order_across_pages(engine):
    upsert(engine, *[item(f"i{n}") for n in (4, 0, 3, 1, 2)])
    with engine.connect() as conn:
        seen = [(found.id, digest) for found, digest in item_store.iter_all(conn, batch_size=2)]
    assert seen == [(f"i{n}", item_store.content_hash(item(f"i{n}"))) for n in range(5)]


def test_the_index_bookkeeping_reads_the_rows_it_needs_only(tmp_path):
    """Marking versions indexed and reading the pending ones cost the same whatever the store
    holds: on SQLite their statements search indexes, never scan the table nor sort it."""
    engine = connect(sqlite_url(tmp_path / "store.db"))
    migrate.upgrade(engine)
    upsert(engine, *(item(f"i{number}") for number in range(30)))
    sent: list[tuple[str, tuple]] = []

    def note(conn, cursor, statement, parameters, context, many) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    with engine.begin() as conn:
        item_store.pending(conn, 10, after="i1")
        item_store.mark_indexed(conn, [("i2", item_store.content_hash(item("i2")))])
    event.remove(engine, "before_cursor_execute", note)
    with engine.connect() as conn:
        plans = [" ".join(row[-1] for row in
                          conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))
                 for statement, parameters in sent]
    engine.dispose()
    assert len(plans) == 2
    for plan in plans:
        assert "SEARCH items USING" in plan and "SCAN items" not in plan, plan
        assert "TEMP B-TREE" not in plan, plan
