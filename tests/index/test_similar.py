"""More like this: the items that share an item's key words, and not the others."""

import shutil

from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.index.whoosh.similar import similar_items
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


def index_texts(instance) -> None:
    origin = Origin("Observatoire", utcnow())
    items = [normalise(Entry(id=key, title=title, content=text), origin)
             for key, (title, text) in TEXTS.items()]
    store_items(instance, items)
    instance.sync_index()


def test_the_closest_item_shares_the_key_words(instance):
    index_texts(instance)
    found = [item.id for item in similar_items(instance.index_dir, "soudeurs-metz")]
    assert found[0] == "soudure-formation"
    assert "soudeurs-metz" not in found


def test_an_unknown_item_has_no_similar_items(instance):
    index_texts(instance)
    assert similar_items(instance.index_dir, "absent") == []


def test_the_item_page_lists_similar_items_and_survives_a_missing_index(client, instance):
    index_texts(instance)
    page = client.get("/items/soudeurs-metz").get_data(as_text=True)
    assert "Sur des sujets proches" in page and "/items/soudure-formation" in page
    shutil.rmtree(instance.index_dir)
    response = client.get("/items/soudeurs-metz")
    assert response.status_code == 200 and "Sur des sujets proches" not in response.get_data(
        as_text=True
    )
