"""Personal notes: anyone who signs in keeps a private note on an item, seen by nobody
else (not the team, not the documentalists, whose curation note is another thing).

A note stays when its item is collected again, goes with the item or with its author's
account, and keeps its item from `veille purge` (someone thought it worth a note). The
audit log records that a person saved or deleted a note on an item, never its text.
"""

from dataclasses import dataclass
from datetime import datetime

from ..errors import InvalidRequest
from ..instance import Instance
from ..models import User, stored_id
from ..store import audit
from ..store import items as item_store
from ..store import notes as note_store
from ..store.notes import Note, NotedItem
from ..store.schema import utcnow

MAX_CHARS = 10_000
PER_PAGE = 20


@dataclass(frozen=True)
class NotesPage:
    """One page of a person's notes, the latest written first."""

    notes: list[NotedItem]
    page: int
    total: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def of_item(instance: Instance, person: User, item_id: str) -> Note | None:
    """`person`'s note on the item, if they wrote one."""
    with instance.engine.connect() as conn:
        return note_store.get(conn, stored_id(person), item_id)


def write(instance: Instance, person: User, item_id: str, text: str,
          now: datetime | None = None) -> Note | None:
    """Keep `text` as `person`'s note on the item (an empty text deletes the note).
    NotFound for an unknown item, InvalidRequest for a note past MAX_CHARS."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        erase(instance, person, item_id)
        return None
    if len(text) > MAX_CHARS:
        raise InvalidRequest(f"Une note ne dépasse pas {MAX_CHARS} caractères.")
    note = Note(stored_id(person), item_id, text, now or utcnow())
    with instance.engine.begin() as conn:
        item_store.get(conn, item_id)
        note_store.save(conn, note)
        audit.record(conn, person.email, "note-save", f"item:{item_id}", {})
    return note


def erase(instance: Instance, person: User, item_id: str) -> bool:
    """Delete `person`'s note on the item; whether there was one."""
    with instance.engine.begin() as conn:
        removed = note_store.remove(conn, stored_id(person), item_id)
        if removed:
            audit.record(conn, person.email, "note-delete", f"item:{item_id}", {})
    return removed


def mine(instance: Instance, person: User, page: int = 1, per_page: int = PER_PAGE) -> NotesPage:
    """Page `page` (from 1) of `person`'s notes, the latest written first."""
    page = max(1, page)
    with instance.engine.connect() as conn:
        total = note_store.count_of(conn, stored_id(person))
        found = note_store.of_user(conn, stored_id(person), (page - 1) * per_page, per_page)
    return NotesPage(found, page, total, per_page)
