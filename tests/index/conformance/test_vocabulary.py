"""Searching with the referentials the store holds (a vocabulary): a job named finds its
other appellations (synonyms), a place named finds the items tagged with it or within it."""

import pytest

from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.index.engine import SearchEngine
from veille.index.search import SearchQuery
from veille.models import Entry
from veille.store.schema import utcnow
from veille.tags.vocabulary import StoreVocabulary

TEXTS = {
    "soudeurs-metz": "Metz : les soudeurs très recherchés. À Metz, une formation ouvre.",
    "braseuses-thionville": "Thionville : un atelier recrute des braseurs et des braseuses.",
    "aides-soignants-reims": "Reims : le centre hospitalier cherche des aides-soignants.",
}


@pytest.fixture
def tagged(tagging_instance, make_engine) -> tuple[SearchEngine, StoreVocabulary]:
    """The texts tagged with their jobs and places as they are stored, then indexed."""
    origin = Origin("Observatoire", utcnow())
    store_items(tagging_instance, [normalise(Entry(id=key, title=text.split(" : ")[0],
                                                   content=text), origin)
                                   for key, text in TEXTS.items()])
    engine = make_engine(tagging_instance)
    engine.create()
    engine.sync()
    return engine, StoreVocabulary(tagging_instance.engine)


def ids(engine: SearchEngine, q: str, **asked) -> set[str]:
    return {hit.id for hit in engine.search(SearchQuery(q=q, **asked)).hits}


def test_a_job_named_finds_its_other_appellations(tagged):
    engine, vocabulary = tagged
    page = engine.search(SearchQuery(q="soudeur", vocabulary=vocabulary))
    assert {hit.id for hit in page.hits} == {"soudeurs-metz", "braseuses-thionville"}
    assert page.synonyms == ("H2913",)
    assert ids(engine, "soudeur thionville", vocabulary=vocabulary) == {"braseuses-thionville"}
    assert ids(engine, "soudeur", vocabulary=vocabulary, synonyms=False) == {"soudeurs-metz"}
    assert ids(engine, "soudeur") == {"soudeurs-metz"}  # without a vocabulary, the words


@pytest.mark.parametrize("q", ["lieu:Moselle", "lieu:57", "lieu:departement:57", "rome:H2913",
                               "métier:soudeur", "domaine:H29", "domaine:H"])
def test_jobs_and_places_find_the_items_tagged_with_them(tagged, q):
    engine, vocabulary = tagged
    assert ids(engine, q, vocabulary=vocabulary) == {"soudeurs-metz", "braseuses-thionville"}


def test_the_tags_are_counted_as_facets(tagged):
    engine, _ = tagged
    facets = engine.search(SearchQuery()).facets
    assert ("H2913", 2) in facets["rome"] and ("departement:57", 2) in facets["lieu"]


@pytest.mark.parametrize(("q", "why"), [("lieu:Atlantide", "place"), ("rome:Z9999", "job"),
                                        ("métier:astronaute", "job"), ("depuis:abc", "date")])
def test_a_filter_naming_nothing_is_reported_and_searched_as_words(tagged, q, why):
    engine, vocabulary = tagged
    page = engine.search(SearchQuery(q=f"{q} Metz", vocabulary=vocabulary))
    assert [(unread.said, unread.why) for unread in page.unread] == [(q, why)]
    assert page.total == 0  # its value is a word no text holds, beside Metz


@pytest.mark.parametrize("q", ["lieu:Moselle", "rome:H2913", "depuis:2026-01-01",
                               "-lieu:Atlantide"])
def test_filters_that_name_something_or_exclude_are_not_reported(tagged, q):
    engine, vocabulary = tagged
    assert engine.search(SearchQuery(q=q, vocabulary=vocabulary)).unread == ()
