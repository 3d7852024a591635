"""The advisor's brief per ROME job (`/metiers/H2913`): the job, its domaine, skills, the
news and resources tagged with it (each leading to its page), the territories most
mentioned (each leading to a search), its trend; a version to print; the finder
(`/metiers?q=soudeur`). For those who see everything: other visitors are asked to sign in."""

from datetime import datetime, timedelta

import pytest

from tests.analyse.test_jobbrief import NEWEST_NEWS, WELDING_GUIDE, WELDING_NEWS
from tests.tags.test_itemtags import NURSES, write_jsonl
from tests.webui.support import html, params, path_and_query
from veille.models import LOCAL_TIME
from webui import create_app

BRIEF = "/metiers/H2913"


@pytest.fixture
def advisor(tagged_advisor):
    return tagged_advisor


@pytest.fixture
def welding(tagging_instance, veille, tmp_path):
    """Twelve news about welders (Metz, Thionville), a guide (Strasbourg), nurses in Reims."""
    records = (*WELDING_NEWS, WELDING_GUIDE, NURSES)
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", *records)))


def page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return html(response)


def section(soup, title_id: str):
    return soup.find(attrs={"aria-labelledby": title_id})


def linked_items(part) -> list[str]:
    return [a["href"] for a in part.select("ol a")]


def test_the_brief_names_the_job_its_domaine_and_appellations(advisor, welding):
    soup = page(advisor, BRIEF)
    assert soup.h1.get_text(strip=True) == "Soudeur / Soudeuse"
    assert soup.title.get_text().startswith("Soudeur / Soudeuse (H2913)")
    identity = soup.find("dl", class_="job-identity").get_text(" ", strip=True)
    assert "Mécanique, travail des métaux et outillage (H29)" in identity
    assert "Industrie (H)" in identity
    assert "Braseur / Braseuse" in identity
    assert "(et 8 autres)" in identity  # 16 appellations, 8 shown


def test_the_brief_lists_the_skills_by_kind_and_category(advisor, welding):
    skills = section(page(advisor, BRIEF), "skills-title")
    assert [h3.get_text(strip=True) for h3 in skills.find_all("h3")] == [
        "Savoir-faire", "Savoir-être professionnels", "Savoirs"]
    assert "Technique expert" in [h4.get_text(strip=True) for h4 in skills.find_all("h4")]
    assert "Techniques de soudage" in [li.get_text(strip=True) for li in skills.find_all("li")]


def test_the_latest_news_and_resources_lead_to_their_pages(advisor, welding):
    soup = page(advisor, BRIEF)
    news = section(soup, "news-title")
    assert "(12)" in news.h2.get_text()
    assert linked_items(news) == [f"/items/{item_id}" for item_id in NEWEST_NEWS[:10]]
    everything = news.find("a", string="Tout voir dans la recherche")
    assert params(everything["href"]) == {"rome": ["H2913"], "kind": ["news"], "sort": ["date"]}
    resources = section(soup, "resource-title")
    assert linked_items(resources) == ["/items/guide-soudage"]
    assert resources.find("a", string="Tout voir dans la recherche") is None  # all shown
    assert NURSES["title"] not in soup.get_text()
    assert page(advisor, linked_items(news)[0]).h1.get_text(strip=True) == WELDING_NEWS[-1]["title"]


def test_the_territories_most_mentioned_lead_to_the_search_and_their_pages(advisor, welding):
    territories = section(page(advisor, BRIEF), "territories-title")
    pages = [a["href"] for a in territories.select("a.to-territory")]
    assert pages[:2] == ["/territoires/departement:57", "/territoires/departement:67"]
    places = {a.get_text(strip=True): a["href"]
              for a in territories.select("a:not(.to-territory)")}
    assert list(places) == ["Moselle", "Bas-Rhin", "Metz (57)", "Thionville (57)",
                            "Strasbourg (67)"]
    assert params(places["Moselle"]) == {"rome": ["H2913"], "lieu": ["departement:57"]}
    results = page(advisor, path_and_query(places["Thionville (57)"]))
    assert results.find(id="results-title").get_text(" ", strip=True).startswith("4 documents")


def test_the_trend_is_a_table_of_news_a_week_and_says_when_it_rises(
        advisor, tagging_instance, veille, tmp_path):
    now = datetime.now(LOCAL_TIME)  # the brief counts the weeks up to today
    recent = [dict(record, published=(now - timedelta(days=n + 1)).isoformat())
              for n, record in enumerate(WELDING_NEWS)]
    veille("import", str(write_jsonl(tmp_path / "recent.jsonl", *recent)))
    trend = section(page(advisor, BRIEF), "trend-title")
    assert trend.find("svg", role="img")["aria-label"].startswith("Actualités par semaine")
    assert trend.caption.get_text(strip=True) == "Actualités par semaine"
    rows = {row.time["datetime"]: int(row.td.get_text()) for row in trend.tbody("tr")}
    assert len(rows) == 26 and sum(rows.values()) == 12
    assert trend.tbody.tr.th.get_text(strip=True).startswith("semaine du ")
    assert "En hausse : 12 actualités" in trend.find(class_="rising").get_text()
    explore = trend.find("a", string="Explorer cette tendance")["href"]
    assert explore.startswith("/tendances?")
    assert params(explore) == {"rome": ["H2913"], "kind": ["news"]}


def test_a_job_nothing_mentions_yet_says_so(advisor, welding):
    soup = page(advisor, "/metiers/K2111")
    assert soup.h1.get_text(strip=True) == "Formateur / Formatrice"
    text = soup.get_text(" ", strip=True)
    assert "Aucune actualité n'est encore rattachée à ce métier." in text
    assert "Aucune ressource n'est encore rattachée à ce métier." in text
    assert "Aucun territoire n'est encore cité avec ce métier." in text


@pytest.mark.parametrize(("path", "location"), [
    ("/metiers/h2913", BRIEF),
    ("/metiers/h2913/imprimer", f"{BRIEF}/imprimer"),
])
def test_a_code_in_small_letters_is_sent_to_the_code_in_capitals(advisor, path, location):
    response = advisor.get(path)
    assert response.status_code == 301
    assert response.headers["Location"] == location


def test_an_unknown_code_is_not_found_and_the_page_says_how_to_find_one(advisor):
    for path in ("/metiers/Z9999", "/metiers/Z9999/imprimer"):
        response = advisor.get(path)
        assert response.status_code == 404
        soup = html(response)
        assert "Le ROME ne compte aucun métier de code « Z9999 »." in soup.get_text()
        assert soup.find("a", href="/metiers") is not None


def test_without_the_rome_the_pages_say_how_to_import_it(instance):
    client = create_app({"TESTING": True}).test_client()
    response = client.get(BRIEF)
    assert response.status_code == 404
    assert "veille referentials import DOSSIER" in html(response).get_text()
    finder = page(client, "/metiers?q=soudeur")
    assert "veille referentials import DOSSIER" in finder.get_text()
    assert finder.find("form", role="search", action="/metiers") is None


def test_the_version_to_print_is_dated_and_sourced_without_navigation(advisor, welding):
    soup = page(advisor, f"{BRIEF}/imprimer")
    assert soup.find("header", class_="site") is None and soup.find("nav") is None
    assert soup.body["class"] == ["printable"]
    assert soup.find("link", rel="stylesheet")["href"].endswith("style.css")
    assert soup.h1.get_text(strip=True) == "Soudeur / Soudeuse"
    assert soup.find("time")["datetime"] == datetime.now(LOCAL_TIME).date().isoformat()
    assert "Fiche établie le" in soup.find("time").parent.get_text()
    source = soup.find("footer", class_="brief-source").get_text(" ", strip=True)
    assert "Source : ROME 4.0, France Travail (version 460)." in source
    assert linked_items(section(soup, "news-title"))[0] == f"/items/{NEWEST_NEWS[0]}"
    for title_id in ("skills-title", "resource-title", "territories-title", "trend-title"):
        assert section(soup, title_id) is not None, title_id
    brief = page(advisor, BRIEF)
    assert brief.find("a", href=f"{BRIEF}/imprimer").get_text(strip=True) == "Version à imprimer"
    assert soup.find(class_="maison-print").get_text(strip=True) == "Maison des compétences"


def test_the_finder_lists_jobs_by_name_and_appellation(advisor):
    soup = page(advisor, "/metiers?q=Soudeuse")
    jobs = {a["href"]: a.get_text(strip=True) for a in soup.select("ul.found-jobs a")}
    assert jobs["/metiers/H2913"] == "Soudeur / Soudeuse"
    assert "12 métiers pour « Soudeuse »" in soup.h2.get_text()
    found = page(advisor, "/metiers?q=braseuse").select_one("ul.found-jobs li")
    assert found.a["href"] == "/metiers/H2913"
    assert "par l'appellation « Braseur / Braseuse »" in found.get_text(" ", strip=True)
    assert "Aucun métier ne porte ces mots." in page(advisor, "/metiers?q=zzyzx").get_text()


def test_the_finder_without_words_is_an_empty_form(advisor):
    soup = page(advisor, "/metiers")
    form = soup.find("form", action="/metiers")
    assert form["method"] == "get" and form.find("input", id="metier-q")["value"] == ""
    assert soup.select("ul.found-jobs") == [] and soup.h2 is None


@pytest.mark.parametrize("path", ["/metiers", "/metiers?q=soudeur", BRIEF, f"{BRIEF}/imprimer"])
def test_every_form_control_is_labelled(advisor, welding, path):
    soup = page(advisor, path)
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.get("type") in ("hidden", "submit"):
            continue
        assert control.get("aria-label") or soup.find("label", attrs={"for": control["id"]}), \
            control


def test_advisors_find_the_finder_in_the_navigation(advisor):
    nav = page(advisor, "/metiers").find("nav", class_="site-nav")
    assert nav.find("a", href="/metiers").get_text(strip=True) == "Métiers"


@pytest.mark.parametrize("path", [BRIEF, f"{BRIEF}/imprimer", "/metiers?q=soudeur"])
def test_visitors_who_do_not_see_everything_are_asked_to_sign_in(tagged_app, advisor, path):
    response = tagged_app.test_client().get(path)  # someone has an account: search is closed
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert params(response.headers["Location"])["next"] == [path]


def test_visitors_of_an_instance_open_to_all_read_the_brief(tagging_instance, advisor):
    open_app = create_app({"TESTING": True, "VEILLE_SETTINGS": {"web.public_search": "yes"}})
    visitor = open_app.test_client()
    assert page(visitor, BRIEF).h1.get_text(strip=True) == "Soudeur / Soudeuse"
    assert page(visitor, "/search").find("nav", class_="site-nav").find("a", href="/metiers")


def test_the_portal_offers_no_brief_to_visitors(tagged_app, advisor):
    nav = page(tagged_app.test_client(), "/portail").find("nav", class_="site-nav")
    assert nav.find("a", href="/metiers") is None
