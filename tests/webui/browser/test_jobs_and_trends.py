"""Issue 7 in Chromium, on a store holding the whole ROME and geography so that what is
imported gets tagged: an advisor follows a job's trend and reads its brief (and its version
to print), a documentalist corrects an item's jobs and places, with the mouse or the
keyboard alone. None of these pages has a serious accessibility violation."""

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.tags.test_itemtags import BRAZERS, NURSES, WELDERS, write_jsonl
from tests.webui.browser.conftest import follow_menu, serious_violations, sign_in
from veille.models import LOCAL_TIME


def days_ago(days: int) -> str:
    """Nine in the morning in Paris, `days` days before today."""
    day = datetime.now(LOCAL_TIME) - timedelta(days=days)
    return day.replace(hour=9, minute=0, second=0, microsecond=0).isoformat()


# News about welders (ROME H2913, Soudeur / Soudeuse, of which Braseur / Braseuse is an
# appellation) in the Moselle: three of the last weeks, inside the trends' default span of
# 26 weeks, and one of last year, outside it. The nurses of Reims are another job.
RECENT_WELDERS = [
    {**WELDERS, "published": days_ago(3)},
    {"id": "soudeurs-forbach", "title": "Forbach forme ses futurs soudeurs",
     "content": "Un centre de Forbach ouvre une formation de soudeur en alternance.",
     "url": "https://exemple.test/import/soudeurs-forbach", "published": days_ago(10),
     "source": "Observatoire régional (import)", "kind": "news"},
    {**BRAZERS, "published": days_ago(17)},
]
OLD_WELDERS = {
    "id": "soudeurs-sarreguemines", "title": "Sarreguemines : les soudeurs de l'an passé",
    "content": "À Sarreguemines, la chaudronnerie embauchait des soudeurs.",
    "url": "https://exemple.test/import/soudeurs-sarreguemines", "published": days_ago(400),
    "source": "Observatoire régional (import)", "kind": "news",
}


@pytest.fixture
def server(tagged_server, veille, tmp_path: Path):
    """The app served, its store holding the welders' news and the nurses', tagged."""
    items = [*RECENT_WELDERS, OLD_WELDERS, {**NURSES, "published": days_ago(5)}]
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", *items)))
    return tagged_server


def test_an_advisor_follows_the_trend_of_a_job_named_in_words(page, server):
    sign_in(page, server, "advisor")
    follow_menu(page, "Analyser", "Tendances")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tendances")
    page.get_by_label("Métier (code ROME ou intitulé)").fill("soudeur")
    page.get_by_role("button", name="Afficher la tendance").click()

    expect(page).to_have_url(re.compile(r"/tendances\?.*rome=soudeur"))
    chart = page.locator("figure.trend-chart svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute(
        "aria-label", re.compile(r"^Documents par semaine \(.+\) : 3 documents en tout"))
    counts = page.locator("table.trend-table tbody td")
    expect(counts).to_have_count(26)  # half a year, week by week
    # The welders of the last weeks, not those of last year, nor the nurses.
    assert sum(int(count) for count in counts.all_inner_texts()) == len(RECENT_WELDERS)
    assert serious_violations(page) == []


def test_an_advisor_finds_a_job_brief_and_prints_it(page, server):
    sign_in(page, server, "advisor")
    page.goto(f"{server.url}/metiers?q=soudeur")
    page.locator("ul.found-jobs").get_by_role("link", name="Soudeur / Soudeuse",
                                               exact=True).click()

    expect(page).to_have_url(re.compile(r"/metiers/H2913$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Soudeur / Soudeuse")
    news = page.locator("section.job-items").filter(
        has=page.get_by_role("heading", name=re.compile("^Dernières actualités")))
    for item in [*RECENT_WELDERS, OLD_WELDERS]:
        expect(news.get_by_role("link", name=item["title"])).to_be_visible()
    expect(news).not_to_contain_text(NURSES["title"])
    territories = page.locator("section.job-territories")
    expect(territories.get_by_role("link", name="Moselle", exact=True)).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_role("link", name="Version à imprimer").click()
    expect(page).to_have_url(re.compile(r"/metiers/H2913/imprimer$"))
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_have_text("Soudeur / Soudeuse")
    expect(page.locator("section.job-items").first).to_contain_text(WELDERS["title"])
    expect(page.locator("header.site")).to_have_count(0)
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("link", name="Rechercher")).to_have_count(0)
    expect(page.get_by_role("link", name="← Retour à la fiche")).to_be_hidden()  # on screen only
    assert serious_violations(page) == []


def test_a_documentalist_adds_a_place_and_removes_a_job_from_an_item(page, server):
    sign_in(page, server, "documentalist")
    page.goto(f"{server.url}/search?rome=H2913")
    page.locator("ol.hits").get_by_role("link", name=WELDERS["title"]).click()
    expect(page).to_have_url(re.compile(rf"/items/{WELDERS['id']}$"))
    tags = tag_section(page)
    expect(tags.get_by_role("heading", name="Métiers, compétences et lieux")).to_be_visible()
    expect(tags.get_by_role("link", name="H2913 · Soudeur / Soudeuse")).to_be_visible()

    tags.get_by_label("Type").select_option(label="Lieu")
    tags.get_by_label("Code ou nom").fill("Nancy")
    tags.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Ajouté : Nancy (54).")
    nancy = tags.locator("dd").filter(has=page.get_by_role("link", name="Nancy (54)", exact=True))
    expect(nancy).to_contain_text("ajouté à la main")
    assert serious_violations(page) == []

    tags.get_by_role("button", name="Retirer Soudeur / Soudeuse").click()
    expect(page.get_by_role("status")).to_have_text("Étiquette retirée.")
    expect(tags.get_by_role("link", name="H2913 · Soudeur / Soudeuse")).to_have_count(0)
    expect(nancy).to_be_visible()
    assert serious_violations(page) == []

    page.goto(f"{server.url}/search?rome=H2913")
    hits = page.locator("ol.hits")
    expect(hits.get_by_role("link", name=RECENT_WELDERS[1]["title"])).to_be_visible()
    expect(hits.get_by_role("link", name=WELDERS["title"])).to_have_count(0)


def test_a_place_is_added_to_an_item_with_the_keyboard_alone(page, server):
    sign_in(page, server, "documentalist")
    page.goto(f"{server.url}/items/{WELDERS['id']}")
    tags = tag_section(page)
    kind = tags.get_by_label("Type")
    tab_to(page, kind)
    page.keyboard.press("ArrowDown")  # Métier, then Lieu
    expect(kind).to_have_value("lieu")
    page.keyboard.press("Tab")
    expect(tags.get_by_label("Code ou nom")).to_be_focused()
    page.keyboard.type("Meurthe-et-Moselle")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Ajouté : Meurthe-et-Moselle.")
    expect(tags.get_by_role("link", name="Meurthe-et-Moselle", exact=True)).to_be_visible()


def tag_section(page: Page) -> Locator:
    """The item's jobs, skills and places, with the documentalists' forms."""
    return page.get_by_role("region", name="Métiers, compétences et lieux")


def tab_to(page: Page, target: Locator, presses: int = 100) -> None:
    """Press Tab from the top of the page until `target` has the focus, as a person using
    the keyboard would; fails when it never gets there."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {target}")
