"""What trends count: the French days of publication of the items a search finds, and by
window of days the values of facets among them."""

from datetime import UTC, date, datetime

import pytest

from veille.index.engine import SearchEngine
from veille.index.search import SearchQuery
from veille.models import Item


def item(item_id: str, published: datetime, kind: str = "news") -> Item:
    return Item(id=item_id, title=f"Formation {item_id}", url=f"https://exemple.test/{item_id}",
                source="Observatoire", kind=kind, published=published,
                fetched=datetime(2026, 5, 1, tzinfo=UTC), content_text="Une formation.")


@pytest.fixture
def dated(index) -> SearchEngine:
    return index(
        item("march", datetime(2026, 3, 2, 9, tzinfo=UTC)),
        # 23:30 in UTC is already the next day in France.
        item("late", datetime(2026, 3, 31, 23, 30, tzinfo=UTC)),
        item("april", datetime(2026, 4, 10, 9, tzinfo=UTC), kind="resource"),
    )


def test_the_days_are_the_french_days_of_the_items_found(dated):
    days = dated.matching_days(SearchQuery(q="formation"))
    assert sorted(date.fromordinal(int(day)) for day in days) == [
        date(2026, 3, 2), date(2026, 4, 1), date(2026, 4, 10)]


def test_the_days_are_those_of_the_items_the_filters_keep(dated):
    days = dated.matching_days(SearchQuery(filters={"kind": ("news",)},
                                           date_from=date(2026, 3, 15)))
    assert [date.fromordinal(int(day)) for day in days] == [date(2026, 4, 1)]


def test_facets_are_counted_within_each_window_of_days(dated):
    windows = [(date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 4, 30))]
    counted = dated.counts_within(SearchQuery(q="formation"), ["kind", "source"], windows)
    assert counted["kind"] == [{"news": 1}, {"news": 1, "resource": 1}]
    assert counted["source"] == [{"Observatoire": 1}, {"Observatoire": 2}]


def test_a_facets_own_selection_is_set_aside_when_it_is_counted(dated):
    windows = [(date(2026, 4, 1), date(2026, 4, 30))]
    counted = dated.counts_within(SearchQuery(filters={"kind": ("news",)}), ["kind"], windows)
    assert counted["kind"] == [{"news": 1, "resource": 1}]
