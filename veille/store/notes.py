"""The personal notes repository: one note per person and item, private to its author."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from .schema import item_notes, items


@dataclass(frozen=True)
class Note:
    user_id: int
    item_id: str
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class NotedItem:
    """A note with what its list shows of the item."""

    note: Note
    title: str
    source: str
    kind: str


def get(conn: Connection, user_id: int, item_id: str) -> Note | None:
    row = conn.execute(select(item_notes).where(item_notes.c.user_id == user_id,
                                                item_notes.c.item_id == item_id)).first()
    return Note(row.user_id, row.item_id, row.text, row.updated_at) if row else None


def save(conn: Connection, note: Note) -> None:
    """Write the note, replacing the author's note on that item if there is one."""
    changed = conn.execute(
        update(item_notes)
        .where(item_notes.c.user_id == note.user_id, item_notes.c.item_id == note.item_id)
        .values(text=note.text, updated_at=note.updated_at))
    if changed.rowcount == 0:
        conn.execute(insert(item_notes).values(user_id=note.user_id, item_id=note.item_id,
                                               text=note.text, updated_at=note.updated_at))


def remove(conn: Connection, user_id: int, item_id: str) -> bool:
    """Delete the note; whether there was one."""
    removed = conn.execute(delete(item_notes).where(item_notes.c.user_id == user_id,
                                                    item_notes.c.item_id == item_id))
    return removed.rowcount > 0


def count_of(conn: Connection, user_id: int) -> int:
    return conn.execute(select(func.count()).select_from(item_notes)
                        .where(item_notes.c.user_id == user_id)).scalar_one()


def of_user(conn: Connection, user_id: int, offset: int, limit: int) -> list[NotedItem]:
    """A person's notes with their items, the latest written first."""
    rows = conn.execute(
        select(item_notes, items.c.title, items.c.source, items.c.kind)
        .join(items, items.c.id == item_notes.c.item_id)
        .where(item_notes.c.user_id == user_id)
        .order_by(item_notes.c.updated_at.desc(), item_notes.c.item_id)
        .offset(offset).limit(limit))
    return [NotedItem(Note(row.user_id, row.item_id, row.text, row.updated_at),
                      row.title, row.source, row.kind) for row in rows]


def noted(conn: Connection) -> set[str]:
    """The ids of the items someone wrote a note on."""
    return set(conn.execute(select(item_notes.c.item_id).distinct()).scalars())
