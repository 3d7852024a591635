"""Issue 16 in Chromium, on a store holding the referentials and the BMO 2024: an advisor
reads the hiring needs in a job's brief (on screen and on paper), follows a département to
its territory page, and finds a bassin d'emploi by its name. None of these pages has a
serious accessibility violation, nor scrolls sideways on a phone (390 px) or a desktop; each
leaves its screenshot in tests/artifacts/."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.liveserver import LiveServer
from tests.tags.test_itemtags import write_jsonl
from tests.webui.browser.conftest import follow_menu, serious_violations, serve, sign_in
from tests.webui.browser.test_design import VIEWPORTS, look_at, tab
from tests.webui.test_territory_pages import RECENT_WELDERS


@pytest.fixture
def server(labour_instance, veille, tmp_path) -> Iterator[LiveServer]:
    """The app served, its store holding the BMO 2024 and welders' news of Metz."""
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", *RECENT_WELDERS)))
    yield from serve(labour_instance)


def test_an_advisor_reads_the_hiring_needs_of_a_job_then_its_departement(page, server):
    sign_in(page, server, "advisor")
    page.goto(f"{server.url}/metiers/H2913")
    needs = page.get_by_role("region", name="Besoins en main-d'œuvre")
    expect(needs).to_contain_text("« Soudeurs » (D1X33) : 7 de ses 10 niveaux")
    table = needs.get_by_role("table", name=re.compile("^Projets de recrutement de « Soudeurs »"))
    moselle = table.get_by_role("row", name=re.compile("^Moselle"))
    expect(moselle.get_by_role("cell").first).to_have_text("137")
    expect(table.get_by_role("row", name=re.compile("^SARREBOURG"))).to_contain_text(
        "secret statistique")
    expect(needs).to_contain_text("Source : France Travail, enquête BMO 2024.")
    assert serious_violations(page) == []

    moselle.get_by_role("link", name="Moselle").click()
    expect(page).to_have_url(re.compile(r"/territoires/departement:57$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Moselle")
    most = page.get_by_role("table", name="Les métiers qui recrutent le plus")
    expect(most.get_by_role("row")).to_have_count(11)  # its header and ten jobs
    expect(most.get_by_role("row").nth(1)).to_contain_text("Agents d'entretien de locaux")
    assert serious_violations(page) == []


def test_the_printed_brief_carries_the_hiring_needs_and_their_source(page, server):
    sign_in(page, server, "advisor")
    page.goto(f"{server.url}/metiers/H2913/imprimer")
    page.emulate_media(media="print")
    needs = page.get_by_role("region", name="Besoins en main-d'œuvre")
    expect(needs.get_by_role("row", name=re.compile("^Grand Est"))).to_contain_text("643")
    expect(needs).to_contain_text("Source : France Travail, enquête BMO 2024.")
    expect(needs.get_by_role("link", name="Télécharger ce tableau (CSV)")).to_be_hidden()
    assert serious_violations(page) == []


def test_an_advisor_finds_a_bassin_by_its_name_and_reads_its_page(page, server):
    sign_in(page, server, "advisor")
    follow_menu(page, "Analyser", "Territoires")
    page.get_by_label("Nom du lieu").fill("bassin de Metz")
    page.get_by_role("button", name="Chercher", exact=True).click()
    page.locator("ul.found-places").get_by_role("link", name="METZ (bassin d'emploi)").click()

    expect(page).to_have_url(re.compile(r"/territoires/bassin:4431$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("METZ (bassin d'emploi)")
    for caption in ("Les métiers qui recrutent le plus", "Les recrutements les plus difficiles",
                    "Les métiers les plus saisonniers"):
        expect(page.get_by_role("table", name=caption)).to_be_visible()
    rising = page.get_by_role("region", name="Métiers dont l'actualité monte ici")
    expect(rising.get_by_role("link", name="Soudeur / Soudeuse (H2913)")).to_be_visible()
    news = page.get_by_role("region", name=re.compile("^Dernières actualités qui nomment"))
    expect(news.get_by_role("link", name=RECENT_WELDERS[0]["title"])).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_labour_markets_pages_fit_a_phone_and_a_desktop(browser, server, viewport):
    page = tab(browser, viewport)
    sign_in(page, server, "advisor")
    for name, path in {"needs-brief": "/metiers/H2913", "territory": "/territoires/bassin:4431",
                       "territory-commune": "/territoires/commune:57463",
                       "territories": "/territoires?q=bassin+de+metz",
                       "tension": "/tendances?rome=H2913"}.items():
        page.goto(server.url + path)
        expect(page.locator("h1").first).to_be_visible()
        look_at(page, name, viewport)
    page.context.close()
