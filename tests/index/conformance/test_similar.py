"""More like this: the items that share an item's key words, and not the others."""

import pytest

from veille.collect.processing import Origin, normalise
from veille.index.engine import SearchEngine
from veille.models import Entry
from veille.store.schema import utcnow

TEXTS = {
    "soudeurs-metz": ("Soudeurs recherchés à Metz",
                      "Les ateliers de soudure de Metz recrutent des soudeurs qualifiés TIG."),
    "soudure-formation": ("Une formation de soudeur à Thionville",
                          "Le centre forme des soudeurs TIG et MIG pour les ateliers de soudure."),
    "aides-soignants": ("Aides-soignants en alternance",
                        "Un institut de Nancy forme des aides-soignants par l'apprentissage."),
    "caristes": ("Caristes à Strasbourg",
                 "Les entrepôts logistiques recrutent des caristes et des préparateurs."),
}


def items():
    origin = Origin("Observatoire", utcnow())
    return [normalise(Entry(id=key, title=title, content=text), origin)
            for key, (title, text) in TEXTS.items()]


@pytest.fixture
def indexed(index) -> SearchEngine:
    return index(*items())


def test_the_closest_item_shares_the_key_words(indexed):
    found = indexed.similar("soudeurs-metz")
    assert found[0].id == "soudure-formation"
    assert "soudeurs-metz" not in [item.id for item in found]
    assert (found[0].title, found[0].source, found[0].kind) == (
        "Une formation de soudeur à Thionville", "Observatoire", "news")


def test_the_limit_caps_the_similar_items(indexed):
    assert len(indexed.similar("soudeurs-metz", limit=1)) == 1


def test_an_unknown_item_has_no_similar_items(indexed):
    assert indexed.similar("absent") == []
