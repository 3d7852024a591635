"""Every page on a phone (390 px) and a desktop (1280 px), in Chromium: no page scrolls
sideways, axe-core finds no serious violation, the navigation folds behind "Menu" on the
phone and keeps to one line on the desktop, the facets wait behind a button on the phone,
an item's article comes before any form, and the sources page says every kind of failure
in French. A screenshot of each page at each width is kept in tests/artifacts/ (design-*)
for a person to look at."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.feedserver import FeedServer
from tests.liveserver import LiveServer
from tests.tags.test_itemtags import NURSES, write_jsonl
from tests.webui.browser.conftest import ARTIFACTS, follow_menu, serious_violations, sign_in
from tests.webui.browser.test_jobs_and_trends import RECENT_WELDERS
from tests.webui.conftest import CATALOGUE, sources_failing_every_way
from tests.webui.support import english_words
from veille.curate import curation
from veille.diffuse import bulletins, dossiers

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
ARTICLE = {  # an article that opens with its own title, as extracted web pages do
    "id": "centre-numerique", "published": "2026-04-12T09:00:00+02:00",
    "title": "Un centre de formation au numérique ouvre à Metz",
    "content": "<h2>Un centre de formation au numérique ouvre à Metz</h2>"
               "<p>Développeurs, techniciens support et data analysts y seront formés dès "
               "l'automne, en alternance avec les entreprises du bassin messin.</p>"
               "<p>La Région finance 120 places la première année.</p>",
    "url": "https://exemple.test/actu/centre-numerique-metz",
    "source": "Presse locale", "kind": "news", "tags": ["numérique", "Moselle"]}
DOC = "documentalist@maison.test"
# The pages of a Maison's people (signed in as an admin, who reaches them all), by name.
PAGES = {
    "search": "/search?q=soudeur",
    "item": f"/items/{ARTICLE['id']}",
    "brief": "/metiers/H2913",
    "trends": "/tendances?rome=H2913",
    "sources": "/sources",
    "source-new": "/sources/new",
    "rules": "/rules",
    "dossiers": "/dossiers",
    "dossier": "/dossiers/1",
    "bulletins": "/bulletins",
    "bulletin": "/bulletins/1",
    "saved": "/saved",
    "resources": "/resources/new",
    "users": "/admin/users",
    "settings": "/admin/settings",
}
VISITORS = {"portal": "/portail", "login": "/login", "archive": "/bulletins/archive"}


@pytest.fixture
def maison(tagged_server: LiveServer, tagging_instance, veille, tmp_path: Path,
           feed_server: FeedServer) -> Iterator[LiveServer]:
    """The app served over a Maison at work: its catalogue and news, tagged; an article
    published on the portal; a dossier and a bulletin; sources failing every way."""
    records = [*CATALOGUE, ARTICLE, *RECENT_WELDERS, NURSES]
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", *records)))
    curation.publish(tagging_instance, ARTICLE["id"], DOC, True, ("M",), ("Moselle",))
    curation.curate(tagging_instance, "soudeurs-moselle", DOC, star=True, note="À suivre")
    dossier = dossiers.create(tagging_instance, "Forum de l'industrie", "Pour le forum", DOC)
    dossiers.put(tagging_instance, dossier, "soudeurs-moselle", "Le plus demandé", None, DOC)
    bulletins.draft(tagging_instance, "Bulletin d'avril", "Les nouvelles du mois.", DOC,
                    item_ids=["soudeurs-moselle", ARTICLE["id"]])
    with sources_failing_every_way(tagging_instance, feed_server):
        yield tagged_server


def tab(browser: Browser, viewport: str) -> Page:
    return browser.new_context(locale="fr-FR", viewport=VIEWPORTS[viewport]).new_page()


def look_at(page: Page, name: str, viewport: str) -> None:
    """The page on screen: it does not scroll sideways and axe-core finds nothing serious;
    its screenshot is kept for a person to look at. Measured once the page has loaded: a
    layout asked for before its stylesheet arrives (a slow machine) is the unstyled page's."""
    page.wait_for_load_state("load")
    width = page.evaluate("[document.scrollingElement.scrollWidth,"
                          " document.scrollingElement.clientWidth]")
    assert width[0] <= width[1], f"{name} at {viewport}: {width[0]} px wide in {width[1]}"
    assert serious_violations(page) == [], name
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"design-{viewport}-{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_fits_the_screen_and_is_accessible(browser, maison, feed_server, viewport):
    page = tab(browser, viewport)
    for name, path in VISITORS.items():
        page.goto(maison.url + path)
        look_at(page, name, viewport)
    sign_in(page, maison, "admin")
    for name, path in PAGES.items():
        page.goto(maison.url + path)
        expect(page.locator("h1").first).to_be_visible()
        look_at(page, name, viewport)
    page.goto(f"{maison.url}/sources/new")  # a source tried: its first entries, their links
    page.get_by_label("Adresse (URL) du flux ou de la page").fill(
        feed_server.url("/feeds/emploi-grand-est.rss"))
    page.get_by_role("button", name="Tester cette source").click()
    expect(page.locator("table.preview")).to_be_visible()
    look_at(page, "source-tried", viewport)
    page.context.close()


def test_on_a_phone_the_menu_and_the_facets_wait_behind_their_buttons(browser, maison):
    page = tab(browser, "phone")
    sign_in(page, maison, "documentalist")
    page.goto(f"{maison.url}/search?q=soudeur")
    sources = page.get_by_role("link", name="Sources", exact=True)
    expect(sources).to_be_hidden()
    expect(page.locator("aside.facets")).to_be_hidden()
    first = page.locator("li.hit").first.bounding_box()
    assert first["y"] < VIEWPORTS["phone"]["height"], first  # the results come first
    page.get_by_text("Menu", exact=True).click()
    expect(sources).to_be_visible()  # every group's links, under its name
    look_at(page, "menu-open", "phone")
    page.get_by_text("Affiner la recherche").click()
    expect(page.locator("aside.facets")).to_be_visible()
    page.context.close()


def test_on_a_desktop_the_menu_holds_one_line_and_opens_group_by_group(browser, maison):
    page = tab(browser, "desktop")
    sign_in(page, maison, "documentalist")
    page.goto(f"{maison.url}/search")
    groups = page.locator("nav.site-nav .nav-groups > li")
    tops = {round(box["y"]) for box in (groups.nth(n).bounding_box()
                                        for n in range(groups.count()))}
    assert len(tops) == 1, tops
    sources = page.get_by_role("link", name="Sources", exact=True)
    expect(sources).to_be_hidden()
    page.get_by_text("Sources et règles").click()
    expect(sources).to_be_visible()
    page.get_by_text("Documenter").click()  # one menu at a time
    expect(sources).to_be_hidden()
    expect(page.get_by_role("link", name="Bulletins")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Bulletins")).to_be_hidden()
    follow_menu(page, "Sources et règles", "Sources")
    expect(page.locator("h1")).to_have_text("Sources")
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_item_reads_its_article_first_and_its_title_once(browser, maison, viewport):
    page = tab(browser, viewport)
    sign_in(page, maison, "documentalist")
    page.goto(f"{maison.url}/items/{ARTICLE['id']}")
    text = page.locator("div.content")
    expect(text).to_contain_text("Développeurs, techniciens support")
    expect(text).not_to_contain_text(ARTICLE["title"])
    forms_first = page.evaluate("""() => {
        const text = document.querySelector("div.content");
        return [...document.querySelectorAll("main form")].filter(form =>
            form.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING).length;
    }""")
    assert forms_first == 0
    above = text.bounding_box()["y"]
    assert all(box["y"] >= above or box["x"] > text.bounding_box()["x"] + 300
               for box in (page.locator("aside.tools").bounding_box(),))
    page.context.close()


def test_the_sources_page_says_every_failure_in_french(browser, maison):
    page = tab(browser, "desktop")
    sign_in(page, maison, "documentalist")
    page.goto(f"{maison.url}/sources")
    expect(page.locator("#sources-summary")).to_have_text("8 sources, 1 en service, 7 en échec")
    said = page.locator("main").inner_text()  # closed "Détails" hold the technical detail
    for name in ["Site disparu", "Site qui refuse les robots", "Site trop lent",
                 "Page sans flux", "Flux énorme", "Serveur en panne", "Adresse interne",
                 "JSON Feed", "[fetch]"]:
        said = said.replace(name, "")
    assert english_words(said) == set()
    details = page.locator("tr", has_text="Site disparu").get_by_text("Détails")
    details.click()
    expect(page.locator("tr", has_text="Site disparu")).to_contain_text("cannot resolve")
    page.context.close()
