"""Trends that last: the store's daily counts follow items as they come and go (stored,
changed, tagged again, deleted), and a purge leaves them, so a trend without words, of every
item or of a job or a place, keeps its years once the items are gone; a search with words
still counts the items it finds."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tests.webui.test_trends_api import MAY, import_may
from veille.analyse import trends
from veille.collect import retention
from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.curate import curation
from veille.index.search import SearchQuery
from veille.models import Entry
from veille.store import daily
from veille.store import items as item_store
from veille.tags import itemtags
from veille.tags.vocabulary import StoreVocabulary

TODAY = date(2026, 6, 1)
SPAN = {"date_from": date.fromisoformat(MAY["from"]), "date_to": date.fromisoformat(MAY["to"])}
# What import_may stores, week by week (W18 to W21): nine news, eight of welders (H2913).
EVERY = [("2026-W18", 0), ("2026-W19", 5), ("2026-W20", 2), ("2026-W21", 2)]
WELDERS = [("2026-W18", 0), ("2026-W19", 4), ("2026-W20", 2), ("2026-W21", 2)]
NOTHING = [("2026-W18", 0), ("2026-W19", 0), ("2026-W20", 0), ("2026-W21", 0)]


def series(instance, **asked) -> list[tuple[str, int]]:
    query = SearchQuery(**SPAN, **asked)
    return trends.trend(instance, query, "week", TODAY).series


@pytest.fixture
def imported(tagging_instance, veille, tmp_path):
    import_may(veille, tmp_path)
    return tagging_instance


def test_a_trend_without_words_survives_the_purge_of_its_items(imported):
    assert series(imported) == EVERY
    assert series(imported, filters={"rome": ("H2913",)}) == WELDERS
    imported.settings.retention.news_after = "7d"
    assert retention.purge(imported, "test").total == 9
    assert imported.index.search(SearchQuery()).total == 0
    assert series(imported) == EVERY
    assert series(imported, filters={"rome": ("H2913",)}) == WELDERS
    assert series(imported, filters={"lieu": ("departement:57",)}) == WELDERS
    assert series(imported, q="soudeurs") == NOTHING  # words count the items found


def test_an_item_deleted_by_hand_leaves_the_counts(imported):
    with imported.engine.begin() as conn:
        daily.remove(conn, ["soudeurs-0"])  # as the rulebook and the catalogue do
        item_store.delete(conn, ["soudeurs-0"])
    assert series(imported) == [("2026-W18", 0), ("2026-W19", 4), ("2026-W20", 2),
                                ("2026-W21", 2)]


def test_tags_edited_move_the_counts_from_a_job_to_another(imported):
    itemtags.edit(imported, "soudeurs-0", add=["rome:H2914"], remove=["rome:H2913"],
                  actor="doc")
    assert series(imported, filters={"rome": ("H2913",)})[1] == ("2026-W19", 3)
    assert series(imported, filters={"rome": ("H2914",)})[1] == ("2026-W19", 1)
    itemtags.retag(imported.engine)  # the edit is kept, and counted once
    assert series(imported, filters={"rome": ("H2914",)})[1] == ("2026-W19", 1)
    assert series(imported) == EVERY


def test_an_item_stored_again_is_counted_once_on_its_new_day(imported, veille, tmp_path):
    import_may(veille, tmp_path)  # the same nine, again
    assert series(imported) == EVERY


def test_the_counts_are_those_of_the_items_they_stand_for(imported):
    with imported.engine.connect() as conn:
        assert sum(daily.days(conn, *daily.ALL).values()) == 9
        assert sum(daily.days(conn, "source", "Observatoire régional").values()) == 9
        assert sum(daily.days(conn, "kind", "news").values()) == 9


def test_a_job_offer_counts_in_its_kind_alone_as_trends_leave_offers_out(imported):
    offer = normalise(Entry(id="offre-1", title="Soudeur H/F", content="Metz",
                                       published=datetime(2026, 5, 5, 9, tzinfo=UTC)),
                                 Origin("France Travail", datetime(2026, 5, 5, tzinfo=UTC)))
    store_items(imported, [replace(offer, kind="offre")])
    imported.index.sync()
    assert series(imported) == EVERY
    assert series(imported, filters={"source": ("France Travail",)}) == NOTHING
    assert series(imported, filters={"kind": ("offre",)})[1] == ("2026-W19", 1)


def test_a_tags_trend_counts_the_feeds_and_the_teams_and_survives_the_purge(imported):
    """The team's tags keep their items from the purge; the feed's go with theirs."""
    for item_id in ("soudeurs-0", "soudeurs-1", "soudeurs-4"):
        curation.curate(imported, item_id, "doc", add_tags=("Salon2027",))
    curation.curate(imported, "soudeurs-4", "doc", remove_tags=("salon2027",))
    fair = normalise(Entry(id="salon", title="Le salon de l'emploi", content="Metz",
                           published=datetime(2026, 5, 20, 9, tzinfo=UTC), tags=("Salon2027",)),
                     Origin("Agenda", datetime(2026, 5, 20, tzinfo=UTC)))
    store_items(imported, [fair])
    imported.index.sync()
    salon = [("2026-W18", 0), ("2026-W19", 2), ("2026-W20", 0), ("2026-W21", 1)]
    assert series(imported, filters={"tag": ("Salon2027",)}) == salon
    imported.settings.retention.news_after = "7d"
    retention.purge(imported, "test")
    assert imported.index.search(SearchQuery(filters={"tag": ("salon2027",)})).total == 2
    assert series(imported, filters={"tag": ("salon2027",)}) == salon


@pytest.mark.parametrize("text", ["rome:H2913", "métier:soudeur", "lieu:Moselle"])
def test_a_text_naming_one_job_or_place_alone_survives_the_purge_as_its_filter(imported, text):
    """What /tendances compares ("métier:soudeur", one line each) is such a text."""
    vocabulary = StoreVocabulary(imported.engine)
    assert series(imported, q=text, vocabulary=vocabulary) == WELDERS
    imported.settings.retention.news_after = "7d"
    retention.purge(imported, "test")
    assert series(imported, q=text, vocabulary=vocabulary) == WELDERS
    assert series(imported, q=f"{text} soudeurs", vocabulary=vocabulary) == NOTHING
