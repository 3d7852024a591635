"""One result per story: the search page, the portal and the Atom feeds show a story told by
several outlets once, with "et N autres sources" opening the others; /api/search keeps its
shape, says each result's story and collapses stories with `group=story`."""

import xml.etree.ElementTree as ET
from html import unescape

import pytest

from tests.store.test_stories import labelled, store
from tests.webui.support import html, path_and_query, result_ids, sign_in
from veille.curate import curation

ATOM = "{http://www.w3.org/2005/Atom}"
FORUM = {"forum-metz-rl", "forum-metz-ft", "forum-metz-ville"}  # one story, three outlets
Q = "forum emploi Metz"


@pytest.fixture
def stories(instance):
    store(instance, labelled())
    instance.sync_index()


def forum_hits(soup) -> list:
    return [li for li in soup.select("li.hit")
            if li.select_one("h2 a, h3 a")["href"].rsplit("/", 1)[1] in FORUM]


def test_the_api_says_each_results_story_and_groups_only_when_asked(client, stories):
    every = client.get("/api/search", query_string={"q": Q}).get_json()
    forum = [r for r in every["results"] if r["id"] in FORUM]
    assert len(forum) == 3 and len({r["story"]["id"] for r in forum}) == 1
    assert {r["story"]["size"] for r in forum} == {3}
    grouped = client.get("/api/search", query_string={"q": Q, "group": "story"}).get_json()
    assert set(grouped) == set(every)
    assert [r["id"] for r in grouped["results"] if r["id"] in FORUM] == [forum[0]["id"]]
    assert grouped["total"] == every["total"] - 2
    assert grouped["facets"] == every["facets"]  # facets count items


def test_the_api_refuses_another_grouping(client, stories):
    response = client.get("/api/search", query_string={"q": Q, "group": "source"})
    assert response.status_code == 400
    assert "group doit valoir story" in response.get_json()["error"]


def test_the_search_page_shows_a_story_once_and_opens_its_other_sources(client, instance,
                                                                         stories):
    sign_in(client, instance, "advisor")
    soup = html(client.get("/search", query_string={"q": Q}))
    (forum,) = forum_hits(soup)
    link = forum.select_one("p.story a")
    assert link.get_text() == "et 2 autres sources"
    opened = html(client.get(path_and_query(link["href"])))
    assert len(forum_hits(opened)) == 3
    assert len(opened.select("li.hit")) == 3
    assert opened.select_one("p.story-opened a")


def test_the_portal_shows_a_published_story_once(client, instance, stories):
    for item_id in FORUM:
        curation.publish(instance, item_id, "doc", True, ("H",), ("Moselle",))
    sign_in(client, instance, "advisor")  # the Maison has accounts: the API is the portal's
    client.get("/auth/logout")
    soup = html(client.get("/portail", query_string={"q": Q}))
    (forum,) = forum_hits(soup)
    assert forum.select_one("p.story a").get_text() == "et 2 autres sources"
    assert len(result_ids(client.get("/api/search", query_string={"q": Q}))) == 3


def test_the_atom_feed_holds_a_story_once_linking_to_its_other_sources(client, stories):
    feed = ET.fromstring(client.get("/feeds/search.atom", query_string={"q": Q}).data)
    entries = [e for e in feed.iter(f"{ATOM}entry")
               if e.find(f"{ATOM}id").text.rsplit("/", 1)[1] in FORUM]
    assert len(entries) == 1
    summary = unescape(entries[0].find(f"{ATOM}summary").text)
    assert "et 2 autres sources</a>" in summary and "story=" in summary
