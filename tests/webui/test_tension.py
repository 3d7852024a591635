"""`/tendances`, "Métiers en tension dont on parle": the jobs whose news rise this month
and whose principal BMO job is judged difficult to recruit in the Maison's territory more
often than all its projects together (BMO 2024), as a table and as CSV."""

import csv
import io

import pytest

from tests.tags.test_itemtags import NURSES, write_jsonl
from tests.webui.support import html, sign_in
from tests.webui.test_territory_pages import RECENT_WELDERS
from webui import create_app


@pytest.fixture
def imported(labour_instance, veille, tmp_path):
    """Welders in Metz eight times these last three weeks: their job rises."""
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", *RECENT_WELDERS, NURSES)))
    return labour_instance


def advisor_of(instance):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, instance, "advisor")
    return client


def shortlist(client):
    response = client.get("/tendances")
    assert response.status_code == 200
    return html(response).find(attrs={"aria-labelledby": "tension-title"})


def test_rising_welders_are_in_tension_in_the_grand_est(imported):
    section = shortlist(advisor_of(imported))
    said = " ".join(section.p.get_text().split())
    assert "dans le territoire de la Maison (Grand Est), plus souvent que l'ensemble de ses " \
           "projets de recrutement (61 %)" in said  # spaces made plain
    assert section.p.a["href"] == "/territoires/region:44"
    [row] = section.select("tbody tr")
    assert row.a["href"] == "/metiers/H2913"
    assert [cell.get_text(" ", strip=True) for cell in row.find_all("td")] == [
        "8", "Soudeurs (D1X33)", "643", "83\u00a0%"]


def test_in_the_moselle_welders_are_not_harder_to_recruit_than_the_rest(imported,
                                                                      monkeypatch):
    monkeypatch.setenv("VEILLE_MAISON_TERRITORY", "departement:57")
    section = shortlist(advisor_of(imported))
    assert section.select("tbody tr") == []  # 49 % judged difficult, against 63 % in all
    assert "Aucun métier en hausse ce mois-ci n'est en tension" in section.get_text()


def test_the_shortlist_downloads_as_csv(imported):
    response = advisor_of(imported).get("/tendances/tension.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    [row] = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert (row["Code ROME"], row["Code métier BMO"], row["Projets de recrutement"],
            row["Part jugée difficile (%)"], row["Part jugée difficile du territoire (%)"],
            row["Territoire"]) == ("H2913", "D1X33", "643", "83.0", "61.1", "Grand Est")


def test_without_the_survey_the_page_says_what_to_load(tagging_instance):
    advisor = advisor_of(tagging_instance)
    assert "Chargez l'enquête BMO" in shortlist(advisor).get_text()
    assert advisor.get("/tendances/tension.csv").status_code == 404
