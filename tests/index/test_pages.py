"""What the pages make of the engine's answers: the correction offered as a link, the query
language explained, similar items listed on an item's page (and none while the index is
missing)."""

import shutil

import pytest

from tests.index.conformance.test_similar import items as similar_texts
from tests.index.conformance.test_spelling import TEXTS as SPELLING_TEXTS
from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.models import Entry
from veille.store.schema import utcnow


@pytest.fixture
def spelling(instance):
    origin = Origin("Observatoire", utcnow())
    store_items(instance, [normalise(Entry(title=f"Texte {n}", content=text), origin)
                           for n, text in enumerate(SPELLING_TEXTS)])
    instance.sync_index()
    return instance


def test_the_search_page_offers_the_correction_as_a_link(client, spelling):
    page = client.get("/search?q=competances").get_data(as_text=True)
    assert "Vouliez-vous dire" in page and "q=competences" in page


def test_the_search_page_explains_the_query_language(client, spelling):
    page = client.get("/search").get_data(as_text=True)
    assert "Comment chercher ?" in page and "depuis:7j" in page


def test_the_item_page_lists_similar_items_and_survives_a_missing_index(client, instance):
    store_items(instance, similar_texts())
    instance.sync_index()
    page = client.get("/items/soudeurs-metz").get_data(as_text=True)
    assert "Sur des sujets proches" in page and "/items/soudure-formation" in page
    shutil.rmtree(instance.index_dir)
    response = client.get("/items/soudeurs-metz")
    assert response.status_code == 200 and "Sur des sujets proches" not in response.get_data(
        as_text=True
    )
