"""Dossiers (a documentation centre's baskets): named, ordered selections of items and
resources with a note each, exported as a printable page or as CSV. Changes are logged;
`veille purge` keeps what a dossier holds.

A dossier made on the web is its maker's, private until they share it with the team; one
without an owner (made with the command line, or before owners existed) is the team's.
People see the team's dossiers, their own and the shared ones; only the owner changes an
owned dossier (shared ones are read-only to the others), documentalists and admins change
the team's. The command line acts for the Maison, on the team's dossiers or (`--owner`)
one person's, without these checks.
"""

import html
from datetime import date
from typing import TextIO

from sqlalchemy import Connection

from ..errors import Forbidden, InvalidRequest, NotFound
from ..i18n import N_
from ..instance import Instance
from ..models import LOCAL_TIME, User, stored_id
from ..store import audit
from ..store import dossiers as dossier_store
from ..store import items as item_store
from ..store.dossiers import Dossier, DossierEntry
from ..text import spreadsheet
from .maison import Maison

KIND_LABELS = {"news": "Actualité", "resource": "Ressource", "offre": "Offre d'emploi"}
CSV_COLUMNS = ("position", "id", "title", "kind", "source", "published", "url", "note")
TEAM_MANAGERS = ("documentalist", "admin")  # who changes the team's dossiers

# A dossier, or the name of one of the team's (as the command line names them).
Target = Dossier | str


def sees(person: User, dossier: Dossier) -> bool:
    return dossier.team or dossier.shared or dossier.owner_id == person.id


def may_change(person: User, dossier: Dossier) -> bool:
    if dossier.team:
        return person.role in TEAM_MANAGERS
    return dossier.owner_id == person.id


def create(instance: Instance, name: str, description: str, actor: str,
           owner: User | None = None, shared: bool = False) -> Dossier:
    """A new dossier of `owner` (None: the team's), private unless `shared`."""
    with instance.engine.begin() as conn:
        dossier = dossier_store.create(conn, name, description,
                                       owner.id if owner else None, shared)
        audit.record(conn, actor, "dossier-create", _logged(dossier), {"shared": shared})
    return dossier


def named(instance: Instance, name: str, owner: User | None = None) -> Dossier:
    """The dossier called `name` of `owner` (None: the team's)."""
    with instance.engine.connect() as conn:
        return dossier_store.named(conn, name, owner.id if owner else None)


def seen(instance: Instance, dossier_id: int, person: User) -> Dossier:
    """The dossier, if `person` sees it; NotFound otherwise (a private dossier of someone
    else does not exist for them)."""
    with instance.engine.connect() as conn:
        dossier = dossier_store.get(conn, dossier_id)
    if not sees(person, dossier):
        raise NotFound(f"no dossier {dossier_id} for {person.email}")
    return dossier


def visible(instance: Instance, person: User) -> list[Dossier]:
    with instance.engine.connect() as conn:
        return dossier_store.visible_to(conn, stored_id(person))


def changeable(instance: Instance, person: User) -> list[Dossier]:
    """The dossiers `person` may put items in: their own, and the team's for documentalists."""
    return [dossier for dossier in visible(instance, person) if may_change(person, dossier)]


def put(instance: Instance, dossier: Target, item_id: str, note: str, at: int | None,
        actor: str, by: User | None = None) -> None:
    """Add an item (or move it, with its new note) at position `at` (None: last)."""
    with instance.engine.begin() as conn:
        found = _to_change(conn, dossier, by)
        item_store.get(conn, item_id)  # NotFound for an unknown item
        dossier_store.put(conn, found, item_id, note, at)
        audit.record(conn, actor, "dossier-put", _logged(found),
                     {"item": item_id, "note": note, "at": at})


def take_out(instance: Instance, dossier: Target, item_id: str, actor: str,
             by: User | None = None) -> None:
    with instance.engine.begin() as conn:
        found = _to_change(conn, dossier, by)
        dossier_store.take_out(conn, found, item_id)
        audit.record(conn, actor, "dossier-take-out", _logged(found), {"item": item_id})


def rename(instance: Instance, dossier: Target, name: str, actor: str,
           by: User | None = None) -> Dossier:
    with instance.engine.begin() as conn:
        found = _to_change(conn, dossier, by)
        dossier_store.change(conn, found, name=name)
        renamed = dossier_store.get(conn, found.id)
        audit.record(conn, actor, "dossier-rename", _logged(found), {"name": renamed.name})
    return renamed


def share(instance: Instance, dossier: Target, shared: bool, actor: str,
          by: User | None = None) -> None:
    """Share an owned dossier with the team (read-only to them), or make it private again."""
    with instance.engine.begin() as conn:
        found = _to_change(conn, dossier, by)
        if found.team:
            raise InvalidRequest(N_("Un dossier de l'équipe est déjà partagé avec toute l'équipe."))
        dossier_store.change(conn, found, shared=shared)
        audit.record(conn, actor, "dossier-share", _logged(found), {"shared": shared})


def delete(instance: Instance, dossier: Target, actor: str, by: User | None = None) -> None:
    """Delete the dossier (its items stay in the store)."""
    with instance.engine.begin() as conn:
        found = _to_change(conn, dossier, by)
        dossier_store.remove_dossier(conn, found)
        audit.record(conn, actor, "dossier-delete", _logged(found), {})


def contents(instance: Instance, dossier: Target) -> tuple[Dossier, list[DossierEntry]]:
    with instance.engine.connect() as conn:
        found = _current(conn, dossier)
        return found, dossier_store.entries(conn, found)


def _current(conn: Connection, dossier: Target) -> Dossier:
    if isinstance(dossier, str):
        return dossier_store.named(conn, dossier)
    return dossier_store.get(conn, dossier.id)


def _to_change(conn: Connection, dossier: Target, by: User | None) -> Dossier:
    """The dossier as stored now, if `by` (None: the command line) may change it."""
    found = _current(conn, dossier)
    if by is not None and not sees(by, found):
        raise NotFound(f"no dossier {found.id} for {by.email}")
    if by is not None and not may_change(by, found):
        raise Forbidden(f"{by.email} may not change the dossier {found.name!r}")
    return found


def _logged(dossier: Dossier) -> str:
    """The dossier in the audit log: its name, after its owner's email if it has one."""
    return f"dossier:{dossier.name}" if dossier.team else f"dossier:{dossier.owner}/{dossier.name}"


def write_csv(found: list[DossierEntry], out: TextIO) -> None:
    """The dossier as CSV, one entry a row (spreadsheet.write: formulas made inert)."""
    spreadsheet.write(out, CSV_COLUMNS, (
        [position, entry.item.id, entry.item.title, entry.item.kind, entry.item.source,
         entry.item.dated.astimezone(LOCAL_TIME).date().isoformat(), entry.item.url,
         entry.note]
        for position, entry in enumerate(found, start=1)))


def printable(dossier: Dossier, found: list[DossierEntry], today: date,
              maison: Maison | None = None, logo_src: str = "") -> str:
    """The dossier as one HTML page to print or send: every text escaped, only web links;
    headed by the Maison (and its logo at `logo_src`, if given)."""
    entries = "".join(_entry_html(entry) for entry in found)
    description = f"<p>{html.escape(dossier.description)}</p>" if dossier.description else ""
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>Dossier : {html.escape(dossier.name)}</title><style>{PRINT_STYLE}</style></head>"
        f"<body>{_letterhead(maison, logo_src)}<h1>{html.escape(dossier.name)}</h1>{description}"
        f'<p class="meta">{len(found)} documents · dossier du {today:%d/%m/%Y}</p>'
        f"<ol>{entries}</ol></body></html>\n"
    )


def _letterhead(maison: Maison | None, logo_src: str) -> str:
    if maison is None:
        return ""
    logo = f'<img src="{html.escape(logo_src)}" alt="" class="logo">' if logo_src else ""
    lines = " · ".join(html.escape(part) for part in maison.details)
    return (f'<p class="maison">{logo}<strong>{html.escape(maison.name)}</strong>'
            f"{'<br>' + lines if lines else ''}</p>")


def _entry_html(entry: DossierEntry) -> str:
    item = entry.item
    title = html.escape(item.title)
    if item.url.startswith(("http://", "https://")):
        title = f'<a href="{html.escape(item.url)}">{title}</a>'
    day = item.dated.astimezone(LOCAL_TIME)
    meta = f"{html.escape(item.source)} · {day:%d/%m/%Y} · {KIND_LABELS.get(item.kind, '')}"
    note = f'<p class="note">{html.escape(entry.note)}</p>' if entry.note else ""
    return (f'<li><h2>{title}</h2><p class="meta">{meta}</p>'
            f"<p>{html.escape(item.summary)}</p>{note}</li>")


# The printed page's own style, inside it: the command line's export is a file opened
# offline; the web names it in the page's security policy by its hash.
PRINT_STYLE = (
    "body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.45;color:#111}"
    "h2{font-size:1.1em;margin:.2em 0}.meta{color:#444;font-size:.9em}"
    "li{margin-bottom:1.2em}.note{border-left:3px solid #666;padding-left:.6em}"
    ".maison{color:#444;font-size:.9em}.maison .logo{max-height:3em;display:block}"
    "@media print{a{color:inherit;text-decoration:none}}"
)
