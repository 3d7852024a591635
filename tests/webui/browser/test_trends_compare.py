"""Issue 20 in Chromium: an advisor compares searches and jobs on the trends page: one
chart with a legend and a table beneath, readable on a phone (390 px: the chart shrinks with
the page, nothing scrolls sideways) and on a desktop, with no serious accessibility
violation; screenshots in tests/artifacts/."""

import pytest
from playwright.sync_api import expect

from tests.webui.browser.conftest import sign_in
from tests.webui.browser.test_design import VIEWPORTS, look_at, tab
from tests.webui.browser.test_jobs_and_trends import server  # noqa: F401 - the fixture


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_advisor_compares_searches_and_jobs_on_one_chart(browser, server,  # noqa: F811
                                                            viewport):
    page = tab(browser, viewport)
    sign_in(page, server, "advisor")
    page.goto(f"{server.url}/tendances")
    page.get_by_label("Comparer des recherches ou des métiers").fill(
        "soudeurs\nmétier:soudeur\naides-soignants")
    page.get_by_role("button", name="Afficher la tendance").click()

    comparison = page.locator("section.trend-comparison")
    expect(comparison.locator("svg[role=img] polyline.series")).to_have_count(3)
    expect(comparison.locator("ul.legend li")).to_have_count(3)
    expect(comparison.locator("table.trend-table thead th")).to_have_text(
        ["Période", "soudeurs", "métier:soudeur", "aides-soignants"])
    chart = comparison.locator("figure.trend-chart > svg[role=img]").bounding_box()
    assert chart["width"] <= VIEWPORTS[viewport]["width"]
    look_at(page, "trends-compared", viewport)
    page.context.close()
