"""Source kind francetravail-stats: France Travail's labour-market indicators, the recorded
answers of the real API (../shared/data/francetravail-api-samples) served by a loopback
server and parsed whole."""

import json
from datetime import date

import pytest

from tests.francetravailserver import STATS, FranceTravailServer
from veille.collectors import francetravail_stats
from veille.errors import ParseError
from veille.store import figures as figure_store

SCOPES = "api_stats-offres-demandes-emploiv1 offresetdemandesemploi"


@pytest.fixture
def samples(shared_data):
    return shared_data / "francetravail-api-samples"


@pytest.fixture
def api(samples):
    with FranceTravailServer() as server:
        server.indicators = {"stat-demandeurs": samples / "example.json",
                             "stat-dynamique-emploi": samples / "jobIndic.json"}
        yield server


@pytest.fixture
def instance(veille_env, monkeypatch, api):
    return api.instance(monkeypatch)


def test_the_recorded_job_seekers_answer_is_read_whole(samples):
    recorded = json.loads((samples / "example.json").read_text("utf-8"))
    read = francetravail_stats.figures(recorded)
    assert len(read) == len(recorded["listeValeursParPeriode"]) == 189
    assert {figure.indicator for figure in read} == {
        f"DE_1/{category}" for category in ("A", "B", "C", "D", "E", "ABC", "ABCDE")}
    assert {(figure.rome, figure.place) for figure in read} == {("A1203", "region:75")}
    latest = max((f for f in read if f.indicator == "DE_1/A"), key=lambda f: f.date)
    assert (latest.date, latest.value) == (date(2022, 7, 1), 4430.0)
    assert min(figure.date for figure in read) == date(2016, 1, 1)


def test_the_recorded_hiring_dynamism_answer_is_read_whole(samples):
    recorded = json.loads((samples / "jobIndic.json").read_text("utf-8"))
    read = francetravail_stats.figures(recorded)
    assert len(read) == 17
    assert {(f.indicator, f.rome, f.place) for f in read} == {("DYN_1", "MOYENNE", "region:75")}
    assert max(read, key=lambda f: f.date).date == date(2023, 1, 1)


@pytest.mark.parametrize("answer", [[], {"listeValeursParPeriode": "rien"}, {"x": 1}])
def test_an_answer_of_another_shape_is_an_api_change(answer):
    with pytest.raises(ParseError) as refused:
        francetravail_stats.figures(answer)
    assert refused.value.kind == "api_changed"


def test_a_collection_stores_each_indicator_as_dated_figures(instance, veille, api):
    api.then(f"{STATS}stat-offres", 204)  # no recorded answer: none for this territory
    said = veille("sources", "add", "--kind", "francetravail-stats", "--rome", "A1203",
                  "--lieu", "region:75")
    assert said.stdout.startswith("added source ")
    veille("collect", "--all")
    assert [call.path.removeprefix(STATS) for call in api.calls] == [
        "stat-demandeurs", "stat-offres", "stat-dynamique-emploi"]
    first = json.loads(api.calls[0].body)
    assert first == {"codeTypeTerritoire": "REG", "codeTerritoire": "75",
                     "codeTypeActivite": "ROME", "codeActivite": "A1203",
                     "codeTypePeriode": "TRIMESTRE", "codeTypeNomenclature": "CATCAND"}
    assert api.token_scopes == [SCOPES]
    with instance.engine.connect() as conn:
        stored = figure_store.series(conn, "A1203", "region:75")
        averages = figure_store.series(conn, "MOYENNE", "region:75", "DYN_1")
    assert (len(stored), len(averages)) == (189, 17)
    [row] = json.loads(veille("sources", "list", "--json").stdout)
    assert (row["kind"], row["status"], row["last_error"]) == ("francetravail-stats", "ok", None)


def test_an_indicator_failing_fails_the_source_with_its_kind(instance, veille, api):
    veille("sources", "add", "--kind", "francetravail-stats", "--rome", "A1203",
           "--lieu", "region:75")
    veille("collect", "--all")  # stat-offres: 404, no recorded answer served
    [row] = json.loads(veille("sources", "list", "--json").stdout)
    assert (row["status"], row["last_error_kind"]) == ("failing", "not_found")
