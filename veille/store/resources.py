"""The resources repository: the catalogue's records, by the id of their item."""

from sqlalchemy import Connection, delete, insert, select

from ..errors import NotFound
from ..models import Resource
from .rows import from_row, to_row
from .schema import resources


def save(conn: Connection, resource: Resource) -> None:
    """Insert or replace the record of `resource.id` (its item must be stored)."""
    conn.execute(delete(resources).where(resources.c.id == resource.id))
    conn.execute(insert(resources).values(**to_row(resource)))


def get(conn: Connection, resource_id: str) -> Resource:
    row = conn.execute(select(resources).where(resources.c.id == resource_id)).mappings().first()
    if row is None:
        raise NotFound(f"no resource {resource_id!r}")
    return from_row(Resource, row)


def by_origin(conn: Connection, origin: str) -> Resource | None:
    """The record imported from `origin` ("dir:<path>"), if any."""
    row = conn.execute(select(resources).where(resources.c.origin == origin)).mappings().first()
    return from_row(Resource, row) if row else None


def by_sha256(conn: Connection, sha256: str) -> Resource | None:
    """A record whose file has these bytes, if any."""
    row = conn.execute(select(resources).where(resources.c.sha256 == sha256)).mappings().first()
    return from_row(Resource, row) if row else None


def all_records(conn: Connection) -> list[Resource]:
    """Every record, by title."""
    rows = conn.execute(select(resources).order_by(resources.c.title, resources.c.id)).mappings()
    return [from_row(Resource, row) for row in rows]
