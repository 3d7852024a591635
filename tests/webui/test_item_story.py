"""The item page tells where else an item was published and who else told its story."""

import json

from bs4 import BeautifulSoup

from tests.conftest import DATA
from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.models import Entry, Source
from veille.store import sources as source_store
from veille.store.schema import utcnow

FIXTURE = DATA / "near-duplicates" / "stories.jsonl"


def outlet(instance, name: str) -> int:
    with instance.engine.begin() as conn:
        return source_store.add(conn, Source(name=name, url=f"https://{name}.test/rss")).id


def publish(instance, source_id: int, name: str, **entry) -> str:
    origin = Origin(name, utcnow(), source_id)
    item = normalise(Entry(**entry), origin)
    store_items(instance, [item])
    return item.id


def page(client, item_id: str) -> BeautifulSoup:
    response = client.get(f"/items/{item_id}")
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_an_item_from_two_feeds_names_the_second_one(client, instance):
    first, second = outlet(instance, "presse"), outlet(instance, "agence")
    item_id = publish(instance, first, "presse", title="Forum", url="https://x.test/forum",
                      content="Un forum de l'emploi.")
    publish(instance, second, "agence", title="Forum", url="https://x.test/forum",
            content="Un forum de l'emploi.")
    also = page(client, item_id).select_one("section.also")
    assert [a.get_text() for a in also.find_all("a")] == ["agence"]


def test_a_story_told_by_other_outlets_links_to_their_items(client, instance):
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    told = [row for row in rows if row["story"] == "forum-emploi-metz"]
    ids = [
        publish(instance, outlet(instance, f"o{n}"), f"o{n}", title=row["title"],
                content=row["text"], url=f"https://x.test/{row['id']}")
        for n, row in enumerate(told)
    ]
    story = page(client, ids[0]).select_one("section.story")
    links = {a["href"] for a in story.find_all("a")}
    assert links == {f"/items/{item_id}" for item_id in ids[1:]}


def test_authors_and_enclosures_are_shown(client, instance):
    source = outlet(instance, "podcast")
    item_id = publish(
        instance, source, "podcast", title="Épisode 12", url="https://x.test/ep12",
        content="Un entretien.", authors=("Camille Martin",),
        enclosures=({"url": "https://x.test/ep12.mp3", "type": "audio/mpeg", "length": 1200},
                    {"url": "javascript:alert(1)", "type": "audio/mpeg", "length": None}),
    )
    soup = page(client, item_id)
    assert "par Camille Martin" in soup.select_one("p.meta").get_text()
    hrefs = [a["href"] for a in soup.select("section.enclosures a")]
    assert hrefs == ["https://x.test/ep12.mp3"]


def test_an_item_alone_shows_neither_other_sources_nor_a_story(client, instance):
    item_id = publish(instance, outlet(instance, "seul"), "seul", title="Seul",
                      url="https://x.test/seul", content="Un texte que personne d'autre n'a.")
    soup = page(client, item_id)
    assert soup.select("section.also") == [] and soup.select("section.story") == []
