"""The figures repository: labour-market figures as dated points, and the sightings of an API
source's items."""

from datetime import UTC, date, datetime

from veille.models import Figure, Item, Source
from veille.store import figures
from veille.store import items as item_store
from veille.store import sources as source_store

DAY = datetime(2026, 12, 7, tzinfo=UTC)


def point(day: int, value: float, indicator: str = "offres", place: str = "departement:57"):
    return Figure(indicator, "H2913", place, date(2026, 12, day), value)


def test_a_point_collected_again_replaces_its_value(engine):
    with engine.begin() as conn:
        figures.record(conn, None, [point(1, 10), point(2, 12), point(1, 11)])
        figures.record(conn, None, [point(2, 14), point(2, 9, place="commune:57463")])
    with engine.connect() as conn:
        assert figures.series(conn, "H2913", "departement:57", "offres") == [
            point(1, 11), point(2, 14)]
        assert figures.series(conn, "H2913", "commune:57463") == [
            point(2, 9, place="commune:57463")]
        assert figures.series(conn, "M1805", "departement:57") == []


def test_the_series_of_every_indicator_comes_by_indicator_then_date(engine):
    with engine.begin() as conn:
        figures.record(conn, None, [point(2, 5, "OFF_1"), point(1, 3, "DE_1/A"),
                                    point(1, 4, "OFF_1")])
    with engine.connect() as conn:
        assert [(f.indicator, f.date.day) for f in figures.series(
            conn, "H2913", "departement:57")] == [("DE_1/A", 1), ("OFF_1", 1), ("OFF_1", 2)]


def test_items_unseen_since_a_moment_are_found_and_go_with_their_item(engine):
    with engine.begin() as conn:
        source = source_store.add(conn, Source("Offres", "https://exemple.test/offres"))
        item_store.upsert(conn, [Item(id, "Soudeur", "", "Offres", "news", DAY, DAY,
                                      source_id=source.id) for id in ("a", "b")])
        figures.seen(conn, source.id, ["a", "b"], DAY.replace(day=1))
        figures.seen(conn, source.id, ["b"], DAY)
    with engine.begin() as conn:
        assert figures.unseen_since(conn, source.id, DAY.replace(day=5)) == ["a"]
        item_store.delete(conn, ["a"])
        assert figures.unseen_since(conn, source.id, DAY.replace(day=8)) == ["b"]
