"""Dossiers (a documentation centre's baskets): named, ordered selections of items and
resources with a note each, exported as a printable page or as CSV. Changes are logged;
`veille purge` keeps what a dossier holds."""

import csv
import html
from datetime import date
from typing import TextIO

from .instance import Instance
from .models import LOCAL_TIME
from .store import audit
from .store import dossiers as dossier_store
from .store import items as item_store
from .store.dossiers import Dossier, DossierEntry

KIND_LABELS = {"news": "Actualité", "resource": "Ressource"}
CSV_COLUMNS = ("position", "id", "title", "kind", "source", "published", "url", "note")


def create(instance: Instance, name: str, description: str, actor: str) -> Dossier:
    with instance.engine.begin() as conn:
        dossier = dossier_store.create(conn, name, description)
        audit.record(conn, actor, "dossier-create", f"dossier:{dossier.name}", {})
    return dossier


def put(instance: Instance, name: str, item_id: str, note: str, at: int | None,
        actor: str) -> None:
    """Add an item (or move it, with its new note) at position `at` (None: last)."""
    with instance.engine.begin() as conn:
        dossier = dossier_store.named(conn, name)
        item_store.get(conn, item_id)  # NotFound for an unknown item
        dossier_store.put(conn, dossier, item_id, note, at)
        audit.record(conn, actor, "dossier-put", f"dossier:{name}",
                     {"item": item_id, "note": note, "at": at})


def take_out(instance: Instance, name: str, item_id: str, actor: str) -> None:
    with instance.engine.begin() as conn:
        dossier_store.take_out(conn, dossier_store.named(conn, name), item_id)
        audit.record(conn, actor, "dossier-take-out", f"dossier:{name}", {"item": item_id})


def delete(instance: Instance, name: str, actor: str) -> None:
    """Delete the dossier (its items stay in the store)."""
    with instance.engine.begin() as conn:
        dossier_store.remove_dossier(conn, dossier_store.named(conn, name))
        audit.record(conn, actor, "dossier-delete", f"dossier:{name}", {})


def contents(instance: Instance, name: str) -> tuple[Dossier, list[DossierEntry]]:
    with instance.engine.connect() as conn:
        dossier = dossier_store.named(conn, name)
        return dossier, dossier_store.entries(conn, dossier)


def write_csv(found: list[DossierEntry], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for position, entry in enumerate(found, start=1):
        item = entry.item
        writer.writerow([position, item.id, item.title, item.kind, item.source,
                         item.published.astimezone(LOCAL_TIME).date().isoformat(), item.url,
                         entry.note])


def printable(dossier: Dossier, found: list[DossierEntry], today: date) -> str:
    """The dossier as one HTML page to print or send: every text escaped, only web links."""
    entries = "".join(_entry_html(entry) for entry in found)
    description = f"<p>{html.escape(dossier.description)}</p>" if dossier.description else ""
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>Dossier : {html.escape(dossier.name)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{html.escape(dossier.name)}</h1>{description}"
        f'<p class="meta">{len(found)} documents · dossier du {today:%d/%m/%Y}</p>'
        f"<ol>{entries}</ol></body></html>\n"
    )


def _entry_html(entry: DossierEntry) -> str:
    item = entry.item
    title = html.escape(item.title)
    if item.url.startswith(("http://", "https://")):
        title = f'<a href="{html.escape(item.url)}">{title}</a>'
    day = item.published.astimezone(LOCAL_TIME)
    meta = f"{html.escape(item.source)} · {day:%d/%m/%Y} · {KIND_LABELS.get(item.kind, '')}"
    note = f'<p class="note">{html.escape(entry.note)}</p>' if entry.note else ""
    return (f'<li><h2>{title}</h2><p class="meta">{meta}</p>'
            f"<p>{html.escape(item.summary)}</p>{note}</li>")


_STYLE = (
    "body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.45;color:#111}"
    "h2{font-size:1.1em;margin:.2em 0}.meta{color:#444;font-size:.9em}"
    "li{margin-bottom:1.2em}.note{border-left:3px solid #666;padding-left:.6em}"
    "@media print{a{color:inherit;text-decoration:none}}"
)
