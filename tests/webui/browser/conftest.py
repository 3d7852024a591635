"""Browser tests: Debian's Chromium driven by Playwright against the app served on loopback.

A missing browser fails these tests, it never skips them: CI installs Chromium (`.ci/run`),
and `VEILLE_CHROMIUM` names another executable. Each test leaves a screenshot of what it
checked in tests/artifacts/ (ignored by git) for a person to look at.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.accounts.support import PASSWORD, add_account
from tests.liveserver import LiveServer
from tests.webui.conftest import CATALOGUE
from veille.instance import Instance
from webui import create_app

ARTIFACTS = Path(__file__).parents[2] / "artifacts"
# Without the background-networking flags Chromium keeps calling Google's hosts, which the
# closed networks of CI refuse; as root (CI) it runs only without its sandbox.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
# axe-core impacts that fail a page: "serious" and "critical" (WCAG 2.1 AA rules and more).
FAILING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder is marked `browser` (`-m "not browser"` leaves them out)."""
    for item in items:
        if Path(__file__).parent in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = os.environ.get("VEILLE_CHROMIUM", "/usr/bin/chromium")
    assert Path(executable).is_file(), (
        f"no Chromium at {executable}: apt-get install chromium (or set VEILLE_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


ROLES = ("advisor", "documentalist", "admin")


def serve(instance: Instance) -> Iterator[LiveServer]:
    """The app of `instance` on loopback with the default settings and an account per role
    (`role@maison.test`): a Maison at work, whose search is for its own people."""
    for role in ROLES:
        add_account(instance, f"{role}@maison.test", role)
    app = create_app({"TESTING": True})
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def live_server(instance: Instance, import_records) -> Iterator[LiveServer]:
    """The app served (`serve`), its store holding the web tests' catalogue."""
    import_records(CATALOGUE)
    yield from serve(instance)


@pytest.fixture
def tagged_server(tagging_instance: Instance) -> Iterator[LiveServer]:
    """The app served (`serve`), its store holding the whole ROME and geography and no
    item yet: what a test imports (`veille import`) is tagged with its jobs and places."""
    yield from serve(tagging_instance)


@pytest.fixture
def page(browser: Browser, request) -> Iterator[Page]:
    """A fresh browser tab (its own cookies); a screenshot of it is kept when the test ends."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def sign_in(page: Page, server: LiveServer, role: str) -> str:
    """Sign in with the account of `role` through the form, as a person would."""
    email = f"{role}@maison.test"
    page.goto(f"{server.url}/login")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/login" not in url)
    return email


def follow_menu(page: Page, group: str, entry: str) -> None:
    """Follow an entry of the header's navigation as a person would: open its group (a menu
    under its name on a wide screen), then choose the entry."""
    navigation = page.get_by_role("navigation", name="Navigation principale")
    navigation.get_by_text(group, exact=True).click()
    navigation.get_by_role("link", name=entry, exact=True).click()


def serious_violations(page: Page) -> list[str]:
    """The serious and critical accessibility violations axe-core finds in the page. Every
    violation found, whatever its impact, is written to tests/artifacts/axe.jsonl."""
    found = Axe().run(page).response["violations"]
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "axe.jsonl").open("a", encoding="utf-8") as log:
        for violation in found:
            log.write(json.dumps({"page": urlsplit(page.url).path, "id": violation["id"],
                                  "impact": violation["impact"], "help": violation["help"],
                                  "nodes": len(violation["nodes"])}, ensure_ascii=False) + "\n")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×)" for v in found
            if v["impact"] in FAILING_IMPACTS]
