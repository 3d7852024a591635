"""GET /api/search: the JSON contract of DESIGN.md, its filters and its pagination; GET
/api/facets: a facet's values found by the start of their words."""

from datetime import datetime

import pytest

from tests.webui.conftest import NEWEST_FIRST
from tests.webui.support import result_ids
from veille.models import KINDS

RESULT_FIELDS = {"id", "title", "url", "source", "kind", "published", "snippet", "score",
                 "story"}
SOUDEUR_BY_DATE = ["formation-soudage", "soudeurs-moselle", "soudeur-naval"]


def api(client, **params):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/json"
    return response


def test_the_answer_holds_exactly_total_page_results_facets_and_their_totals(client, catalogue):
    body = api(client, q="soudeur").get_json()
    assert set(body) == {"total", "page", "results", "facets", "facet_totals"}
    assert isinstance(body["total"], int) and isinstance(body["results"], list)


def test_each_result_holds_exactly_the_documented_fields(client, catalogue):
    results = api(client).get_json()["results"]
    assert results
    for result in results:
        assert set(result) == RESULT_FIELDS
        assert all(isinstance(result[name], str) for name in RESULT_FIELDS - {"score", "story"})
        assert result["story"] == {"id": result["id"], "size": 1}  # none tells another's story
        assert result["kind"] in KINDS


def test_published_is_an_iso_8601_instant_with_its_time_zone(client, catalogue):
    result = api(client, q="caristes").get_json()["results"][0]
    published = datetime.fromisoformat(result["published"])
    assert published == datetime.fromisoformat("2026-04-02T08:00:00+02:00")
    assert published.utcoffset() is not None


def test_a_result_gives_the_canonical_url_of_its_item(client, catalogue):
    result = api(client, q="pénurie").get_json()["results"][0]
    assert result["id"] == "soudeurs-moselle"
    assert result["url"] == "https://exemple.test/actu/soudeurs-moselle"


def test_facets_count_sources_and_kinds_as_value_count_pairs(client, catalogue):
    facets = api(client, q="soudeur").get_json()["facets"]
    assert facets["source"] == [["France Travail Grand Est", 2], ["Carif-Oref Grand Est", 1]]
    assert facets["kind"] == [["news", 2], ["resource", 1]]


def test_facets_count_the_whole_result_set_not_only_the_page(client, catalogue):
    body = api(client, limit=1).get_json()
    assert len(body["results"]) == 1
    assert sum(count for _, count in body["facets"]["source"]) == body["total"] == 8
    assert sum(count for _, count in body["facets"]["kind"]) == 8


def test_pages_are_numbered_from_one(client, catalogue):
    assert api(client).get_json()["page"] == 1
    assert api(client, page=2, limit=3).get_json()["page"] == 2


def test_an_empty_query_lists_every_item_newest_first(client, catalogue):
    response = api(client, q="")
    assert response.get_json()["total"] == len(NEWEST_FIRST)
    assert result_ids(response) == NEWEST_FIRST


def test_an_empty_query_sorted_by_relevance_still_lists_newest_first(client, catalogue):
    assert result_ids(api(client, sort="relevance")) == NEWEST_FIRST


def test_a_query_finds_every_form_of_a_french_word(client, catalogue):
    assert set(result_ids(api(client, q="soudeur"))) == set(SOUDEUR_BY_DATE)


def test_relevance_results_come_best_score_first(client, catalogue):
    scores = [result["score"] for result in api(client, q="soudeur").get_json()["results"]]
    assert all(isinstance(score, float) for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_sort_by_date_orders_by_publication_newest_first_without_scores(client, catalogue):
    results = api(client, q="soudeur", sort="date").get_json()["results"]
    assert [result["id"] for result in results] == SOUDEUR_BY_DATE
    assert [result["score"] for result in results] == [None, None, None]


def test_snippets_mark_the_words_that_matched(client, catalogue):
    snippet = api(client, q="métallurgie").get_json()["results"][0]["snippet"]
    assert '<mark>métallurgie</mark>' in snippet


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        # 00:15 in Paris on 11 April is still 10 April in UTC: days are Paris days.
        ("2026-04-11", "2026-04-11", ["ouverture-numerique"]),
        ("2026-04-10", "2026-04-10", ["bilan-saisonnier"]),
        ("2026-04-01", "", ["ouverture-numerique", "bilan-saisonnier", "caristes-strasbourg"]),
        # `to` takes in its whole day: the item published at 10:00 that day is in.
        ("", "2026-01-05", ["entretien-diagnostic", "compte-formation"]),
        ("2026-03-12", "2026-03-20", ["formation-soudage", "soudeurs-moselle"]),
        ("2026-05-01", "", []),
        ("2026-04-11", "2026-04-10", []),
    ],
)
def test_from_and_to_keep_items_published_within_those_whole_paris_days(
    client, catalogue, date_from, date_to, expected
):
    assert result_ids(api(client, **{"from": date_from, "to": date_to})) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "Presse locale"},
         ["ouverture-numerique", "bilan-saisonnier", "caristes-strasbourg"]),
        ({"kind": "resource"}, ["formation-soudage", "entretien-diagnostic", "compte-formation"]),
        ({"tag": "moselle"}, ["formation-soudage", "soudeurs-moselle"]),
        ({"tag": "Moselle"}, ["formation-soudage", "soudeurs-moselle"]),
        ({"tag": "métiers en tension"}, ["soudeurs-moselle"]),
    ],
)
def test_a_filter_keeps_only_the_items_with_that_value(client, catalogue, params, expected):
    assert result_ids(api(client, **params)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": ["Presse locale", "Carif-Oref Grand Est"]},
         ["ouverture-numerique", "bilan-saisonnier", "caristes-strasbourg", "formation-soudage"]),
        ({"kind": ["news", "resource"]}, NEWEST_FIRST),
        ({"tag": ["cpf", "diagnostic"]}, ["entretien-diagnostic", "compte-formation"]),
    ],
)
def test_repeated_values_of_one_filter_are_alternatives(client, catalogue, params, expected):
    assert result_ids(api(client, **params)) == expected


def test_filters_on_different_parameters_all_apply(client, catalogue):
    both = api(client, source="France Travail Grand Est", tag="moselle")
    assert result_ids(both) == ["soudeurs-moselle"]
    assert result_ids(api(client, q="soudeur", kind="resource")) == ["formation-soudage"]


def test_an_empty_filter_value_filters_nothing(client, catalogue):
    assert result_ids(api(client, source="", kind="", tag="")) == NEWEST_FIRST


def test_facets_count_within_the_other_filters(client, catalogue):
    facets = api(client, kind="resource").get_json()["facets"]
    assert facets["kind"] == api(client).get_json()["facets"]["kind"]
    assert facets["source"] == [["Maison des compétences de Thionville", 2],
                                ["Carif-Oref Grand Est", 1]]


def test_limit_and_page_walk_through_every_item_once_with_a_stable_total(client, catalogue):
    pages = [api(client, limit=3, page=number).get_json() for number in (1, 2, 3)]
    assert [body["total"] for body in pages] == [8, 8, 8]
    assert [len(body["results"]) for body in pages] == [3, 3, 2]
    assert [result["id"] for body in pages for result in body["results"]] == NEWEST_FIRST


def test_a_page_past_the_last_is_empty_but_keeps_the_total(client, catalogue):
    body = api(client, limit=3, page=4).get_json()
    assert (body["total"], body["page"], body["results"]) == (8, 4, [])


def test_without_limit_a_page_holds_the_configured_page_size(client, twenty_five):
    first, second = api(client).get_json(), api(client, page=2).get_json()
    assert (first["total"], len(first["results"]), len(second["results"])) == (25, 20, 5)
    assert result_ids(api(client)) + result_ids(api(client, page=2)) == twenty_five


def test_limit_may_go_up_to_the_configured_maximum(client, twenty_five):
    assert result_ids(api(client, limit=100)) == twenty_five


def test_an_empty_index_answers_no_results(client):
    body = api(client, q="soudeur").get_json()
    empty = {"source": [], "kind": [], "month": [], "tag": [], "sector": [], "place": [],
             "rome": [], "domaine": [], "lieu": [], "competence": []}
    totals = dict.fromkeys(empty, 0)
    assert body == {"total": 0, "page": 1, "results": [], "facets": empty,
                    "facet_totals": totals}


def test_facet_limit_bounds_each_facet_and_totals_say_how_many_values_it_has(client, catalogue):
    everything = api(client).get_json()
    body = api(client, facet_limit=1).get_json()
    assert body["facets"]["source"] == everything["facets"]["source"][:1]
    assert body["facet_totals"]["source"] == len(everything["facets"]["source"]) == 4
    assert body["facet_totals"]["tag"] == everything["facet_totals"]["tag"] > 1
    assert (body["total"], body["results"]) == (everything["total"], everything["results"])


def test_a_selected_value_is_answered_beyond_the_facet_limit(client, catalogue):
    facets = api(client, facet_limit=1, source="Carif-Oref Grand Est").get_json()["facets"]
    assert facets["source"] == [["Presse locale", 3], ["Carif-Oref Grand Est", 1]]


@pytest.mark.parametrize("value", ["0", "201", "x", "-1"])
def test_a_facet_limit_outside_1_to_200_is_refused(client, catalogue, value):
    response = client.get("/api/search", query_string={"facet_limit": value})
    assert response.status_code == 400
    assert "facet_limit" in response.get_json()["error"]


def facets(client, **params):
    response = client.get("/api/facets", query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_api_facets_finds_values_by_the_start_of_their_words(client, catalogue):
    body = facets(client, name="tag", prefix="TEN")
    assert body == {"name": "tag", "prefix": "TEN", "values": [["métiers en tension", 1]],
                    "total": 1}


def test_api_facets_counts_among_the_search_its_own_facet_aside(client, catalogue):
    all_sources = facets(client, name="source")["values"]
    body = facets(client, name="source", q="soudeur", source="Presse locale", facet_limit=1)
    assert body["values"] == [["France Travail Grand Est", 2]]
    assert body["total"] == 2
    assert len(all_sources) == 4


@pytest.mark.parametrize("params", [{}, {"name": "nothing"}, {"name": "tag", "facet_limit": "0"}])
def test_api_facets_refuses_an_unknown_facet_or_a_bad_limit(client, catalogue, params):
    response = client.get("/api/facets", query_string=params)
    assert response.status_code == 400
    assert response.get_json()["status"] == 400
