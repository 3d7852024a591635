"""A dossier printed from the web comes out styled, in Chromium: its style is the page's own
(the command line's export is a file opened offline), which the site's security policy
allows by its hash; nothing on the page breaks the policy."""

from playwright.sync_api import Page

from tests.webui.browser.conftest import sign_in
from veille.diffuse import dossiers

# Records the policy violations the page reports, from before its first line is read.
WATCH_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation",
                          (event) => window.violations.push(event.violatedDirective));
"""


def watch_policy(page: Page) -> list[str]:
    """What the console says about the security policy while the test runs."""
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.add_init_script(WATCH_VIOLATIONS)
    return said


def test_a_printed_dossier_has_its_style_and_breaks_no_policy(page, live_server, instance):
    forum = dossiers.create(instance, "Forum de l'emploi", "Pour les employeurs", "doc")
    dossiers.put(instance, forum, "soudeurs-moselle", "À lire avant le forum", None, "doc")
    console = watch_policy(page)
    sign_in(page, live_server, "advisor")
    page.goto(f"{live_server.url}/dossiers/{forum.id}/print")

    body = page.evaluate("() => { const style = getComputedStyle(document.body);"
                         " return [style.maxWidth, style.fontFamily]; }")
    assert body == ["768px", "sans-serif"]  # 48em of 16px
    note = page.evaluate("() => getComputedStyle(document.querySelector('.note'))"
                         ".borderLeftStyle")
    assert note == "solid"
    assert page.evaluate("() => window.violations") == []
    assert console == []
