"""The items repository: upserts by stable id, reads, and the index bookkeeping."""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Connection, Row, func, insert, select, tuple_, update

from ..errors import NotFound
from ..models import Item, UpsertCounts
from .rows import from_row, to_row
from .schema import index_removals, item_sources, items, sources

_VERSIONS_PER_UPDATE = 1000  # (id, hash) pairs a statement marks indexed


def content_hash(item: Item) -> str:
    """Fingerprint of everything but the fetch time: equal hashes mean "unchanged"."""
    data = _values(item)
    del data["fetched"]
    # In UTC, as the store keeps it: an item read back must hash as it did when written.
    data["published"] = item.dated.astimezone(UTC).isoformat()
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def upsert(conn: Connection, batch: Iterable[Item]) -> UpsertCounts:
    """Insert new items, update changed ones (marking them for indexing), skip the rest.

    An item another source already brought (same URL, hence same id, or same text under
    another URL) stays one item: the new source is linked to it, the item is left as it is.
    Within one source, or without sources (imports), ids alone decide.
    An item without a date keeps the date it was first seen.
    """
    by_id = {item.id: item for item in batch}
    known = {
        row.id: row
        for row in conn.execute(
            select(items.c.id, items.c.content_hash, items.c.published, items.c.source_id)
            .where(items.c.id.in_(list(by_id)))
        )
    }
    twins = _twins(conn, [i.fingerprint for i in by_id.values() if i.id not in known])
    counts = UpsertCounts()
    inserted: list[Item] = []
    for item in by_id.values():
        stored = known.get(item.id)
        first_seen = stored.published if stored else item.fetched
        item = replace(item, published=item.published or first_seen)
        twin = _twin_from_elsewhere(twins, item) if stored is None else None
        if twin or (stored and item.source_id and stored.source_id != item.source_id):
            _insert(conn, inserted)  # the twin may be one of them
            inserted.clear()
            _link(conn, twin or item.id, item)
            counts.unchanged += 1
        elif stored is None:
            inserted.append(item)
            twins.setdefault(item.fingerprint, (item.id, item.source_id))
            counts.new += 1
            counts.new_ids.append(item.id)
        elif stored.content_hash != content_hash(item):
            _update(conn, item)
            counts.updated += 1
            counts.updated_ids.append(item.id)
        else:
            counts.unchanged += 1
        counts.ids.append(twin or item.id)
    _insert(conn, inserted)
    return counts


def sources_of(conn: Connection, item_id: str) -> list[dict]:
    """Every source that brought `item_id`, first first:
    {"source_id", "name", "url" (the item's address there), "first_seen"}."""
    rows = conn.execute(
        select(
            item_sources.c.source_id,
            sources.c.name,
            item_sources.c.url,
            item_sources.c.first_seen,
        )
        .join(sources, sources.c.id == item_sources.c.source_id)
        .where(item_sources.c.item_id == item_id)
        .order_by(item_sources.c.first_seen)
    ).mappings()
    return [dict(row) for row in rows]


def _twins(conn: Connection, fingerprints: list[str]) -> dict[str, tuple[str, int | None]]:
    """Fingerprint → (id, source id) of a stored item with that text."""
    wanted = [f for f in fingerprints if f]
    if not wanted:
        return {}
    rows = conn.execute(
        select(items.c.fingerprint, items.c.id, items.c.source_id)
        .where(items.c.fingerprint.in_(wanted))
        .order_by(items.c.published)
    )
    twins: dict[str, tuple[str, int | None]] = {}
    for fingerprint, item_id, source_id in rows:
        twins.setdefault(fingerprint, (item_id, source_id))
    return twins


def _twin_from_elsewhere(twins: dict[str, tuple[str, int | None]], item: Item) -> str | None:
    """The id of the same text brought by another source, if any."""
    twin_id, twin_source = twins.get(item.fingerprint, ("", None))
    if twin_id and item.source_id and twin_source and twin_source != item.source_id:
        return twin_id
    return None


def _insert(conn: Connection, new_items: list[Item]) -> None:
    """Insert new items, and their source links, a statement for all."""
    if not new_items:
        return
    conn.execute(
        insert(items),
        [{**_values(i), "content_hash": content_hash(i), "indexed": False} for i in new_items],
    )
    links = [_link_row(item.id, item) for item in new_items if item.source_id is not None]
    if links:
        conn.execute(insert(item_sources), links)


def _update(conn: Connection, item: Item) -> None:
    conn.execute(
        update(items)
        .where(items.c.id == item.id)
        .values(**_values(item), content_hash=content_hash(item), indexed=False)
    )


def _values(item: Item) -> dict:
    """The columns an item writes: its story is the store's to decide (stories.py)."""
    values = to_row(item)
    del values["story_id"]
    return values


def _link(conn: Connection, item_id: str, item: Item) -> None:
    """Record that `item`'s source brought `item_id` (once per source)."""
    if item.source_id is None:
        return
    exists = conn.execute(
        select(item_sources.c.item_id).where(
            item_sources.c.item_id == item_id, item_sources.c.source_id == item.source_id
        )
    ).first()
    if not exists:
        conn.execute(insert(item_sources).values(_link_row(item_id, item)))


def _link_row(item_id: str, item: Item) -> dict:
    return {
        "item_id": item_id, "source_id": item.source_id, "url": item.url,
        "first_seen": item.fetched,
    }


def get(conn: Connection, item_id: str) -> Item:
    row = conn.execute(select(items).where(items.c.id == item_id)).mappings().first()
    if row is None:
        raise NotFound(f"no item with id {item_id}")
    return from_row(Item, row)


def get_many(conn: Connection, ids: list[str]) -> list[Item]:
    """The items of `ids` the store holds, in the order of `ids`."""
    rows = conn.execute(select(items).where(items.c.id.in_(ids))).mappings()
    found = {row["id"]: from_row(Item, row) for row in rows}
    return [found[item_id] for item_id in dict.fromkeys(ids) if item_id in found]


def existing_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Those of `ids` the store holds."""
    return set(conn.execute(select(items.c.id).where(items.c.id.in_(ids))).scalars())


def latest(conn: Connection, limit: int, source_id: int | None = None) -> list[Item]:
    """The `limit` newest news items, of one source (that brought them first) or of all."""
    query = select(items).where(items.c.kind == "news")
    if source_id is not None:
        query = query.where(items.c.source_id == source_id)
    rows = conn.execute(query.order_by(items.c.published.desc()).limit(limit)).mappings()
    return [from_row(Item, row) for row in rows]


def delete(conn: Connection, ids: Iterable[str]) -> None:
    """Delete items (their sources' links and resource records go with them) and note their
    ids for the index to forget (index.whoosh.writer.sync)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return
    noted = set(conn.execute(select(index_removals.c.id).where(index_removals.c.id.in_(ids)))
                .scalars())
    fresh = [{"id": item_id} for item_id in ids if item_id not in noted]
    if fresh:
        conn.execute(insert(index_removals), fresh)
    conn.execute(items.delete().where(items.c.id.in_(ids)))


def removals(conn: Connection, limit: int) -> list[str]:
    """Ids of deleted items the index may still hold."""
    return list(conn.execute(select(index_removals.c.id).limit(limit)).scalars())


def forget_removals(conn: Connection, ids: list[str]) -> None:
    """The index no longer holds these ids."""
    conn.execute(index_removals.delete().where(index_removals.c.id.in_(ids)))


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


def page(conn: Connection, limit: int, after: str = "") -> list[tuple[Item, str]]:
    """Up to `limit` items with their content hash, in id order from the first id past
    `after`."""
    rows = conn.execute(
        select(items).where(items.c.id > after).order_by(items.c.id).limit(limit)
    ).mappings()
    return [(from_row(Item, row), row["content_hash"]) for row in rows]


def pending(conn: Connection, limit: int, after: str = "") -> list[tuple[Item, str]]:
    """Items whose current version the index may not hold yet, with their content hash,
    in id order from the first id past `after` (read along the index on (indexed, id):
    without it each call sorted every pending row)."""
    rows = conn.execute(
        select(items)
        .where(items.c.indexed.is_(False), items.c.id > after)
        .order_by(items.c.id)
        .limit(limit)
    ).mappings()
    return [(from_row(Item, row), row["content_hash"]) for row in rows]


def news_before(conn: Connection, source_id: int | None, before: datetime) -> list[Row]:
    """The id, title and source of the news of source `source_id` (None: of no source)
    published before `before`."""
    owner = items.c.source_id.is_(None) if source_id is None else items.c.source_id == source_id
    return list(conn.execute(select(items.c.id, items.c.title, items.c.source)
                             .where(owner, items.c.kind == "news", items.c.published < before)))


def mark_unindexed(conn: Connection, ids: Iterable[str]) -> None:
    """Make these items pending, for the next sync to index them again."""
    ids = list(ids)
    if ids:
        conn.execute(update(items).where(items.c.id.in_(ids)).values(indexed=False))


def mark_indexed(conn: Connection, versions: Iterable[tuple[str, str]]) -> None:
    """Mark (id, content hash) pairs as indexed; a version changed since stays pending. A
    statement marks at most _VERSIONS_PER_UPDATE: a rebuild's every version in one went past
    PostgreSQL's stack depth at 20,000."""
    versions = list(versions)
    for at in range(0, len(versions), _VERSIONS_PER_UPDATE):
        chunk = versions[at : at + _VERSIONS_PER_UPDATE]
        conn.execute(
            update(items)
            # The ids alone let SQLite read the rows by key: for a pair of columns it read
            # the whole table, a statement after each 1,000 items indexed.
            .where(items.c.id.in_([item_id for item_id, _ in chunk]),
                   tuple_(items.c.id, items.c.content_hash).in_(chunk))
            .values(indexed=True)
        )
