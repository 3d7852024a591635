"""Did you mean: unknown words replaced by the nearest frequent word of the index."""

import pytest

from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.index.search import SearchQuery, search
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
def indexed(instance):
    origin = Origin("Observatoire", utcnow())
    store_items(instance, [normalise(Entry(title=f"Texte {n}", content=text), origin)
                           for n, text in enumerate(TEXTS)])
    instance.sync_index()
    return instance


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
    assert search(indexed.index_dir, SearchQuery(q=typed)).suggestion == suggested


def test_a_word_seen_once_is_not_offered_as_a_correction(indexed):
    assert search(indexed.index_dir, SearchQuery(q="navale")).suggestion is None


def test_the_search_page_offers_the_correction_as_a_link(client, indexed):
    page = client.get("/search?q=competances").get_data(as_text=True)
    assert "Vouliez-vous dire" in page and "q=competences" in page


def test_the_search_page_explains_the_query_language(client, indexed):
    page = client.get("/search").get_data(as_text=True)
    assert "Comment chercher ?" in page and "depuis:7j" in page
