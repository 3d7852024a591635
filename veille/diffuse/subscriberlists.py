"""The lists of bulletin subscribers as documentalists manage them: a list per theme, made
or deleted, its subscribers exported and imported as CSV (text/spreadsheet.py: cells made
inert, read back as written), one taken off; each change in the audit log.

An imported address counts as confirmed: the documentalist vouches for its consent (a
register of a forum's visitors, say). One who unsubscribed stays unsubscribed: an import
never subscribes them again.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO

from ..i18n import N_
from ..instance import Instance
from ..models import BulletinList, Subscriber
from ..store import audit
from ..store import subscribers as store
from ..store.schema import utcnow
from ..text import spreadsheet
from ..text.labels import one_line
from . import mailer

CSV_COLUMNS = ("email", "statut", "origine", "inscrit_le", "confirme_le", "desabonne_le")
EMAIL_HEADERS = {"email", "e-mail", "courriel", "adresse", "adresse électronique", "mail"}
NAME_CHARS = 200


@dataclass
class Imported:
    added: int = 0
    already: int = 0
    unsubscribed: int = 0  # left as they were: they asked to receive nothing
    refused: list[tuple[int, str]] = field(default_factory=list)  # line, text


def create(instance: Instance, name: str, description: str, actor: str) -> BulletinList:
    name = one_line(name, N_("Donnez un nom à la liste."), "Le nom", NAME_CHARS)
    with instance.engine.begin() as conn:
        made = store.create_list(conn, BulletinList(name, description.strip(), utcnow()))
        audit.record(conn, actor, "list-create", f"list:{made.name}", {})
    return made


def delete(instance: Instance, list_id: int, actor: str) -> BulletinList:
    with instance.engine.begin() as conn:
        found = store.get_list(conn, list_id)
        store.delete_list(conn, list_id)
        audit.record(conn, actor, "list-delete", f"list:{found.name}", {})
    return found


def remove(instance: Instance, list_id: int, email: str, actor: str) -> None:
    """Take an address off the list (its row goes: nothing of it is kept)."""
    with instance.engine.begin() as conn:
        found = store.get_list(conn, list_id)
        store.forget(conn, list_id, email)
        audit.record(conn, actor, "list-remove", f"list:{found.name}", {"email": email})


def import_csv(instance: Instance, list_id: int, text: str, actor: str,
               now: datetime | None = None) -> Imported:
    """Add the addresses of a CSV file's email column (or first column) as confirmed."""
    now, report = now or utcnow(), Imported()
    with instance.engine.begin() as conn:
        found = store.get_list(conn, list_id)
        for line, cell in _emails(text):
            _add(conn, list_id, line, cell, now, report)
        audit.record(conn, actor, "list-import", f"list:{found.name}",
                     {"added": report.added, "refused": len(report.refused)})
    return report


def export_csv(instance: Instance, list_id: int, out: TextIO) -> None:
    with instance.engine.connect() as conn:
        members = store.members(conn, list_id)
    spreadsheet.write(out, CSV_COLUMNS, (
        [each.email, each.status, each.origin, _day(each.created_at),
         _day(each.confirmed_at), _day(each.unsubscribed_at)] for each in members))


def _add(conn, list_id: int, line: int, cell: str, now: datetime, report: Imported) -> None:
    email = cell.strip().lower()
    if not mailer.ADDRESS.fullmatch(email) or len(email) > 320:
        report.refused.append((line, cell))
        return
    known = store.of_email(conn, list_id, email)
    if known and known.status == store.UNSUBSCRIBED:
        report.unsubscribed += 1
    elif known and known.status == store.CONFIRMED:
        report.already += 1
    else:
        store.put(conn, Subscriber(list_id, email, store.CONFIRMED, "import",
                                   known.token if known else store.new_token(), now, now))
        report.added += 1


def _emails(text: str) -> list[tuple[int, str]]:
    """The email cells of a CSV (its "email" column, else the first), with line numbers;
    a header line is recognised by its name."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    column, start = 0, 0
    if rows and any(cell.strip().lower() in EMAIL_HEADERS for cell in rows[0]):
        column = next(i for i, cell in enumerate(rows[0])
                      if cell.strip().lower() in EMAIL_HEADERS)
        start = 1
    return [(number, spreadsheet.unquoted(row[column]))
            for number, row in enumerate(rows[start:], start=start + 1)
            if len(row) > column and row[column].strip()]


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""
