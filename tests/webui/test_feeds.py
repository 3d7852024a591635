"""GET /feeds/search.atom and /opensearch.xml: well-formed XML a reader or browser can use."""

import xml.etree.ElementTree as ET

from tests.webui.support import params, path_and_query

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
SOUDEUR_BY_DATE = ["formation-soudage", "soudeurs-moselle", "soudeur-naval"]


def atom(client, **query) -> ET.Element:
    response = client.get("/feeds/search.atom", query_string=query)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def link(element: ET.Element, rel: str) -> str:
    return next(a.get("href") for a in element.findall(f"{ATOM}link") if a.get("rel") == rel)


def item_ids(feed: ET.Element) -> list[str]:
    return [link(entry, "alternate").rsplit("/items/", 1)[1] for entry in entries(feed)]


def test_the_search_feed_is_an_atom_feed(client, catalogue):
    feed = atom(client, q="soudeur")
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_the_feed_is_titled_after_the_query(client, catalogue):
    assert atom(client, q="soudeur").findtext(f"{ATOM}title") == "veille : soudeur"


def test_the_feed_links_to_itself_and_to_the_same_search_in_html(client, catalogue):
    feed = atom(client, q="soudeur", kind="news")
    assert params(link(feed, "self")) == {"q": ["soudeur"], "kind": ["news"]}
    alternate = link(feed, "alternate")
    assert path_and_query(alternate).startswith("/search?")
    assert params(alternate) == {"q": ["soudeur"], "kind": ["news"]}


def test_entries_are_the_results_newest_first(client, catalogue):
    feed = atom(client, q="soudeur")
    assert item_ids(feed) == SOUDEUR_BY_DATE
    assert [entry.findtext(f"{ATOM}title") for entry in entries(feed)] == [
        "Formation qualifiante au soudage à Metz",
        "Pénurie de soudeurs dans l'industrie mosellane",
        "Le soudeur naval, un métier en tension",
    ]


def test_the_feed_is_newest_first_whatever_sort_is_asked(client, catalogue):
    assert item_ids(atom(client, q="soudeur", sort="relevance")) == SOUDEUR_BY_DATE


def test_each_entry_links_to_its_item_page_and_is_identified_by_it(client, catalogue):
    for entry in entries(atom(client, q="soudeur")):
        href = link(entry, "alternate")
        assert entry.findtext(f"{ATOM}id") == href
        assert href.startswith("http://localhost/items/")
        assert client.get(path_and_query(href)).status_code == 200


def test_an_entry_links_to_the_original_article_as_related(client, catalogue):
    entry = entries(atom(client, q="pénurie"))[0]
    assert link(entry, "related") == "https://exemple.test/actu/soudeurs-moselle"


def test_an_entry_carries_its_date_source_and_tags(client, catalogue):
    entry = entries(atom(client, q="pénurie"))[0]
    assert entry.findtext(f"{ATOM}updated") == "2026-03-12T08:00:00+00:00"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "France Travail Grand Est"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "industrie", "moselle", "métiers en tension"
    ]


def test_an_entry_summary_is_the_highlighted_snippet_as_html(client, catalogue):
    summary = entries(atom(client, q="métallurgie"))[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert '<mark>métallurgie</mark>' in summary.text


def test_the_feed_is_as_recent_as_its_newest_entry(client, catalogue):
    assert atom(client, q="soudeur").findtext(f"{ATOM}updated") == "2026-03-20T13:00:00+00:00"


def test_the_feed_applies_the_search_filters(client, catalogue):
    feed = atom(client, kind="resource", **{"from": "2026-01-02"})
    assert item_ids(feed) == ["formation-soudage", "entretien-diagnostic"]


def test_the_feed_of_a_search_without_results_has_no_entries(client, catalogue):
    assert entries(atom(client, q="astronaute")) == []


def test_the_feed_of_an_empty_instance_is_well_formed(client):
    feed = atom(client)
    assert entries(feed) == [] and feed.findtext(f"{ATOM}updated")


def test_control_characters_in_items_and_query_leave_the_feed_well_formed(
    client, import_records
):
    # XML forbids these characters even escaped; a feed or an import may still carry them.
    import_records([{"id": "controle", "title": "Cariste\x01 de nuit\x1f",
                     "content": "Poste de cariste\x08 en entrepôt."}])
    feed = atom(client, q="cariste\x00")
    assert [entry.findtext(f"{ATOM}title") for entry in entries(feed)] == ["Cariste de nuit"]


def test_opensearch_describes_the_search_for_browsers(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/opensearchdescription+xml"
    description = ET.fromstring(response.data)
    assert description.tag == f"{OPENSEARCH}OpenSearchDescription"
    assert description.findtext(f"{OPENSEARCH}ShortName") == "veille"


def test_every_opensearch_template_puts_the_search_terms_in_a_working_url(client, catalogue):
    description = ET.fromstring(client.get("/opensearch.xml").data)
    urls = description.findall(f"{OPENSEARCH}Url")
    assert {url.get("type") for url in urls} == {
        "text/html", "application/json", "application/atom+xml"
    }
    for url in urls:
        template = url.get("template")
        assert "{searchTerms}" in template
        filled = client.get(path_and_query(template.replace("{searchTerms}", "soudeur")))
        assert filled.status_code == 200
        assert filled.mimetype == url.get("type")
