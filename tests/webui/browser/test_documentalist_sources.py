"""A documentalist adds a source on the loopback feed server in Chromium: tries it, saves
it, collects it and finds its items in the search."""

from playwright.sync_api import expect

from tests.webui.browser.conftest import follow_menu, serious_violations, sign_in

FEED_TITLE = "Soudeurs recherchés dans le bassin de Thionville"


def test_a_documentalist_tries_saves_and_collects_a_source(page, live_server, feed_server):
    sign_in(page, live_server, "documentalist")
    follow_menu(page, "Sources et règles", "Sources")
    page.get_by_role("link", name="Ajouter une source").click()
    page.get_by_label("Adresse (URL) du flux ou de la page").fill(
        feed_server.url("/feeds/emploi-grand-est.rss"))
    page.get_by_label("Nom affiché").fill("Emploi Grand Est")
    page.get_by_label("Fréquence de collecte").fill("2h")
    page.get_by_role("button", name="Tester cette source").click()
    expect(page.get_by_role("heading", name="Essai de la source")).to_be_visible()
    expect(page.locator("main")).to_contain_text(FEED_TITLE)
    assert serious_violations(page) == []

    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("h1")).to_have_text("Emploi Grand Est")
    page.get_by_role("button", name="Collecter maintenant").click()
    page.get_by_role("link", name=FEED_TITLE).click()
    expect(page.locator("h1")).to_have_text(FEED_TITLE)
    page.go_back()
    page.get_by_role("link", name="Tous ses articles dans la recherche").click()
    expect(page.locator("ol.hits")).to_contain_text(FEED_TITLE)
    follow_menu(page, "Sources et règles", "Sources")
    expect(page.locator("main")).to_contain_text("Emploi Grand Est")
    assert serious_violations(page) == []


def test_a_broken_address_is_explained_and_nothing_is_saved(page, live_server, feed_server):
    sign_in(page, live_server, "documentalist")
    page.goto(f"{live_server.url}/sources/new")
    address = page.get_by_label("Adresse (URL) du flux ou de la page")
    address.fill(feed_server.url("/feeds/absent.rss"))
    page.get_by_label("Fréquence de collecte").fill("1h")
    page.get_by_role("button", name="Tester cette source").click()
    expect(page.locator("main")).to_contain_text("Page introuvable")
    page.goto(f"{live_server.url}/sources")
    expect(page.locator("main")).not_to_contain_text("absent.rss")
