"""A territory's page (`/territoires/<key>`) on the BMO 2024: the jobs that recruit most,
the most difficult and the most seasonal to recruit for, each leading to the briefs of its
ROME jobs; the news naming the place and the jobs whose news rise there; a commune shown
with its bassin; the tables as CSV; the finder; and the way there from every place facet
and tag."""

import csv
import io
from datetime import datetime, timedelta

import pytest

from tests.tags.test_itemtags import NURSES, write_jsonl
from tests.webui.support import html, sign_in
from veille.models import LOCAL_TIME
from webui import create_app

METZ = "/territoires/bassin:4431"


def days_ago(days: int) -> str:
    day = datetime.now(LOCAL_TIME) - timedelta(days=days)
    return day.replace(hour=9, minute=0, second=0, microsecond=0).isoformat()


# Welders in Metz eight times these last three weeks: their job rises in its bassin.
RECENT_WELDERS = [
    {"id": f"soudeurs-metz-{n}", "title": f"Metz : les soudeurs très recherchés ({n})",
     "content": "L'industrie messine manque de soudeurs. À Metz, une formation ouvre.",
     "url": f"https://exemple.test/import/soudeurs-metz-{n}", "published": days_ago(2 + 2 * n),
     "source": "Observatoire régional (import)", "kind": "news"}
    for n in range(8)
]


@pytest.fixture
def advisor(labour_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", *RECENT_WELDERS, NURSES)))
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, labour_instance, "advisor")
    return client


def page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return html(response)


def table(soup, caption: str) -> list[list[str]]:
    found = next(t for t in soup.select("table.figures-table")
                 if t.caption.get_text(strip=True) == caption)
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in found.tbody.find_all("tr")]


def test_the_jobs_that_recruit_most_in_the_bassin_of_metz(advisor):
    soup = page(advisor, METZ)
    assert soup.h1.get_text(strip=True) == "METZ (bassin d'emploi)"
    assert soup.find("p", class_="kicker").get_text(strip=True) == \
        "Bassin d'emploi (enquête BMO)"
    most = table(soup, "Les métiers qui recrutent le plus")
    assert len(most) == 10
    assert most[0][:3] == ["Agents d'entretien de locaux (T4X60)", "711", "54\u00a0%"]
    assert most[1][0] == "Magasiniers et préparateurs de commandes peu qualifiés (J0X33)"
    links = [a["href"] for a in soup.select("table.figures-table tbody a")]
    assert "/metiers/K2204" in links
    assert "Source : France Travail, enquête BMO 2024." in soup.get_text()


def test_the_most_difficult_and_seasonal_rank_jobs_of_twenty_projects_at_least(advisor):
    soup = page(advisor, METZ)
    difficult = table(soup, "Les recrutements les plus difficiles")
    assert difficult[0][0] == "Ouvriers de la construction en béton (B0X32)"
    assert all(int(row[1].replace("\u202f", "")) >= 20 for row in difficult)
    assert [row[2] for row in difficult[:3]] == ["100\u00a0%"] * 3
    seasonal = table(soup, "Les métiers les plus saisonniers")
    assert seasonal[0][0] == "Viticulteurs, arboriculteurs (A1X42)" and seasonal[0][3] == \
        "100\u00a0%"


def test_the_news_naming_the_place_and_the_jobs_rising_there(advisor):
    soup = page(advisor, METZ)
    news = soup.find(attrs={"aria-labelledby": "news-title"})
    assert news.h2.get_text(" ", strip=True) == \
        "Dernières actualités qui nomment ce lieu (8)"  # not the nurses of Reims
    rising = soup.find(attrs={"aria-labelledby": "rising-title"})
    assert rising.a["href"] == "/metiers/H2913"
    assert "8 actualités pour 2 attendues" in rising.get_text(" ", strip=True)


def test_a_commune_shows_its_bassins_figures(advisor):
    soup = page(advisor, "/territoires/commune:57463")
    assert soup.h1.get_text(strip=True) == "Metz (57)"
    assert soup.find("a", href=METZ).get_text(strip=True) == "METZ (bassin d'emploi)"
    assert table(soup, "Les métiers qui recrutent le plus")[0][1] == "711"


def test_the_tables_download_as_csv_with_secret_cells_said(advisor):
    response = advisor.get("/territoires/departement:57/besoins.csv?tri=difficiles")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "besoins-departement-57-difficiles.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 202 and rows[0]["Territoire"] == "Moselle"  # every job with rows
    welders = next(row for row in rows if row["Code métier BMO"] == "D1X33")
    assert (welders["Projets de recrutement"], welders["Part saisonnière (%)"]) == (
        "137", "secret statistique")
    sarrebourg = list(csv.DictReader(io.StringIO(advisor.get(
        "/territoires/bassin:4433/besoins.csv").get_data(as_text=True))))
    hidden = next(row for row in sarrebourg if row["Code métier BMO"] == "D1X33")
    assert hidden["Projets de recrutement"] == "secret statistique"
    assert advisor.get(f"{METZ}/besoins.csv?tri=alphabet").status_code == 400


def test_an_unknown_place_is_a_404_and_visitors_are_asked_to_sign_in(advisor):
    assert advisor.get("/territoires/bassin:9999").status_code == 404
    assert advisor.get("/territoires/departement:99/besoins.csv").status_code == 404
    visitor = create_app({"TESTING": True}).test_client()
    assert visitor.get(METZ).headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(("q", "first"), [
    ("bassin de Metz", ("METZ (bassin d'emploi)", "bassin:4431")),
    ("moselle", ("Moselle", "departement:57")),
    ("Sarreb", ("SARREBOURG (bassin d'emploi)", "bassin:4433")),
    ("metz", ("Metz (57)", "commune:57463")),
    ("4431", ("METZ (bassin d'emploi)", "bassin:4431")),  # by its code
    ("57463", ("Metz (57)", "commune:57463")),
])
def test_the_finder_leads_to_a_territory(advisor, q, first):
    found = page(advisor, f"/territoires?q={q}").select("ul.found-places a")
    assert (found[0].get_text(strip=True), found[0]["href"]) == (
        first[0], f"/territoires/{first[1]}")


def test_every_place_facet_and_tag_leads_to_its_territory(advisor):
    facets = page(advisor, "/search?q=soudeurs").select("a.to-territory")
    assert METZ in [a["href"] for a in facets]
    tags = page(advisor, "/items/soudeurs-metz-0").select("a.to-territory")
    assert {a["href"] for a in tags} >= {METZ, "/territoires/departement:57",
                                         "/territoires/commune:57463"}
