"""What a hostile item or query cannot do: run a script in the search page, the item page or
the Atom feed; and the headers every response carries."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.webui.conftest import HOSTILE_TITLE
from tests.webui.support import event_handlers, html, scripts_not_ours

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_QUERY = '"><script>alert(6)</script>'


def assert_harmless(soup: BeautifulSoup) -> None:
    """No script element but the page's own files, no event handler, no javascript: link."""
    assert scripts_not_ours(soup) == []
    assert event_handlers(soup) == []
    assert not [a for a in soup.find_all(href=True) if a["href"].startswith("javascript:")]


def test_the_search_page_shows_a_hostile_item_as_text(client, hostile):
    response = client.get("/search", query_string={"q": "soudeur"})
    soup = html(response)
    assert_harmless(soup)
    assert soup.select_one("li.hit h2 a").get_text() == HOSTILE_TITLE
    assert soup.select_one("li.hit p.snippet").get_text() == (
        "Soudeur <img src=x onerror=alert(1)> recherché"
    )
    assert HOSTILE_TITLE not in response.get_data(as_text=True)


def test_the_search_page_shows_a_hostile_source_name_as_its_text_alone(client, hostile):
    soup = html(client.get("/search"))
    assert_harmless(soup)
    sources = [a.get_text(strip=True) for a in soup.select("aside.facets a")]
    assert "Pirate" in sources


def test_the_item_page_shows_a_hostile_item_as_text_and_its_content_sanitised(client, hostile):
    response = client.get(f"/items/{hostile}")
    soup = html(response)
    assert_harmless(soup)
    assert soup.h1.get_text() == HOSTILE_TITLE
    assert HOSTILE_TITLE not in response.get_data(as_text=True)
    content = soup.select_one("div.content")
    assert content.p.get_text() == "Soudeur <img src=x onerror=alert(1)> recherché"
    # Stored without its handler; shown not at all: "x" is relative, and the item has no
    # address to resolve it against.
    assert content.find_all("img") == []


def test_the_item_page_offers_no_link_to_a_javascript_url(client, hostile):
    soup = html(client.get(f"/items/{hostile}"))
    assert soup.find("a", string="Lire sur le site d'origine") is None


def test_the_feed_carries_a_hostile_item_as_text_and_harmless_html(client, hostile):
    response = client.get("/feeds/search.atom", query_string={"q": "soudeur"})
    entry = ET.fromstring(response.data).find(f"{ATOM}entry")
    title = entry.find(f"{ATOM}title")
    assert title.get("type", "text") == "text" and title.text == HOSTILE_TITLE
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert_harmless(BeautifulSoup(summary.text, "html.parser"))
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "<script>alert(5)</script>"
    ]


def test_the_api_gives_snippets_whose_only_markup_is_mark(client, hostile):
    result = client.get("/api/search", query_string={"q": "soudeur"}).get_json()["results"][0]
    assert result["title"] == HOSTILE_TITLE  # JSON is data: the client escapes it
    snippet = BeautifulSoup(result["snippet"], "html.parser")
    assert {tag.name for tag in snippet.find_all(True)} == {"mark"}


@pytest.mark.parametrize("path", ["/search", "/api/search", "/feeds/search.atom"])
def test_a_hostile_query_is_never_reflected_as_markup(client, hostile, path):
    response = client.get(path, query_string={"q": HOSTILE_QUERY})
    assert response.status_code == 200
    assert "<script>alert(6)" not in response.get_data(as_text=True)


def test_the_search_page_keeps_a_hostile_query_inside_the_search_box(client, hostile):
    soup = html(client.get("/search", query_string={"q": HOSTILE_QUERY}))
    assert_harmless(soup)
    assert soup.find("input", id="q")["value"] == HOSTILE_QUERY


def test_a_hostile_parameter_is_shown_as_text_in_the_error_page(client):
    response = client.get("/search", query_string={"from": "<script>alert(7)</script>"})
    assert response.status_code == 400
    assert_harmless(html(response))
    assert "<script>alert(7)" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=soudeur",
        "/search?page=0",
        "/api/search?q=soudeur",
        "/api/search?limit=x",
        "/api/unknown",
        "/items/soudeurs-moselle",
        "/items/inconnu",
        "/feeds/search.atom?q=soudeur",
        "/opensearch.xml",
        "/static/style.css",
    ],
)
def test_every_response_forbids_sniffing_and_framing(client, catalogue, path):
    with client.get(path) as response:  # closed, so the static file is too
        headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    policy = [part.strip() for part in headers["Content-Security-Policy"].split(";")]
    assert "frame-ancestors 'none'" in policy
