"""The dossiers repository: baskets of items, their entries in order."""

from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update

from ..errors import InvalidRequest, NotFound
from ..models import Item
from .rows import from_row
from .schema import dossier_entries, dossiers, items, utcnow


@dataclass
class Dossier:
    id: int
    name: str
    description: str
    size: int = 0


@dataclass
class DossierEntry:
    item: Item
    note: str


def create(conn: Connection, name: str, description: str) -> Dossier:
    name = name.strip()
    if not name:
        raise InvalidRequest("a dossier needs a name")
    if conn.execute(select(dossiers.c.id).where(dossiers.c.name == name)).first():
        raise InvalidRequest(f"there is a dossier {name!r} already")
    values = {"name": name, "description": description.strip(), "created_at": utcnow()}
    new_id = conn.execute(insert(dossiers).values(**values)).inserted_primary_key[0]
    return Dossier(new_id, name, values["description"])


def named(conn: Connection, name: str) -> Dossier:
    row = conn.execute(select(dossiers).where(dossiers.c.name == name)).first()
    if row is None:
        raise NotFound(f"no dossier {name!r}")
    return Dossier(row.id, row.name, row.description, _size(conn, row.id))


def get(conn: Connection, dossier_id: int) -> Dossier:
    row = conn.execute(select(dossiers).where(dossiers.c.id == dossier_id)).first()
    if row is None:
        raise NotFound(f"no dossier {dossier_id}")
    return Dossier(row.id, row.name, row.description, _size(conn, row.id))


def all_dossiers(conn: Connection) -> list[Dossier]:
    rows = conn.execute(select(dossiers).order_by(dossiers.c.name)).all()
    return [Dossier(row.id, row.name, row.description, _size(conn, row.id)) for row in rows]


def remove_dossier(conn: Connection, dossier: Dossier) -> None:
    conn.execute(delete(dossiers).where(dossiers.c.id == dossier.id))


def entries(conn: Connection, dossier: Dossier) -> list[DossierEntry]:
    rows = conn.execute(
        select(items, dossier_entries.c.note)
        .join(dossier_entries, dossier_entries.c.item_id == items.c.id)
        .where(dossier_entries.c.dossier_id == dossier.id)
        .order_by(dossier_entries.c.position)
    ).mappings()
    return [DossierEntry(from_row(Item, row), row["note"]) for row in rows]


def put(conn: Connection, dossier: Dossier, item_id: str, note: str, at: int | None) -> None:
    """Put the item at position `at` (1 first; None: last) with `note`; an item already in
    the dossier moves there and takes the note."""
    order = [entry.item.id for entry in entries(conn, dossier) if entry.item.id != item_id]
    at = len(order) + 1 if at is None else max(1, min(at, len(order) + 1))
    order.insert(at - 1, item_id)
    conn.execute(delete(dossier_entries).where(dossier_entries.c.dossier_id == dossier.id,
                                               dossier_entries.c.item_id == item_id))
    conn.execute(insert(dossier_entries).values(dossier_id=dossier.id, item_id=item_id,
                                                position=0, note=note.strip()))
    _renumber(conn, dossier, order)


def take_out(conn: Connection, dossier: Dossier, item_id: str) -> None:
    removed = conn.execute(delete(dossier_entries).where(
        dossier_entries.c.dossier_id == dossier.id, dossier_entries.c.item_id == item_id))
    if removed.rowcount == 0:
        raise NotFound(f"{item_id} is not in the dossier {dossier.name!r}")
    _renumber(conn, dossier, [entry.item.id for entry in entries(conn, dossier)])


def in_any(conn: Connection) -> set[str]:
    """The ids of the items some dossier holds."""
    return set(conn.execute(select(dossier_entries.c.item_id)).scalars())


def _renumber(conn: Connection, dossier: Dossier, order: list[str]) -> None:
    for position, item_id in enumerate(order, start=1):
        conn.execute(update(dossier_entries)
                     .where(dossier_entries.c.dossier_id == dossier.id,
                            dossier_entries.c.item_id == item_id)
                     .values(position=position))


def _size(conn: Connection, dossier_id: int) -> int:
    return conn.execute(select(func.count()).select_from(dossier_entries)
                        .where(dossier_entries.c.dossier_id == dossier_id)).scalar_one()
