"""The trends page (`/tendances`): a search's counts as an accessible chart and a table, its
rise explained, the jobs rising this month, and the way there from the search page."""

import pytest

from tests.webui.support import html, params, sign_in
from tests.webui.test_trends_api import MAY, import_may
from webui import create_app


@pytest.fixture
def advisor(tagging_instance, veille, tmp_path):
    """An advisor signed in, on an instance holding the items of May (the welders)."""
    import_may(veille, tmp_path)
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, tagging_instance, "advisor")
    return client


def page(client, **args):
    response = client.get("/tendances", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    return html(response)


def test_the_chart_is_an_image_summarised_in_words_and_its_numbers_a_table(advisor):
    soup = page(advisor, rome="H2913", **MAY)
    chart = soup.select_one("figure.trend-chart svg")
    assert chart["role"] == "img"
    assert chart["aria-label"] == ("Documents par semaine (semaine du 27 avril 2026 – semaine "
                                   "du 18 mai 2026) : 8 documents en tout, au plus 4 par "
                                   "période")
    assert len(chart.select("rect.bar")) == 4
    assert [tick.get_text() for tick in chart.select("text.tick")][2:] == [
        "2026-W18", "2026-W19", "2026-W20", "2026-W21"]
    table = soup.select_one("table.trend-table")
    assert table.caption.get_text() == "Documents par semaine"
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])]
            for row in table.tbody.find_all("tr")]
    assert rows == [["semaine du 27 avril 2026", "0"], ["semaine du 4 mai 2026", "4"],
                    ["semaine du 11 mai 2026", "2"], ["semaine du 18 mai 2026", "2"]]


def test_by_month_the_periods_are_months(advisor):
    soup = page(advisor, interval="month", **{"from": "2026-04-01", "to": "2026-05-31"})
    rows = [row.th.get_text() for row in soup.select("table.trend-table tbody tr")]
    assert rows == ["avril 2026", "mai 2026"]
    assert soup.select_one("table.trend-table caption").get_text() == "Documents par mois"
    assert soup.select_one("#trend-interval option[selected]")["value"] == "month"


def test_a_job_may_be_named_rather_than_coded(advisor):
    coded, named = page(advisor, rome="H2913", **MAY), page(advisor, rome="soudeurs", **MAY)
    assert named.select_one("table.trend-table").get_text() == coded.select_one(
        "table.trend-table").get_text()
    assert named.select_one("#trend-rome")["value"] == "soudeurs"  # as typed


def test_the_rise_of_the_search_is_explained_with_its_numbers(advisor):
    rise = page(advisor, rome="H2913", **MAY).select_one(".trend-rise").get_text(" ", strip=True)
    assert ("8 documents ces 4 dernières semaines, pour 2 attendus d'après les 12 semaines "
            "précédentes.") in rise
    assert "Cette recherche est en hausse marquée." in rise
    quiet = page(advisor, q="aides-soignants", **MAY).select_one(".trend-rise").get_text()
    assert "en hausse" not in quiet


def test_the_jobs_rising_this_month_link_to_their_brief_and_their_trend(advisor):
    section = page(advisor, lieu="Moselle", **MAY).select_one(".rising-jobs")
    explained = section.p.get_text(" ", strip=True)
    assert "4 dernières semaines" in explained and "12 semaines précédentes" in explained
    assert "au moins 5 documents" in explained and "une chance sur 100" in explained
    [job] = section.select("ul.jobs li")
    brief, trend = job.select("a")
    assert brief["href"] == "/metiers/H2913" and "(H2913)" in brief.get_text()
    assert "8 documents pour 2 attendus (× 4)" in job.get_text(" ", strip=True)
    assert params(trend["href"]) == {"lieu": ["Moselle"], "rome": ["H2913"],
                                     "interval": ["week"], **{k: [v] for k, v in MAY.items()}}


def test_the_departements_rising_this_month_link_to_their_search_territory_and_trend(
        advisor):
    section = page(advisor, rome="H2913", **MAY).select_one(".rising-jobs")
    [moselle] = section.select("ul.places li")
    search, territory, trend = moselle.select("a")
    assert territory["href"] == "/territoires/departement:57"
    assert search.get_text() == "Moselle"
    assert params(search["href"])["lieu"] == ["departement:57"]
    assert params(trend["href"])["rome"] == ["H2913"]
    assert params(trend["href"])["lieu"] == ["departement:57"]


def test_without_a_rising_job_the_page_says_so(advisor):
    section = page(advisor, to="2026-09-30").select_one(".rising-jobs")
    assert section.select("li") == []
    assert "Aucun métier n'est en hausse marquée ce mois-ci." in section.get_text()
    assert "Aucun département n'est en hausse marquée ce mois-ci." in section.get_text()


def test_every_control_has_a_label_and_other_filters_ride_along(advisor):
    soup = page(advisor, source="Observatoire régional", **MAY)
    form = soup.select_one("form.trend-form")
    for control in form.select("input:not([type=hidden]), select"):
        assert form.select_one(f"label[for={control['id']}]"), control
    hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert hidden == {"source": "Observatoire régional", **MAY}


def test_a_bad_interval_is_a_page_saying_what_is_expected(advisor):
    response = advisor.get("/tendances?interval=jour")
    assert response.status_code == 400
    assert "interval doit valoir week ou month" in response.get_data(as_text=True)


def test_the_search_page_links_to_the_trend_of_its_search_and_the_menu_to_trends(advisor):
    soup = html(advisor.get("/search", query_string={"q": "soudeurs", "lieu": "Moselle"}))
    link = soup.select_one(".trend-link a")
    assert link["href"].startswith("/tendances?")
    assert params(link["href"]) == {"q": ["soudeurs"], "lieu": ["Moselle"]}
    assert soup.select_one("nav.site-nav a[href='/tendances']").get_text() == "Tendances"


def test_visitors_of_a_closed_instance_are_asked_to_sign_in(advisor):
    visitor = create_app({"TESTING": True}).test_client()  # an account exists: closed
    response = visitor.get("/tendances?rome=H2913")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/tendances?rome%3DH2913"
    assert html(visitor.get("/login")).select_one("a[href='/tendances']") is None
