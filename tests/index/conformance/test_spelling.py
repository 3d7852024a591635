"""Did you mean: unknown words replaced by the nearest frequent word of the index."""

import pytest

from veille.collect.processing import Origin, normalise
from veille.index.engine import SearchEngine
from veille.index.search import SearchQuery
from veille.models import Entry
from veille.store.schema import utcnow

TEXTS = [
    "Les soudeurs qualifiés sont recherchés en Moselle.",
    "Une formation de soudeur ouvre à Thionville pour les compétences industrielles.",
    "Les compétences numériques des salariés de Moselle progressent.",
    "Apprentissage : les compétences des apprentis reconnues en Moselle.",
    "Le soudeur naval, un métier en tension.",
]


@pytest.fixture
def indexed(index) -> SearchEngine:
    origin = Origin("Observatoire", utcnow())
    return index(*[normalise(Entry(title=f"Texte {n}", content=text), origin)
                   for n, text in enumerate(TEXTS)])


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("soudeurss moselle", "soudeur moselle"),  # "soudeurs" is in one text only
        ("competances", "competences"),
        ("compétances en mosele", "competences en moselle"),
        ("soudeur moselle", None),  # every word is known
        ("xyzwqk", None),  # nothing near enough
        ("mose", None),  # too short to correct safely
    ],
)
def test_unknown_words_get_the_nearest_known_word(indexed, typed, suggested):
    assert indexed.search(SearchQuery(q=typed)).suggestion == suggested


def test_a_word_seen_once_is_not_offered_as_a_correction(indexed):
    assert indexed.search(SearchQuery(q="navale")).suggestion is None


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("soudeurs", None),  # seen once, but its three results are what was asked
        ("soudeurs thionville", "soudeur thionville"),  # one result: the frequent word offered
        ("soudeurss OR moselle", "soudeur OR moselle"),  # three results, but a word no text has
    ],
)
def test_a_rare_word_is_corrected_only_when_the_search_finds_few_results(indexed, typed,
                                                                          suggested):
    assert indexed.search(SearchQuery(q=typed)).suggestion == suggested
