"""A missing or damaged index: the pages say search is unavailable (503), never a 500."""

import shutil

import pytest


@pytest.fixture
def no_index(instance):
    shutil.rmtree(instance.index_dir)


def test_the_api_answers_503_with_a_french_message(client, no_index):
    response = client.get("/api/search?q=soudeur")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    body = response.get_json()
    assert body["status"] == 503 and "reconstruction" in body["error"]


@pytest.mark.parametrize("path", ["/search?q=soudeur", "/feeds/search.atom?q=soudeur"])
def test_the_pages_answer_503_with_a_french_page(client, no_index, path):
    response = client.get(path)
    assert response.status_code == 503
    assert "Recherche momentanément indisponible" in response.get_data(as_text=True)


def test_search_comes_back_once_the_index_is_rebuilt(client, instance, no_index):
    assert client.get("/api/search").status_code == 503
    instance.sync_index()
    assert client.get("/api/search").status_code == 200
