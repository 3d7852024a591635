"""The trends page compares up to five searches or jobs on one chart (a legend, a table
beneath), and every series downloads as CSV."""

import csv
import io

from tests.webui.test_trends_api import MAY
from tests.webui.test_trends_pages import advisor, page  # noqa: F401 - the fixture

COMPARED = "soudeurs\nmétier:H2913\naides-soignants"


def test_searches_and_jobs_compared_share_one_chart_a_legend_and_a_table(advisor):  # noqa: F811
    soup = page(advisor, comparer=COMPARED, **MAY)
    section = soup.select_one("section.trend-comparison")
    assert len(section.select("svg[role=img] polyline.series")) == 3
    legend = [li.get_text(" ", strip=True).split(" · ")[0]
              for li in section.select("ul.legend li")]
    assert legend == ["soudeurs", "métier:H2913", "aides-soignants"]
    table = section.select_one("table.trend-table")
    assert [th.get_text() for th in table.thead.select("th")] == [
        "Période", "soudeurs", "métier:H2913", "aides-soignants"]
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])]
            for row in table.tbody.find_all("tr")]
    assert rows == [["semaine du 27 avril 2026", "0", "0", "0"],
                    ["semaine du 4 mai 2026", "4", "4", "1"],
                    ["semaine du 11 mai 2026", "2", "2", "0"],
                    ["semaine du 18 mai 2026", "2", "2", "0"]]
    assert soup.select_one("textarea[name=comparer]").get_text() == COMPARED


def test_every_series_downloads_as_csv(advisor):  # noqa: F811
    soup = page(advisor, comparer=COMPARED, **MAY)
    link = soup.select("section.trend-comparison ul.legend a")[2]["href"]
    response = advisor.get(link)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == [
        ["période", "documents"], ["2026-W18", "0"], ["2026-W19", "1"], ["2026-W20", "0"],
        ["2026-W21", "0"]]


def test_more_than_five_searches_are_refused(advisor):  # noqa: F811
    response = advisor.get("/tendances", query_string={"comparer": "a\nb\nc\nd\ne\nf"})
    assert response.status_code == 400
    assert "5 recherches au plus à comparer" in response.get_data(as_text=True)
