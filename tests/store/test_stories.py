"""Stories: near-duplicates stored from different outlets end up in one story, others apart."""

import json
import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import DATA
from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.models import Entry, Source
from veille.store import items as item_store
from veille.store import sources as source_store
from veille.store import stories

FIXTURE = DATA / "near-duplicates" / "stories.jsonl"
DAY = datetime(2026, 3, 10, 8, tzinfo=UTC)


def labelled() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def store(instance, rows: list[dict], start: datetime = DAY, batch: int = 1) -> None:
    """Store each row as an item of the outlet its id ends with, a few hours apart, `batch`
    items at a time."""
    sources: dict[str, int] = {}
    with instance.engine.begin() as conn:
        for row in rows:
            outlet = row["id"].rsplit("-", 1)[-1]
            if outlet not in sources:
                url = f"https://{outlet}.exemple.test/rss"
                sources[outlet] = source_store.ensure(conn, Source(name=outlet, url=url))[0].id
    normalised = []
    for number, row in enumerate(rows):
        outlet = row["id"].rsplit("-", 1)[-1]
        origin = Origin(outlet, start + timedelta(hours=number), sources[outlet])
        entry = Entry(title=row["title"], content=row["text"], id=row["id"],
                      url=f"https://exemple.test/{row['id']}", published=origin.fetched)
        normalised.append(normalise(entry, origin))
    for at in range(0, len(normalised), batch):
        store_items(instance, normalised[at : at + batch])


def story_of(instance, item_id: str) -> str:
    with instance.engine.connect() as conn:
        return item_store.get(conn, item_id).story_id


@pytest.mark.parametrize("batch", [1, 7, 1000], ids=["one by one", "by 7", "all at once"])
def test_every_rewritten_story_is_one_story_and_nothing_else_joins_it(instance, batch):
    """Within a batch too: an item joins the story of one stored just before it."""
    rows = labelled()
    random.Random(7).shuffle(rows)
    store(instance, rows, batch=batch)
    expected = defaultdict(set)
    for row in rows:
        expected[row["story"]].add(row["id"])
    found = defaultdict(set)
    for row in rows:
        found[story_of(instance, row["id"])].add(row["id"])
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, expected.values()))


def test_a_story_is_named_after_its_first_stored_item(instance):
    rows = [row for row in labelled() if row["story"] == "forum-emploi-metz"]
    store(instance, rows)
    assert {story_of(instance, row["id"]) for row in rows} == {rows[0]["id"]}


def test_items_weeks_apart_are_not_one_story(instance):
    first, second = [row for row in labelled() if row["story"] == "forum-emploi-metz"][:2]
    store(instance, [first])
    store(instance, [second], start=DAY + stories.WINDOW + timedelta(days=2))
    assert story_of(instance, second["id"]) == second["id"]
