"""The header's navigation: grouped by task, each person shown the pages they reach."""

import pytest

from tests.webui.support import html, sign_in
from webui import create_app
from webui.navigation import NAVIGATION


def menu(client) -> dict[str, list[str]]:
    """The navigation of the home page: group → its entries (a lone entry is its own group)."""
    nav = html(client.get("/search", follow_redirects=True)).find("nav", class_="site-nav")
    groups = {}
    for item in nav.select("ul.nav-groups > li"):
        summary = item.find("summary")
        links = [a.get_text(strip=True) for a in item.find_all("a")]
        groups[summary.get_text(strip=True) if summary else links[0]] = links
    return groups


@pytest.mark.parametrize(("role", "groups"), [
    ("advisor", ["Rechercher", "Analyser", "Dossiers"]),  # a group of one: its entry
    # The documentalists' console (purge, referentials, audit log) is theirs, under
    # Administration with the admins' accounts and settings.
    ("documentalist", ["Rechercher", "Analyser", "Documenter", "Sources et règles",
                       "Administration"]),
    ("admin", ["Rechercher", "Analyser", "Documenter", "Sources et règles", "Administration"]),
])
def test_each_role_finds_its_pages_grouped_by_task(instance, role, groups):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, instance, role)
    shown = menu(client)
    assert list(shown) == groups
    assert shown["Rechercher"] == ["Recherche", "Recherches enregistrées", "Mes notes",
                                   "Portail des employeurs"]
    assert shown["Analyser"] == ["Tendances", "Métiers", "Territoires"]
    if role != "advisor":
        assert shown["Documenter"] == ["Dossiers", "Ressources", "Bulletins", "Abonnés"]
        assert shown["Sources et règles"] == ["Sources", "Règles", "Articles masqués"]
        console = ["Purge", "Référentiels", "Journal"]
        accounts = ["Comptes", "Réglages"] if role == "admin" else []
        assert shown["Administration"] == accounts + console


def test_visitors_of_a_closed_instance_find_the_portal_alone(instance):
    sign_in(create_app({"TESTING": True}).test_client(), instance, "advisor")  # closes it
    assert menu(create_app({"TESTING": True}).test_client()) == {
        "Portail des employeurs": ["Portail des employeurs"]}


def test_every_entry_names_a_page_of_the_app(app):
    missing = [entry.endpoint for group in NAVIGATION for entry in group.entries
               if entry.endpoint not in app.view_functions]
    assert missing == []


def test_the_group_of_the_page_on_screen_is_marked_and_its_entry_too(instance):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, instance, "documentalist")
    on_sources = html(client.get("/sources")).find("nav", class_="site-nav")
    assert [d.summary.get_text(strip=True) for d in on_sources.select("details.current")] == [
        "Sources et règles"]
    assert on_sources.find("a", attrs={"aria-current": "page"}).get_text() == "Sources"
    on_a_form = html(client.get("/sources/new")).find("nav", class_="site-nav")
    assert [d.summary.get_text(strip=True) for d in on_a_form.select("details.current")] == [
        "Sources et règles"]
