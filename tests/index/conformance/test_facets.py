"""Facets of many values: a search answers each facet's first `facet_limit` values (the most
frequent, equal counts by value; periods newest first), the selected ones always, and how
many values it has in all; `facet_values` finds the others by the start of their words."""

import pytest

from veille.index.engine import SearchEngine
from veille.index.search import SearchQuery

from .test_search import item, paris

# Tag "t00" on 1 item, "t01" on 2… "t29" on 30: 30 tags, each count its own.
TAGS = [f"t{number:02d}" for number in range(30)]


@pytest.fixture
def tagged(index) -> SearchEngine:
    items = [
        item(f"i{number:02d}", f"Formation {number}", "Une formation en atelier.",
             published=paris(2024 + number // 12, number % 12 + 1, 5),
             source=f"Source {number % 3}",
             tags=tuple(tag for rank, tag in enumerate(TAGS) if number >= 29 - rank)
             + (("soudure",) if number < 4 else ("aide soudeur",) if number < 6 else ()))
        for number in range(30)
    ]
    return index(*items)


def test_a_facet_answers_its_most_frequent_values_and_how_many_it_has(tagged):
    page = tagged.search(SearchQuery(facet_limit=3))
    assert page.facets["tag"] == [("t29", 30), ("t28", 29), ("t27", 28)]
    assert page.facet_totals["tag"] == 32
    assert page.facet_totals["source"] == len(page.facets["source"]) == 3


def test_the_default_limit_is_twenty_values(tagged):
    page = tagged.search(SearchQuery())
    assert len(page.facets["tag"]) == 20
    assert page.facets["tag"][-1] == ("t10", 11)


def test_equal_counts_come_in_the_order_of_their_values(index):
    engine = index(*(item(f"i{n}", "Formation", published=paris(2026, 3, 1),
                          tags=("zinc", "acier", "bois", "étain")) for n in range(2)))
    page = engine.search(SearchQuery(facet_limit=2))
    assert page.facets["tag"] == [("acier", 2), ("bois", 2)]
    assert page.facet_totals["tag"] == 4


def test_periods_give_their_latest_months(tagged):
    page = tagged.search(SearchQuery(facet_limit=3))
    assert page.facets["month"] == [("2026-06", 1), ("2026-05", 1), ("2026-04", 1)]
    assert page.facet_totals["month"] == 30


def test_selected_values_are_always_answered(tagged):
    query = SearchQuery(facet_limit=2, filters={"tag": ("T00", "absent")})
    page = tagged.search(query)
    assert page.facets["tag"] == [("t29", 30), ("t28", 29), ("t00", 1), ("absent", 0)]
    assert page.facet_totals["tag"] == 32  # a facet's own selection does not narrow it
    assert page.total == 1


def test_a_selected_value_no_result_has_is_answered_with_zero(tagged):
    page = tagged.search(SearchQuery(filters={"source": ("Source 0",), "tag": ("t00",)}))
    assert page.total == 0
    assert page.facets["source"] == [("Source 2", 1), ("Source 0", 0)]
    assert page.facet_totals["source"] == 1


def test_the_limit_leaves_the_results_and_the_other_facets_alone(tagged):
    few, many = (tagged.search(SearchQuery(facet_limit=limit)) for limit in (1, 200))
    assert (few.total, [hit.id for hit in few.hits]) == (many.total, [h.id for h in many.hits])
    assert len(many.facets["tag"]) == 32
    assert few.facets["tag"] == many.facets["tag"][:1]


@pytest.mark.parametrize("prefix, expected, total", [
    ("sou", [("soudure", 4), ("aide soudeur", 2)], 2),  # a word of the value starting so
    ("SOUD", [("soudure", 4), ("aide soudeur", 2)], 2),  # case aside
    ("oud", [], 0),  # a word's start only
    ("t2", [("t29", 30), ("t28", 29), ("t27", 28)], 10),
    ("", [("t29", 30), ("t28", 29), ("t27", 28)], 32),
])
def test_facet_values_finds_a_value_by_the_start_of_its_words(tagged, prefix, expected, total):
    found = tagged.facet_values(SearchQuery(facet_limit=3), "tag", prefix)
    assert (found.values, found.total) == (expected, total)


def test_facet_values_counts_among_what_the_search_finds_its_own_selection_aside(tagged):
    query = SearchQuery(filters={"source": ("Source 0",), "tag": ("t29",)})
    found = tagged.facet_values(query, "tag", "sou")
    assert (found.values, found.total) == ([("soudure", 2)], 1)
    sources = tagged.facet_values(query, "source", "source")
    assert sources.values == [("Source 0", 10), ("Source 1", 10), ("Source 2", 10)]


def test_facet_values_ignores_accents(index):
    engine = index(item("e", "Formation", published=paris(2026, 3, 1), tags=("épinal",)))
    assert engine.facet_values(SearchQuery(), "tag", "epi").values == [("épinal", 1)]
