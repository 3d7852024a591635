"""One result per story: near-duplicates (one news rewritten by several outlets, stored in a
story by store/stories.py) collapse into their best-ranked item, or their newest when sorted
by date, when the search asks to group them; every hit says its story and how many of its
items the search finds; facets still count items."""

from collections import Counter

from tests.store.test_stories import labelled, store
from veille.index.engine import SearchEngine
from veille.index.search import SearchQuery
from veille.models import Curation
from veille.store import curation as curation_store

FORUM = {"forum-metz-rl", "forum-metz-ft", "forum-metz-ville"}  # one story, three outlets
QUESTION = "forum de l'emploi Metz parc des expositions"


def stored(instance, engine: SearchEngine) -> SearchEngine:
    rows = labelled()
    assert {row["id"] for row in rows if row["story"] == "forum-emploi-metz"} == FORUM
    store(instance, rows)
    engine.sync()
    return engine


def test_every_hit_says_its_story_and_how_many_of_its_items_are_found(instance, engine):
    found = stored(instance, engine).search(SearchQuery(q=QUESTION, limit=50))
    forum = [hit for hit in found.hits if hit.id in FORUM]
    assert len(forum) == 3
    assert len({hit.story for hit in forum}) == 1
    assert {hit.story_size for hit in forum} == {3}
    alone = [hit for hit in found.hits if hit.id not in FORUM]
    assert all(hit.story_size == Counter(h.story for h in found.hits)[hit.story]
               for hit in alone)


def test_grouped_a_story_is_one_result_its_best_ranked_and_facets_count_items(instance, engine):
    engine = stored(instance, engine)
    every = engine.search(SearchQuery(q=QUESTION, limit=50))
    grouped = engine.search(SearchQuery(q=QUESTION, limit=50, group=True))
    best_of_forum = next(hit.id for hit in every.hits if hit.id in FORUM)
    assert [hit.id for hit in grouped.hits if hit.id in FORUM] == [best_of_forum]
    assert [hit.id for hit in grouped.hits] == [
        hit.id for hit in every.hits
        if hit.id == next(h.id for h in every.hits if h.story == hit.story)]
    assert grouped.total == len({hit.story for hit in every.hits}) < every.total
    assert grouped.facets == every.facets


def test_grouped_by_date_a_story_is_its_newest_item(instance, engine):
    engine = stored(instance, engine)
    every = engine.search(SearchQuery(q=QUESTION, limit=50, sort="date"))
    grouped = engine.search(SearchQuery(q=QUESTION, limit=50, sort="date", group=True))
    newest = max((hit for hit in every.hits if hit.id in FORUM), key=lambda hit: hit.published)
    assert [hit.id for hit in grouped.hits if hit.id in FORUM] == [newest.id]
    assert [hit.published for hit in grouped.hits] == sorted(
        (hit.published for hit in grouped.hits), reverse=True)


def test_a_story_asked_for_finds_its_items_only(instance, engine):
    engine = stored(instance, engine)
    story = next(hit.story for hit in engine.search(SearchQuery(q=QUESTION)).hits
                 if hit.id in FORUM)
    assert {hit.id for hit in engine.search(SearchQuery(story=story)).hits} == FORUM
    assert engine.search(SearchQuery(q="Metz", story=story)).total == 3
    assert engine.search(SearchQuery(story="no-such-story")).total == 0


def test_a_story_is_named_by_any_of_its_items_too(instance, engine):
    engine = stored(instance, engine)
    for item_id in sorted(FORUM):
        assert {hit.id for hit in engine.search(SearchQuery(story=item_id)).hits} == FORUM


def test_a_search_of_published_items_names_each_storys_by_the_hit_not_its_first_item(
        instance, engine):
    """The story's id is its first item's, which visitors may not see."""
    engine = stored(instance, engine)
    first = next(hit.story for hit in engine.search(SearchQuery(q=QUESTION)).hits
                 if hit.id in FORUM)
    shown = sorted(FORUM - {first})
    with instance.engine.begin() as conn:
        for item_id in shown:
            curation_store.save(conn, Curation(item_id, published=True), "doc@maison.test")
    engine.sync()
    seen = engine.search(SearchQuery(q=QUESTION, published_only=True, group=True)).hits
    assert [(hit.story, hit.story_size) for hit in seen] == [(seen[0].id, 2)]
    opened = engine.search(SearchQuery(story=seen[0].story, published_only=True)).hits
    assert sorted(hit.id for hit in opened) == shown
