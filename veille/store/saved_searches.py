"""The saved searches repository, and the items first seen after a moment (for alerts)."""

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, delete, func, insert, or_, select, update

from ..errors import NotFound
from ..models import SavedSearch
from .rows import from_row, inserted_id
from .schema import item_sources, items, saved_searches, users

COLUMNS = ("user_id", "name", "query", "token", "shared", "alert", "alerted_at", "new_after",
           "created_at")
CHANGEABLE = {"name", "shared", "alert", "alerted_at", "new_after"}


@dataclass(frozen=True)
class NewItem:
    id: str
    first_seen: datetime
    indexed: bool


def add(conn: Connection, saved: SavedSearch) -> SavedSearch:
    values = {name: getattr(saved, name) for name in COLUMNS}
    new_id = inserted_id(conn.execute(insert(saved_searches).values(**values)))
    return get(conn, new_id)


def get(conn: Connection, saved_id: int) -> SavedSearch:
    row = conn.execute(_select().where(saved_searches.c.id == saved_id)).mappings().first()
    if row is None:
        raise NotFound(f"no saved search {saved_id}")
    return from_row(SavedSearch, row)


def visible_to(conn: Connection, user_id: int) -> list[SavedSearch]:
    """The person's own saved searches and those others shared, by name (accents and case
    aside, as people read: "Béton" before "Bois")."""
    query = _select().where(or_(saved_searches.c.user_id == user_id,
                                saved_searches.c.shared.is_(True)))
    found = [from_row(SavedSearch, row)
             for row in conn.execute(query.order_by(saved_searches.c.id)).mappings()]
    return sorted(found, key=lambda saved: _reading_order(saved.name))


def alerting(conn: Connection) -> list[SavedSearch]:
    """Every saved search with an alert, oldest first."""
    query = _select().where(saved_searches.c.alert != "").order_by(saved_searches.c.id)
    return [from_row(SavedSearch, row) for row in conn.execute(query).mappings()]


def change(conn: Connection, saved_id: int, **values) -> None:
    unknown = set(values) - CHANGEABLE
    if unknown:
        raise ValueError(f"not changeable: {', '.join(sorted(unknown))}")
    conn.execute(update(saved_searches).where(saved_searches.c.id == saved_id).values(**values))


def remove(conn: Connection, saved_id: int) -> None:
    conn.execute(delete(saved_searches).where(saved_searches.c.id == saved_id))


def new_items(conn: Connection, after: datetime, until: datetime) -> list[NewItem]:
    """Items first stored in (`after`, `until`], oldest first, with whether the index holds
    their current version.

    An item is first seen when its first source brought it (`item_sources.first_seen`), or
    when it was imported (`fetched`, for items without a source): `fetched` moves when a
    changed version is stored, so an item updated since is not new again. An old publication
    date does not matter: what was collected late is new to alerts.
    """
    linked = (select(item_sources.c.item_id, func.min(item_sources.c.first_seen).label("first"))
              .group_by(item_sources.c.item_id).subquery())
    rows = conn.execute(
        select(items.c.id, items.c.fetched, items.c.indexed, linked.c.first)
        .outerjoin(linked, linked.c.item_id == items.c.id)
        .where(items.c.fetched > after)  # first seen ≤ fetched: the cheap bound first
    )
    found = []
    for item_id, fetched, indexed, first in rows:
        first_seen = min(fetched, first) if first is not None else fetched
        if after < first_seen <= until:
            found.append(NewItem(item_id, first_seen, bool(indexed)))
    return sorted(found, key=lambda new: new.first_seen)


def _reading_order(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _select() -> Select:
    return (select(saved_searches, users.c.email.label("owner"))
            .join(users, users.c.id == saved_searches.c.user_id))
