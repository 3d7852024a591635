"""The resources repository: the catalogue's records, by the id of their item."""

from sqlalchemy import Column, Connection, delete, insert, select

from ..errors import NotFound
from ..models import Item, Resource
from .rows import from_row, to_row
from .schema import items, resources


def save(conn: Connection, resource: Resource) -> None:
    """Insert or replace the record of `resource.id` (its item must be stored)."""
    conn.execute(delete(resources).where(resources.c.id == resource.id))
    conn.execute(insert(resources).values(**to_row(resource)))


def get(conn: Connection, resource_id: str) -> Resource:
    found = _first(conn, resources.c.id, resource_id)
    if found is None:
        raise NotFound(f"no resource {resource_id!r}")
    return found


def by_id(conn: Connection, resource_id: str) -> Resource | None:
    return _first(conn, resources.c.id, resource_id)


def resources_without_record(conn: Connection, ids: list[str]) -> list[Item]:
    """The items of kind resource among `ids` that have no record."""
    rows = conn.execute(
        select(items).where(items.c.id.in_(ids), items.c.kind == "resource",
                            items.c.id.not_in(select(resources.c.id)))
    ).mappings()
    return [from_row(Item, row) for row in rows]


def by_origin(conn: Connection, origin: str) -> Resource | None:
    """The record imported from `origin` ("dir:<path>", "url:<address>"), if any."""
    return _first(conn, resources.c.origin, origin)


def by_sha256(conn: Connection, sha256: str) -> Resource | None:
    """A record whose file has these bytes, if any."""
    return _first(conn, resources.c.sha256, sha256)


def by_stored_as(conn: Connection, stored_as: str) -> Resource | None:
    """A record whose file is kept under `stored_as`, if any."""
    return _first(conn, resources.c.stored_as, stored_as)


def promoted(conn: Connection) -> set[str]:
    """The ids of the news items made records (catalogue.promote)."""
    origins = conn.execute(select(resources.c.origin).where(resources.c.origin.like("item:%")))
    return {origin.removeprefix("item:") for origin in origins.scalars()}


def all_records(conn: Connection) -> list[Resource]:
    """Every record, by title."""
    rows = conn.execute(select(resources).order_by(resources.c.title, resources.c.id)).mappings()
    return [from_row(Resource, row) for row in rows]


def _first(conn: Connection, column: Column, value: str) -> Resource | None:
    row = conn.execute(select(resources).where(column == value).limit(1)).mappings().first()
    return from_row(Resource, row) if row else None
