"""The site's navigation, grouped by task, declared in one list.

Every page of the header's menu is one entry of NAVIGATION, in the group of what people do
there (search, analyse, document, look after sources and rules, administer). A person sees
the entries the access table lets them reach (webui/access.py), those reserved to who
searches everything only if they do, and a group only if one of its entries is left; an
entry whose page does not exist (yet) is left out, so a page is added to the menu by one
line here. The header (templates/_navigation.html) shows each group as a menu on wide
screens, and the whole list behind one "Menu" button on narrow ones.
"""

from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l

from .access import can, sees_everything


@dataclass(frozen=True)
class Entry:
    endpoint: str
    label: str  # French, translated (lazy_gettext)
    everything: bool = False  # only for those who search every item (access.sees_everything)


@dataclass(frozen=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


NAVIGATION: tuple[Group, ...] = (
    Group(_l("Rechercher"), (
        Entry("search.index", _l("Recherche"), everything=True),
        Entry("saved.index", _l("Recherches enregistrées")),
        Entry("notes.index", _l("Mes notes")),
        Entry("portal.index", _l("Portail des employeurs")),
    )),
    Group(_l("Analyser"), (
        Entry("trends.index", _l("Tendances"), everything=True),
        Entry("metiers.index", _l("Métiers"), everything=True),
        Entry("territoires.index", _l("Territoires"), everything=True),
    )),
    Group(_l("Documenter"), (
        Entry("dossiers.index", _l("Dossiers")),
        Entry("resources.new", _l("Ressources")),
        Entry("bulletins.index", _l("Bulletins")),
        Entry("bulletinlists.index", _l("Abonnés")),
    )),
    Group(_l("Sources et règles"), (
        Entry("sources.index", _l("Sources")),
        Entry("rules.index", _l("Règles")),
        Entry("console.hidden", _l("Articles masqués")),
    )),
    Group(_l("Administration"), (
        Entry("admin.users", _l("Comptes")),
        Entry("admin.settings", _l("Réglages")),
        Entry("console.purge", _l("Purge")),
        Entry("referentials.index", _l("Référentiels")),
        Entry("console.audit_log", _l("Journal")),
    )),
)


@dataclass(frozen=True)
class Shown:
    """A group as this visitor's menu shows it: its entries they reach, and whether the page
    on screen belongs to one of them (the same blueprint)."""

    label: str
    entries: tuple[Entry, ...]
    current: bool


def menu() -> list[Shown]:
    """The groups and entries of the person making this request."""
    groups = []
    for group in NAVIGATION:
        entries = tuple(entry for entry in group.entries if _reaches(entry))
        if entries:
            here = any(_area(entry.endpoint) == request.blueprint for entry in entries)
            groups.append(Shown(group.label, entries, here))
    return groups


def _area(endpoint: str) -> str:
    """The blueprint of an endpoint: a dossier's page is in the group of the dossiers."""
    return endpoint.partition(".")[0]


def _reaches(entry: Entry) -> bool:
    return (entry.endpoint in current_app.view_functions and can(entry.endpoint)
            and (sees_everything() or not entry.everything))


def register(app: Flask) -> None:
    app.add_template_global(menu, "navigation")
