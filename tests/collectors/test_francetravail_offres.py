"""Source kind francetravail-offres: France Travail's job offers, collected from a loopback
server speaking the API's protocol, as `veille` commands and the pipeline collect them."""

import json
from datetime import date, timedelta

import pytest

from tests.francetravailserver import SEARCH, FranceTravailServer, offer
from veille.analyse import trends
from veille.collect import pipeline
from veille.index.search import SearchQuery
from veille.sources import sourcebook
from veille.sources.apisources import api_source
from veille.store import figures as figure_store
from veille.store import items as item_store
from veille.store import sources as source_store
from veille.store import tags as tag_store
from veille.store.schema import utcnow

OFFERS = "api_offresdemploiv2 o2dsoffre"


@pytest.fixture
def api():
    with FranceTravailServer() as server:
        yield server


@pytest.fixture
def instance(veille_env, monkeypatch, api):
    return api.instance(monkeypatch)


def add(veille, *lieux: str, rome: str = "H2913") -> int:
    places = [arg for lieu in lieux for arg in ("--lieu", lieu)]
    said = veille("sources", "add", "--kind", "francetravail-offres", "--rome", rome, *places)
    return int(said.stdout.split()[2].rstrip(":"))


def listed(veille) -> dict:
    return {row["id"]: row for row in json.loads(veille("sources", "list", "--json").stdout)}


def offres(instance, place: str = "departement:57", rome: str = "H2913"):
    with instance.engine.connect() as conn:
        return [(f.date, f.value) for f in figure_store.series(conn, rome, place, "offres")]


def stored_offers(instance) -> list:
    with instance.engine.connect() as conn:
        stored = item_store.get_many(conn, sorted(item_store.all_ids(conn)))
    return [item for item in stored if item.kind == "offre"]


def test_a_collection_pages_through_the_offers_with_one_token(instance, veille, api):
    api.offers = [offer(number) for number in range(320)]
    source_id = add(veille, "57")
    veille("collect", "--all")
    assert [call.query["range"] for call in api.calls] == ["0-149", "150-299", "300-449"]
    assert {call.query["departement"] for call in api.calls} == {"57"}
    assert {call.query["publieeDepuis"] for call in api.calls} == {"31"}
    assert api.token_scopes == [OFFERS]
    assert [value for _, value in offres(instance)] == [320]
    assert len(stored_offers(instance)) == 320
    assert listed(veille)[source_id]["status"] == "ok"


def test_an_offer_is_an_item_with_its_public_page_tagged_as_the_api_says(instance, veille, api):
    api.offers = [offer(7, rome="H2913", commune="57672")]
    add(veille, "commune:57672")
    veille("collect", "--all")
    [stored] = stored_offers(instance)
    assert stored.url == "https://candidat.francetravail.fr/offres/recherche/detail/007ABC"
    assert stored.title == "Soudeur / Soudeuse n°7"
    assert stored.authors == ("Aciéries de Lorraine",)
    assert stored.summary == "Aciéries de Lorraine · 57 - Metz · Contrat à durée indéterminé"
    assert stored.published.date().isoformat() == "2026-12-01"
    with instance.engine.connect() as conn:
        tags = tag_store.effective_of(conn, [stored.id])[stored.id]
    assert tags["rome"] == ("H2913",) and "commune:57672" in tags["place"]
    page = instance.index.search(SearchQuery(q="type:offre soudage"))
    assert [hit.id for hit in page.hits] == [stored.id]
    assert dict(page.facets["kind"]) == {"offre": 1}


def test_a_second_collection_updates_the_count_without_duplicating_offers(
        instance, veille, api):
    api.offers = [offer(number) for number in range(5)]
    add(veille, "57")
    veille("collect", "--all")
    api.offers = [offer(number) for number in range(3, 9)]
    veille("collect", "--all")
    assert [value for _, value in offres(instance)] == [6]  # the same day: replaced
    assert len(stored_offers(instance)) == 9  # those gone stay until keep_offers


def test_an_offer_no_longer_returned_is_withdrawn_after_keep_offers(instance, veille, api):
    api.offers = [offer(1), offer(2)]
    source_id = add(veille, "57")
    veille("collect", "--all")
    with instance.engine.begin() as conn:  # offer 1 was last returned 61 days ago
        figure_store.seen(conn, source_id, ["francetravail-offre:001ABC"],
                          utcnow() - timedelta(days=61))
    api.offers = [offer(2)]
    veille("collect", "--all")
    assert [item.id for item in stored_offers(instance)] == ["francetravail-offre:002ABC"]
    assert instance.index.search(SearchQuery(q="type:offre")).total == 1


def test_no_offer_is_a_count_of_zero(instance, veille, api):
    add(veille, "57")
    veille("collect", "--all")
    assert [value for _, value in offres(instance)] == [0]
    assert [call.query["range"] for call in api.calls] == ["0-149"]


def test_malformed_json_fails_the_source_alone_as_an_api_change(
        instance, veille, api, feed_server):
    api.then(SEARCH, 206, {"Content-Range": "offres 0-149/1234"}, b'{"resultats": [{"id"')
    source_id = add(veille, "57")
    veille("sources", "add", feed_server.url("/feeds/emploi-grand-est.rss"))
    veille("collect", "--all")
    health = listed(veille)
    assert health[source_id]["status"] == "failing"
    assert health[source_id]["last_error_kind"] == "api_changed"
    assert [row["status"] for key, row in health.items() if key != source_id] == ["ok"]


def test_missing_credentials_are_recorded_on_the_source(instance, veille, monkeypatch):
    monkeypatch.setenv("VEILLE_FRANCETRAVAIL_CLIENT_SECRET", "")
    source_id = add(veille, "57")
    veille("collect", "--all")
    assert listed(veille)[source_id]["last_error_kind"] == "credentials"


def test_trying_the_source_shows_its_first_offers_storing_nothing(instance, api):
    api.offers = [offer(number) for number in range(12)]
    source = sourcebook_source(instance, "57")
    shown = sourcebook.preview(instance, source)
    assert shown.total == 12 and len(shown.items) == sourcebook.PREVIEW_ENTRIES
    assert shown.items[0].kind == "offre"
    assert stored_offers(instance) == []


def sourcebook_source(instance, *lieux):
    return api_source(instance, "francetravail-offres", ["H2913"], lieux)


def test_offers_stay_out_of_the_news_trends_unless_asked_for(instance, veille, api):
    api.offers = [offer(1)]
    add(veille, "57")
    veille("collect", "--all")
    today = date(2026, 12, 7)
    counted = trends.trend(instance, SearchQuery(), "week", today)
    assert sum(count for _, count in counted.series) == 0
    offers_only = SearchQuery(filters={"kind": ("offre",)})
    assert sum(count for _, count in trends.trend(instance, offers_only, "week", today).series) == 1


@pytest.mark.parametrize(("given", "message"), [
    (["--lieu", "57"], "ROME codes"),
    (["--rome", "H2913"], "places"),
    (["--rome", "soudeur", "--lieu", "57"], "ROME codes"),
])
def test_a_source_without_jobs_or_places_is_refused(instance, veille, given, message):
    said = veille("sources", "add", "--kind", "francetravail-offres", *given, expect=1)
    assert message in said.stderr and "Traceback" not in said.stderr


def test_a_place_is_named_by_code_key_or_name(tagging_instance, monkeypatch, api):
    source = sourcebook_source(api.instance(monkeypatch), "Moselle", "57463", "commune:57672")
    assert source.options["lieux"] == ["departement:57", "commune:57463", "commune:57672"]
    assert source.url.endswith(f"{SEARCH.removeprefix('/api')}?codeROME=H2913&"
                               "lieux=departement:57,commune:57463,commune:57672")


def test_the_pipeline_reads_an_api_source_as_it_would_store_it(instance, api):
    api.offers = [offer(1)]
    source = sourcebook.add(instance, sourcebook_source(instance, "57"), "test")
    [report] = pipeline.collect(instance, [source])
    assert (report.fetched, report.new, report.error) == (1, 1, None)
    with instance.engine.connect() as conn:
        assert source_store.get(conn, source.id).last_success_at is not None
