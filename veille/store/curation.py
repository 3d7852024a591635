"""The curation repository: what documentalists added to items, written with its audit
entry and making the item pending for the index, in one transaction."""

from dataclasses import replace

from sqlalchemy import Connection, delete, func, insert, select, update

from ..models import Curation
from . import audit, daily
from .items import get as get_item
from .rows import from_row, to_row
from .schema import curation, items, utcnow


def get(conn: Connection, item_id: str) -> Curation:
    """The item's curation (nothing added yet: the defaults); NotFound for no such item."""
    get_item(conn, item_id)
    return of_items(conn, [item_id]).get(item_id, Curation(item_id))


def of_items(conn: Connection, ids: list[str]) -> dict[str, Curation]:
    """The curation of those of `ids` that have some."""
    rows = conn.execute(select(curation).where(curation.c.item_id.in_(ids))).mappings()
    return {row["item_id"]: from_row(Curation, row) for row in rows}


def of_all(conn: Connection) -> dict[str, Curation]:
    """Every item's curation, by item id (a rebuild reads them once)."""
    return {row["item_id"]: from_row(Curation, row)
            for row in conn.execute(select(curation)).mappings()}


def hidden(conn: Connection, limit: int, offset: int = 0) -> tuple[list[Curation], int]:
    """The curation of the hidden items, the latest hidden first, and how many there are."""
    query = (select(curation).where(curation.c.hidden.is_(True))
             .order_by(curation.c.updated_at.desc(), curation.c.item_id)
             .limit(limit).offset(offset))
    total = conn.execute(select(func.count()).select_from(curation)
                         .where(curation.c.hidden.is_(True))).scalar_one()
    return [from_row(Curation, row) for row in conn.execute(query).mappings()], total


def save(conn: Connection, changed: Curation, actor: str) -> bool:
    """Store `changed` if it differs from what is stored; log it; the index follows."""
    before = get(conn, changed.item_id)
    fields = ("starred", "hidden", "note", "tags", "published", "sectors", "places")
    difference = {name: getattr(changed, name) for name in fields
                  if getattr(changed, name) != getattr(before, name)}
    if not difference:
        return False
    stored = replace(changed, updated_by=actor, updated_at=utcnow())
    if "tags" in difference:  # a tag's trend counts the team's tags too
        daily.remove(conn, [changed.item_id])
    conn.execute(delete(curation).where(curation.c.item_id == changed.item_id))
    conn.execute(insert(curation).values(**to_row(stored)))
    if "tags" in difference:
        daily.add(conn, [changed.item_id])
    conn.execute(update(items).where(items.c.id == changed.item_id).values(indexed=False))
    audit.record(conn, actor, "curate", f"item:{changed.item_id}", difference)
    return True
