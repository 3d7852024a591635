"""The items repository: upserts by stable id, reads, and the index bookkeeping."""

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import UTC

from sqlalchemy import Connection, func, insert, select, tuple_, update

from ..errors import NotFound
from ..models import Item, UpsertCounts
from .rows import from_row, to_row
from .schema import items


def content_hash(item: Item) -> str:
    """Fingerprint of everything but the fetch time: equal hashes mean "unchanged"."""
    data = to_row(item)
    del data["fetched"]
    # In UTC, as the store keeps it: an item read back must hash as it did when written.
    data["published"] = item.published.astimezone(UTC).isoformat()
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def upsert(conn: Connection, batch: Iterable[Item]) -> UpsertCounts:
    """Insert new items, update changed ones (marking them for indexing), skip the rest."""
    by_id = {item.id: item for item in batch}
    known = dict(
        conn.execute(
            select(items.c.id, items.c.content_hash).where(items.c.id.in_(list(by_id)))
        ).all()
    )
    counts = UpsertCounts()
    for item in by_id.values():
        digest = content_hash(item)
        if item.id not in known:
            conn.execute(insert(items).values(**to_row(item), content_hash=digest, indexed=False))
            counts.new += 1
        elif known[item.id] != digest:
            conn.execute(
                update(items)
                .where(items.c.id == item.id)
                .values(**to_row(item), content_hash=digest, indexed=False)
            )
            counts.updated += 1
        else:
            counts.unchanged += 1
        counts.ids.append(item.id)
    return counts


def get(conn: Connection, item_id: str) -> Item:
    row = conn.execute(select(items).where(items.c.id == item_id)).mappings().first()
    if row is None:
        raise NotFound(f"no item with id {item_id}")
    return from_row(Item, row)


def count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(items)).scalar_one()


def all_ids(conn: Connection) -> set[str]:
    return set(conn.execute(select(items.c.id)).scalars())


def iter_all(conn: Connection, batch_size: int = 500) -> Iterator[tuple[Item, str]]:
    """Yield every item with its content hash, in id order, a page of rows at a time."""
    last_id = ""
    while True:
        rows = conn.execute(
            select(items).where(items.c.id > last_id).order_by(items.c.id).limit(batch_size)
        ).mappings().all()
        if not rows:
            return
        for row in rows:
            yield from_row(Item, row), row["content_hash"]
        last_id = rows[-1]["id"]


def pending(conn: Connection, limit: int) -> list[tuple[Item, str]]:
    """Items whose current version the index may not hold yet, with their content hash."""
    rows = conn.execute(
        select(items).where(items.c.indexed.is_(False)).order_by(items.c.id).limit(limit)
    ).mappings()
    return [(from_row(Item, row), row["content_hash"]) for row in rows]


def mark_indexed(conn: Connection, versions: Iterable[tuple[str, str]]) -> None:
    """Mark (id, content hash) pairs as indexed; a version changed since stays pending."""
    versions = list(versions)
    if versions:
        conn.execute(
            update(items)
            .where(tuple_(items.c.id, items.c.content_hash).in_(versions))
            .values(indexed=True)
        )


def mark_all_unindexed(conn: Connection) -> None:
    conn.execute(update(items).values(indexed=False))
