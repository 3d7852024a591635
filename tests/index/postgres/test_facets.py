"""The PostgreSQL engine bounds facets in the database: of a facet's values, the statement
answers its first `facet_limit` in the facet's order and the selected ones, with how many
values there are in all, not every value for Python to bound (a million items carry tens
of thousands of tags). What a search answers is the conformance suite's
(tests/index/conformance/test_facets.py)."""

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from tests.index.conformance.test_facets import TAGS
from tests.index.conformance.test_search import item, paris
from veille.collect.pipeline import store_items
from veille.index.facets import facet_named
from veille.index.postgres import search
from veille.index.postgres.engine import PostgresEngine
from veille.index.search import SearchQuery
from veille.instance import Instance


@pytest.fixture
def tables(instance: Instance, postgres) -> Iterator:
    """The engine's database, its tables holding 30 items tagged "t00" (once) to "t29"
    (30 times), in 30 months."""
    database = create_engine(postgres.database(), poolclass=NullPool)
    engine = PostgresEngine(instance.engine, database, instance.settings.index.lock_timeout)
    engine.create()
    store_items(instance, [
        item(f"i{number:02d}", f"Formation {number}", published=paris(2024 + number // 12,
                                                                      number % 12 + 1, 5),
             tags=tuple(tag for rank, tag in enumerate(TAGS) if number >= 29 - rank))
        for number in range(30)])
    engine.sync()
    yield database
    database.dispose()


def counted(database, facet: str, bound: search.Bound) -> tuple[list[tuple[str, int]], int]:
    request = SearchQuery(filters=bound.selected)
    with database.connect() as conn:
        found = search.facet_counts(conn, search.select_for(conn, request), [facet_named(facet)],
                                    [None], bound)
    return sorted(found.facets[facet][0]), found.totals[facet][0]


def test_the_database_answers_a_facets_first_values_and_how_many_it_has(tables):
    assert counted(tables, "tag", search.Bound(3, {})) == (
        [("t27", 28), ("t28", 29), ("t29", 30)], 30)


def test_the_selected_values_come_beside_the_first_ones(tables):
    pairs, total = counted(tables, "tag", search.Bound(2, {"tag": ("T00", "absent")}))
    assert (pairs, total) == ([("t00", 1), ("t28", 29), ("t29", 30)], 30)


def test_periods_come_newest_first(tables):
    assert counted(tables, "month", search.Bound(2, {})) == (
        [("2026-05", 1), ("2026-06", 1)], 30)
