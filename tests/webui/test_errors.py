"""Bad requests: never a 500; a 400 or 404 that says what is wrong, in French, as JSON for the
API and as a page elsewhere."""

import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest

from tests.webui.support import html, is_french

# (query string, status of /api/search, what its error message says when it is a 400)
BAD_PARAMETERS = [
    ("page=-1", 400, "page doit être un nombre entier de 1 à 1000"),
    ("page=0", 400, "page doit être un nombre entier de 1 à 1000"),
    ("page=abc", 400, "page doit être un nombre entier de 1 à 1000"),
    ("page=1.5", 400, "page doit être un nombre entier de 1 à 1000"),
    (urlencode({"page": "²"}), 400, "page doit être un nombre entier de 1 à 1000"),
    ("page=100000", 400, "page doit être un nombre entier de 1 à 1000"),
    ("page=1000", 200, None),
    ("limit=0", 400, "limit doit être un nombre entier de 1 à 100"),
    ("limit=-5", 400, "limit doit être un nombre entier de 1 à 100"),
    ("limit=10000", 400, "limit doit être un nombre entier de 1 à 100"),
    ("limit=x", 400, "limit doit être un nombre entier de 1 à 100"),
    ("sort=foo", 400, "sort doit valoir relevance ou date"),
    ("sort=DATE", 400, "sort doit valoir relevance ou date"),
    ("from=2026-13-45", 400, "from doit être une date AAAA-MM-JJ"),
    ("to=yesterday", 400, "to doit être une date AAAA-MM-JJ"),
    ("from=12/03/2026", 400, "from doit être une date AAAA-MM-JJ"),
    # The first and last days whose Paris midnights a datetime can still hold.
    ("from=0001-01-01", 400, "from doit être une date entre 0001-01-02 et 9999-12-30"),
    ("to=9999-12-31", 400, "to doit être une date entre 0001-01-02 et 9999-12-30"),
    ("from=0001-01-02&to=9999-12-30", 200, None),
    ("kind=video", 400, "kind doit valoir news ou resource"),
    ("kind=news&kind=video", 400, "kind doit valoir news ou resource"),
    (urlencode({"q": "x" * 5000}), 400, "la requête dépasse 1000 caractères"),
    (urlencode({"q": "soudeur " * 125}), 200, None),
    (urlencode({"q": '"soudeur'}), 200, None),
    (urlencode({"q": "((("}), 200, None),
    (urlencode({"q": "AND OR NOT"}), 200, None),
    (urlencode({"q": "titre:"}), 200, None),
    (urlencode({"q": "[a TO"}), 200, None),
    (urlencode({"q": "soud* sou?eur~2^5"}), 200, None),
    (urlencode({"q": "* " * 300}), 200, None),
    (urlencode({"q": "soudeur\x00"}), 200, None),
    (urlencode({"q": "🔧 soudeur ✨"}), 200, None),
    ("q=%ff%fe%ed%a0%bd", 200, None),  # not UTF-8
    (urlencode({"source": "<script>", "tag": "'; DROP TABLE items; --"}), 200, None),
]
IDS = [query[:40] for query, _, _ in BAD_PARAMETERS]


@pytest.mark.parametrize(("query", "status", "message"), BAD_PARAMETERS, ids=IDS)
def test_the_api_answers_results_or_a_french_json_error(client, catalogue, query, status, message):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    if status == 200:
        assert set(body) == {"total", "page", "results", "facets", "facet_totals"}
    else:
        assert body == {"error": body["error"], "status": 400}
        assert body["error"].startswith(message)
        assert is_french(body["error"])


@pytest.mark.parametrize(("query", "status", "message"), BAD_PARAMETERS, ids=IDS)
def test_the_search_page_answers_as_the_api_does_with_a_french_page(
    client, catalogue, query, status, message
):
    response = client.get(f"/search?{query}")
    assert response.status_code == status
    soup = html(response)
    assert soup.html["lang"] == "fr"
    if status == 400:
        assert soup.h1.get_text(" ", strip=True) == "Requête incorrecte (400)"
        assert soup.select_one("section.error p").get_text().startswith(message)


@pytest.mark.parametrize(("query", "status", "message"), BAD_PARAMETERS, ids=IDS)
def test_the_feed_answers_well_formed_atom_or_a_400(client, catalogue, query, status, message):
    response = client.get(f"/feeds/search.atom?{query}")
    if response.status_code == 200:
        assert ET.fromstring(response.data).tag == "{http://www.w3.org/2005/Atom}feed"
    else:
        # The feed has its own page size, so only limit may differ from the API.
        assert response.status_code == status == 400
        assert html(response).select_one("section.error p").get_text().startswith(message)


def test_the_feed_ignores_limit_as_it_has_its_own_size(client, catalogue):
    assert client.get("/feeds/search.atom?limit=0").status_code == 200


def test_an_unknown_api_address_is_a_json_404_in_french(client):
    response = client.get("/api/unknown")
    assert response.status_code == 404
    body = response.get_json()
    assert body == {"error": body["error"], "status": 404}
    assert body["error"] and is_french(body["error"]), body["error"]


def test_a_method_the_api_does_not_accept_is_a_json_405_in_french(client):
    response = client.post("/api/search")
    assert response.status_code == 405
    body = response.get_json()
    assert body["status"] == 405 and is_french(body["error"]), body


def test_an_unknown_page_is_a_french_html_404(client):
    response = client.get("/nulle-part")
    assert response.status_code == 404
    soup = html(response)
    assert soup.html["lang"] == "fr"
    assert soup.h1.get_text(" ", strip=True) == "Page introuvable (404)"
    assert is_french(soup.select_one("section.error p").get_text())
