"""A visitor reads veille in English: the footer's switch, in Chromium, keeps the page and
the choice; English pages say so (`lang="en"`) and stay accessible."""

from tests.webui.browser.conftest import serious_violations


def test_a_visitor_switches_the_portal_to_english_and_back(page, live_server):
    page.goto(f"{live_server.url}/portail")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert page.url == f"{live_server.url}/portail"
    assert page.locator("h1").inner_text() == "Skills news for the employers of the area"
    page.get_by_role("link", name="Sign in").click()  # the choice holds on the next page
    assert page.locator("h1").inner_text() == "Sign in"
    assert page.get_by_label("Password").is_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Français").click()
    page.wait_for_selector("html[lang=fr]")
    assert page.locator("h1").inner_text() == "Connexion"
