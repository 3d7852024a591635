"""An advisor in Chromium: searches, narrows by a facet, saves the search, opens an item;
the search and item pages have no serious accessibility violation."""

from playwright.sync_api import expect

from tests.webui.browser.conftest import follow_menu, serious_violations, sign_in


def test_an_advisor_searches_filters_by_a_facet_and_saves_the_search(page, live_server):
    sign_in(page, live_server, "advisor")
    page.get_by_label("Rechercher", exact=True).fill("soudeur")
    page.get_by_label("Rechercher", exact=True).press("Enter")
    expect(page.locator("#results-title")).to_have_text("3 résultats pour « soudeur »")
    page.locator("aside.facets").get_by_role("link", name="actualité").click()
    expect(page.locator("#results-title")).to_have_text("2 résultats pour « soudeur »")
    assert serious_violations(page) == []

    page.get_by_label("Enregistrer cette recherche sous le nom").fill("Soudeurs, actualités")
    page.get_by_role("button", name="Enregistrer cette recherche").click()
    follow_menu(page, "Rechercher", "Recherches enregistrées")
    saved = page.locator("ul.saved-searches li").filter(has_text="Soudeurs, actualités")
    expect(saved).to_have_count(1)
    saved.get_by_role("link", name="Lancer la recherche").click()
    expect(page.locator("#results-title")).to_have_text("2 résultats pour « soudeur »")
    assert serious_violations(page) == []


def test_an_advisor_reads_an_item_and_its_page_is_accessible(page, live_server):
    sign_in(page, live_server, "advisor")
    page.goto(f"{live_server.url}/search?q=soudure")
    page.locator("li.hit h2 a").first.click()
    expect(page.locator("h1")).to_have_text("Pénurie de soudeurs dans l'industrie mosellane")
    expect(page.locator("div.content")).to_contain_text("soudure TIG")
    assert serious_violations(page) == []


def test_the_search_is_used_with_the_keyboard_alone(page, live_server):
    sign_in(page, live_server, "advisor")
    page.goto(f"{live_server.url}/search")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")  # the search box
    page.keyboard.type("caristes")
    page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_have_text("1 résultat pour « caristes »")
