"""`/api/besoins`: the BMO 2024's hiring needs of a ROME job in a place, on the real survey
(its figures sum the published cells of the place's bassins, its secret cells counted
apart), and clear refusals in the API's error shape."""

from datetime import date

import pytest

from veille.models import Figure
from veille.store import figures as figure_store
from webui import create_app

SOUDEURS_MOSELLE = {
    "code": "D1X33", "libelle": "Soudeurs", "principal": True,
    "projets": 137, "difficiles": 67, "saisonniers": 0, "secrets": 6,
    "bassins": [
        {"code": "4430", "libelle": "BASSIN SIDERURGIQUE", "projets": 14, "difficiles": 14,
         "saisonniers": 0, "secrets": 1},
        {"code": "4431", "libelle": "METZ", "projets": 70, "difficiles": 41, "saisonniers": 0,
         "secrets": 1},
        {"code": "4432", "libelle": "BASSIN HOUILLER", "projets": 53, "difficiles": 12,
         "saisonniers": 0, "secrets": 1},
        {"code": "4433", "libelle": "SARREBOURG", "projets": 0, "difficiles": 0,
         "saisonniers": 0, "secrets": 3},
    ],
}


@pytest.fixture
def client(labour_instance):
    return create_app({"TESTING": True}).test_client()


def besoins(client, status: int = 200, **args) -> dict:
    response = client.get("/api/besoins", query_string=args)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def test_the_welders_of_the_moselle(client):
    found = besoins(client, rome="H2913", lieu="departement:57")
    assert (found["annee"], found["rome"], found["lieu"], found["annees"]) == (
        2024, "H2913", "departement:57", [2024])
    assert found["metiers_bmo"][0] == SOUDEURS_MOSELLE
    # The levels of H2913 DARES sends elsewhere, by how many: supervisors (8 and 9) and
    # technicians (7), shown apart.
    assert [(job["code"], job["principal"]) for job in found["metiers_bmo"]] == [
        ("D1X33", True), ("D6X80", False), ("D6X70", False)]


def test_a_job_and_a_place_by_their_names(client):
    found = besoins(client, rome="soudeur", lieu="Moselle", annee="2024")
    assert (found["rome"], found["lieu"]) == ("H2913", "departement:57")
    assert found["metiers_bmo"][0] == SOUDEURS_MOSELLE


def test_a_rome_4_job_absent_from_dares_table_is_counted_as_its_v3_parent(client):
    """H2916, Soudeur TIG, is new in ROME 4.0: its parent H2913 gives its BMO jobs."""
    found = besoins(client, rome="H2916", lieu="departement:57")
    assert found["rome"] == "H2916"
    assert found["metiers_bmo"][0] == SOUDEURS_MOSELLE


def test_a_bassin_named_by_name_and_a_commune_by_its_bassin(client):
    metz = besoins(client, rome="H2913", lieu="bassin d'emploi de Metz")
    assert metz["lieu"] == "bassin:4431"
    welders = metz["metiers_bmo"][0]
    assert (welders["projets"], welders["difficiles"], welders["secrets"]) == (70, 41, 1)
    assert [bassin["libelle"] for bassin in welders["bassins"]] == ["METZ"]
    commune = besoins(client, rome="H2913", lieu="Metz")  # the commune, in its bassin
    assert commune["lieu"] == "commune:57463"
    assert commune["metiers_bmo"] == metz["metiers_bmo"]


def test_a_secret_cell_is_counted_never_read_as_zero_or_one(client):
    sarrebourg = besoins(client, rome="H2913", lieu="bassin:4433")["metiers_bmo"][0]
    assert sarrebourg["secrets"] == 3
    assert sarrebourg["bassins"] == [SOUDEURS_MOSELLE["bassins"][3]]


def test_without_a_job_every_bmo_job_of_the_place_by_projects(client):
    found = besoins(client, lieu="bassin:4431")
    jobs = found["metiers_bmo"]
    assert found["rome"] is None
    assert len(jobs) > 150 and not any(job["principal"] for job in jobs)
    projects = [job["projets"] for job in jobs]
    assert projects == sorted(projects, reverse=True) and projects[0] > 500
    assert next(job for job in jobs if job["code"] == "D1X33")["projets"] == 70


@pytest.mark.parametrize(("args", "status", "error"), [
    ({"rome": "H2913", "lieu": "bassin:501"}, 404,
     "L'enquête BMO 2024 n'a pas de chiffres pour SAINT PIERRE ET MIQUELON (bassin "
     "d'emploi)."),
    ({"rome": "H2913", "lieu": "commune:98411"}, 404,
     "L'enquête BMO 2024 n'a pas de chiffres pour Îles Saint-Paul et Nouvelle-Amsterdam "
     "(984)."),
    ({"rome": "H2913", "lieu": "57", "annee": "2019"}, 404,
     "L'enquête BMO 2019 n'est pas chargée (années chargées : 2024)."),
    ({"rome": "H2913", "lieu": "57", "annee": "l'an passé"}, 400,
     "annee doit être une année, comme 2024"),
    ({"rome": "H2913", "lieu": "Atlantide"}, 400,
     "Aucun lieu ne correspond à « Atlantide » (un nom, un code INSEE ou une clé comme "
     "departement:57)."),
    ({"rome": "astronaute lunaire", "lieu": "57"}, 400,
     "Aucun métier du ROME ne correspond à « astronaute lunaire »."),
    ({"rome": "H2913"}, 400,
     "lieu est obligatoire : une clé (departement:57), un code INSEE ou un nom"),
])
def test_what_cannot_be_answered_is_said_in_the_apis_error_shape(client, args, status, error):
    assert besoins(client, status, **args) == {"error": error, "status": status}


def test_without_a_survey_loaded_the_api_says_how_to_import_one(tagging_instance):
    client = create_app({"TESTING": True}).test_client()
    assert besoins(client, 404, rome="H2913", lieu="57") == {
        "error": "Aucune enquête BMO n'est chargée : importez-la avec « veille referentials "
                 "import DOSSIER ».", "status": 404}


def record_figures(instance, *points: Figure) -> None:
    with instance.engine.begin() as conn:
        figure_store.record(conn, None, points)


def test_the_offers_and_statistics_france_travail_sources_count_come_along(
        client, labour_instance):
    record_figures(labour_instance,
                   Figure("offres", "H2913", "departement:57", date(2026, 11, 30), 1180),
                   Figure("offres", "H2913", "departement:57", date(2026, 12, 7), 1234),
                   Figure("DE_1/A", "H2913", "departement:57", date(2022, 7, 1), 4430))
    found = besoins(client, rome="H2913", lieu="Moselle")
    assert found["offres"] == {"total": 1234, "date": "2026-12-07",
                               "serie": [["2026-11-30", 1180], ["2026-12-07", 1234]]}
    assert found["statistiques"] == [{"indicateur": "DE_1/A", "date": "2022-07-01",
                                      "valeur": 4430.0, "serie": [["2022-07-01", 4430.0]]}]


def test_without_a_source_for_the_job_and_place_offers_and_statistics_are_null(
        client, labour_instance):
    record_figures(labour_instance,
                   Figure("offres", "H2913", "commune:57463", date(2026, 12, 7), 9))
    for args in ({"rome": "H2913", "lieu": "departement:57"}, {"lieu": "commune:57463"}):
        found = besoins(client, **args)
        assert (found["offres"], found["statistiques"]) == (None, None)
