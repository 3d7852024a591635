"""The job brief's "Besoins en main-d'œuvre" (BMO 2024, the real survey): the principal BMO
job of a ROME job in the Maison's territory (`[maison] territory`, the Grand Est by
default), each of its départements and bassins, and France, with the job's rank; what the
BMO job groups; secret cells said as such; the same on paper and as CSV."""

import csv
import io

import pytest

from tests.webui.support import html, sign_in
from webui import create_app


@pytest.fixture
def advisor(labour_instance):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, labour_instance, "advisor")
    return client


def needs_of(client, path: str = "/metiers/H2913"):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return html(response).find(attrs={"aria-labelledby": "needs-title"})


def rows(block) -> dict[str, list[str]]:
    return {row.th.get_text(strip=True): [cell.get_text(" ", strip=True)
                                          for cell in row.find_all("td")]
            for row in block.select("table tbody tr")}


def test_the_welders_of_the_grand_est_its_departements_and_bassins(advisor):
    block = needs_of(advisor)
    text = block.get_text(" ", strip=True)
    assert "Dans l'enquête BMO 2024, ce métier est compté surtout parmi les « Soudeurs » " \
           "(D1X33) : 7 de ses 10 niveaux de qualification." in text
    found = rows(block)
    assert list(found)[0] == "Grand Est"
    assert list(found)[1:11] == ["Ardennes", "Aube", "Marne", "Haute-Marne",
                                 "Meurthe-et-Moselle", "Meuse", "Moselle", "Bas-Rhin",
                                 "Haut-Rhin", "Vosges"]
    assert list(found)[-1] == "France"
    # Projects, share judged difficult, share seasonal, rank, secret cells.
    assert found["Moselle"][:2] == ["137", "49\u00a0%"]
    assert found["Moselle"][2] == "secret statistique"  # all four seasonal cells secret
    assert found["Moselle"][4] == "6"
    assert found["METZ"][:2] == ["70", "59\u00a0%"]
    assert found["SARREBOURG"] == ["secret statistique", "secret statistique",
                                   "secret statistique", "–", "3"]
    assert found["Moselle"][3] == "64e sur 182"  # 182 BMO jobs have projects there
    assert found["Grand Est"] == ["643", "83\u00a0%", "40\u00a0%", "80e sur 211", "47"]
    assert found["France"][0] == "6\u202f351" and found["France"][3] == "105e sur 217"
    assert "Source : France Travail, enquête BMO 2024." in text


def test_the_brief_says_the_bmo_job_groups_several_rome_jobs(advisor):
    block = needs_of(advisor)
    groups = block.find("p", class_="groups")
    assert "Un métier BMO regroupe plusieurs métiers du ROME" in groups.get_text()
    linked = [a["href"] for a in groups.find_all("a")]
    assert "/metiers/H2916" in linked and "/metiers/H2913" not in linked  # the page's own
    others = block.find("p", class_="others").get_text(" ", strip=True)
    assert "(D6X80, 2 niveaux)" in others and "(D6X70, 1 niveau)" in others


def test_the_maisons_territory_is_a_setting(labour_instance, monkeypatch):
    monkeypatch.setenv("VEILLE_MAISON_TERRITORY", "departement:57")
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, labour_instance, "advisor")
    assert list(rows(needs_of(client))) == ["Moselle", "BASSIN SIDERURGIQUE", "METZ",
                                            "BASSIN HOUILLER", "SARREBOURG", "France"]


def test_the_printed_brief_carries_the_figures_and_their_source(advisor):
    block = needs_of(advisor, "/metiers/H2913/imprimer")
    assert rows(block)["Moselle"][:2] == ["137", "49\u00a0%"]
    assert "Source : France Travail, enquête BMO 2024." in block.get_text()


def test_the_table_downloads_as_csv(advisor):
    response = advisor.get("/metiers/H2913/besoins.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "besoins-H2913-2024.csv" in response.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    moselle = next(row for row in table if row["Territoire"] == "Moselle")
    assert (moselle["Métier BMO"], moselle["Projets de recrutement"],
            moselle["Dont jugés difficiles"], moselle["Part saisonnière (%)"],
            moselle["Cellules en secret statistique"]) == (
        "Soudeurs", "137", "67", "secret statistique", "6")
    assert table[0]["Clé"] == "region:44" and table[-1]["Territoire"] == "France"


def test_without_the_survey_the_block_says_how_to_import_it(tagged_advisor):
    block = needs_of(tagged_advisor)
    assert "importez l'enquête" in block.get_text()
    assert tagged_advisor.get("/metiers/H2913/besoins.csv").status_code == 404
