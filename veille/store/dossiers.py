"""The dossiers repository: baskets of items, their entries in order; the team's (no
owner) and each person's."""

from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from ..errors import InvalidRequest, NotFound
from ..i18n import N_
from ..models import Item
from ..text.labels import one_line
from .rows import from_row, inserted_id
from .schema import dossier_entries, dossiers, items, users, utcnow

MAX_NAME = 300  # the column's length


@dataclass
class Dossier:
    id: int
    name: str
    description: str
    size: int = 0
    owner_id: int | None = None  # None: the team's
    shared: bool = False  # an owned dossier the team sees too
    owner: str = ""  # the owner's email

    @property
    def team(self) -> bool:
        return self.owner_id is None


@dataclass
class DossierEntry:
    item: Item
    note: str


def create(conn: Connection, name: str, description: str, owner_id: int | None = None,
           shared: bool = False) -> Dossier:
    """A new dossier of `owner_id` (None: the team's); names are unique per owner."""
    name = _name(conn, name, owner_id)
    values = {"name": name, "description": description.strip(), "created_at": utcnow(),
              "owner_id": owner_id, "shared": shared}
    new_id = inserted_id(conn.execute(insert(dossiers).values(**values)))
    return get(conn, new_id)


def named(conn: Connection, name: str, owner_id: int | None = None) -> Dossier:
    """The dossier of `owner_id` (None: the team's) called `name`."""
    row = conn.execute(_select().where(dossiers.c.name == name, _of(owner_id))).first()
    if row is None:
        raise NotFound(f"no dossier {name!r}" + ("" if owner_id is None else " of this person"))
    return _dossier(conn, row)


def get(conn: Connection, dossier_id: int) -> Dossier:
    row = conn.execute(_select().where(dossiers.c.id == dossier_id)).first()
    if row is None:
        raise NotFound(f"no dossier {dossier_id}")
    return _dossier(conn, row)


def all_dossiers(conn: Connection, owner_id: int | None = None) -> list[Dossier]:
    """The dossiers of `owner_id` (None: the team's), by name."""
    rows = conn.execute(_select().where(_of(owner_id)).order_by(dossiers.c.name)).all()
    return [_dossier(conn, row) for row in rows]


def visible_to(conn: Connection, user_id: int) -> list[Dossier]:
    """What a person sees: the team's dossiers, their own and those others shared, by name."""
    query = _select().where(or_(dossiers.c.owner_id.is_(None), dossiers.c.owner_id == user_id,
                                dossiers.c.shared.is_(True)))
    return [_dossier(conn, row) for row in conn.execute(query.order_by(dossiers.c.name))]


def change(conn: Connection, dossier: Dossier, *, name: str | None = None,
           shared: bool | None = None) -> None:
    """Rename the dossier, or share it (or not)."""
    values: dict = {}
    if name is not None:
        values["name"] = _name(conn, name, dossier.owner_id, dossier.id)
    if shared is not None:
        values["shared"] = shared
    if values:
        conn.execute(update(dossiers).where(dossiers.c.id == dossier.id).values(**values))


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


def _name(conn: Connection, name: str, owner_id: int | None, dossier_id: int = 0) -> str:
    """`name` on one line, if its owner has no other dossier of that name."""
    name = one_line(name, N_("Un dossier doit avoir un nom."), limit=MAX_NAME)
    twin = select(dossiers.c.id).where(dossiers.c.name == name, _of(owner_id),
                                       dossiers.c.id != dossier_id)
    if conn.execute(twin).first():
        raise InvalidRequest(f"Il y a déjà un dossier « {name} ».")
    return name


def _of(owner_id: int | None) -> ColumnElement[bool]:
    return dossiers.c.owner_id.is_(None) if owner_id is None else dossiers.c.owner_id == owner_id


def _select() -> Select:
    return (select(dossiers, users.c.email.label("owner"))
            .outerjoin(users, users.c.id == dossiers.c.owner_id))


def _dossier(conn: Connection, row: Row) -> Dossier:
    return Dossier(row.id, row.name, row.description, _size(conn, row.id), row.owner_id,
                   bool(row.shared), row.owner or "")


def _size(conn: Connection, dossier_id: int) -> int:
    return conn.execute(select(func.count()).select_from(dossier_entries)
                        .where(dossier_entries.c.dossier_id == dossier_id)).scalar_one()
