"""An employer, without an account, browses the portal in Chromium: sectors, territories,
an item; internal pages stay out of reach; no serious accessibility violation."""

import pytest

from tests.webui.browser.conftest import serious_violations
from veille.curate import curation


@pytest.fixture
def published(instance, live_server):
    curation.publish(instance, "soudeurs-moselle", "doc", True, ("H",), ("Moselle",))
    curation.publish(instance, "formation-soudage", "doc", True, ("H",), ("Metz",))
    curation.publish(instance, "caristes-strasbourg", "doc", True, ("N",), ("Bas-Rhin",))
    return live_server


def test_an_employer_browses_the_portal_by_sector_to_an_item(page, published):
    page.goto(published.url)
    assert page.url == f"{published.url}/portail"
    page.get_by_role("link", name="Industrie", exact=True).click()
    hits = page.locator("li.hit h3 a")
    assert sorted(hits.all_inner_texts()) == [
        "Formation qualifiante au soudage à Metz",
        "Pénurie de soudeurs dans l'industrie mosellane"]
    page.get_by_role("link", name="Moselle", exact=True).click()
    assert hits.all_inner_texts() == ["Pénurie de soudeurs dans l'industrie mosellane"]
    hits.first.click()
    assert page.locator("h1").inner_text() == "Pénurie de soudeurs dans l'industrie mosellane"
    assert "soudure TIG" in page.locator("div.content").inner_text()
    assert serious_violations(page) == []


def test_the_portal_search_finds_published_items_only(page, published):
    page.goto(f"{published.url}/portail")
    page.get_by_label("Rechercher dans la sélection").fill("caristes")
    page.get_by_label("Rechercher dans la sélection").press("Enter")
    assert page.locator("li.hit h3 a").all_inner_texts() == [
        "Les entrepôts de Strasbourg recrutent des caristes"]
    page.get_by_label("Rechercher dans la sélection").fill("saisonniers")
    page.get_by_label("Rechercher dans la sélection").press("Enter")
    assert page.locator("li.hit").count() == 0
    assert "Rien n'est encore publié ici." in page.locator("main").inner_text()


@pytest.mark.parametrize("path", ["/sources", "/rules", "/dossiers", "/resources/new"])
def test_an_employer_cannot_reach_an_internal_page(page, published, path):
    page.goto(f"{published.url}{path}")
    assert page.url.startswith(f"{published.url}/login")
    assert page.get_by_role("button", name="Se connecter").is_visible()


def test_an_employer_asking_for_the_search_or_an_unpublished_item_stays_on_the_portal(
    page, published
):
    page.goto(f"{published.url}/search?q=saisonnier")
    assert page.url == f"{published.url}/portail?q=saisonnier"
    response = page.goto(f"{published.url}/items/bilan-saisonnier")
    assert response.status == 404


def test_the_portal_is_accessible(page, published):
    page.goto(f"{published.url}/portail")
    assert serious_violations(page) == []
    assert page.locator("html").get_attribute("lang") == "fr"


def test_the_skip_link_is_the_first_stop_of_the_keyboard_and_leads_to_the_content(page,
                                                                                   published):
    page.goto(f"{published.url}/portail")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Aller au contenu"
    page.keyboard.press("Tab")  # the next stop shows where it is: a visible outline
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#contenu")
