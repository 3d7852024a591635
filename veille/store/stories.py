"""Stories: near-duplicate items (one news rewritten by several outlets) share a story id.

A new item joins the story of the most similar stored item published within WINDOW of it,
if they are similar enough (clusters.THRESHOLD); otherwise it starts a story of its own.
Candidates come from the LSH keys of signatures: each key keeps a bucket of the latest
items that had it, so placing an item costs two statements whatever the store holds.
"""

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import Connection, bindparam, insert, select, update

from .. import clusters
from ..models import Item
from .rows import from_row
from .schema import items, story_buckets

# Outlets retell a story within days; further apart, similar words are another edition.
WINDOW = timedelta(days=21)
# Templates ("Offre de la semaine : …") share keys with every earlier edition: a bucket keeps
# the latest PER_KEY items of a key, and an item is compared with the CANDIDATES sharing the
# most keys with it.
PER_KEY = 16
CANDIDATES = 32


def assign(conn: Connection, new_items: list[Item]) -> None:
    """Sign each newly stored item and give it its story (its own, or a similar item's).

    An item without a date was stored as published when first seen, that is when fetched.
    """
    for item in new_items:
        item = replace(item, published=item.published or item.fetched)
        sig = clusters.signature(item.title, item.content_text)
        keys = clusters.candidate_keys(sig)
        buckets = _buckets(conn, keys)
        story = _similar_story(conn, item, sig, buckets) or item.id
        conn.execute(
            update(items)
            .where(items.c.id == item.id)
            .values(story_id=story, signature=sig.dumps())
        )
        _remember(conn, item, keys, buckets)


def members(conn: Connection, story_id: str) -> list[Item]:
    """The items of a story, oldest first."""
    rows = conn.execute(
        select(items).where(items.c.story_id == story_id).order_by(items.c.published)
    ).mappings()
    return [from_row(Item, row) for row in rows]


def _buckets(conn: Connection, keys: list[str]) -> dict[str, list[list]]:
    """Key → [[item id, publication timestamp], …], newest first."""
    if not keys:
        return {}
    rows = conn.execute(
        select(story_buckets.c.key, story_buckets.c.entries).where(story_buckets.c.key.in_(keys))
    )
    return dict(rows.all())


def _similar_story(
    conn: Connection, item: Item, sig: clusters.Signature, buckets: dict[str, list[list]]
) -> str | None:
    moment, window = item.published.timestamp(), WINDOW.total_seconds()
    shared = Counter(
        item_id
        for entries in buckets.values()
        for item_id, published in entries
        if abs(published - moment) <= window and item_id != item.id
    )
    nearest = [item_id for item_id, _ in shared.most_common(CANDIDATES)]
    if not nearest:
        return None
    candidates = conn.execute(
        select(items.c.story_id, items.c.signature).where(items.c.id.in_(nearest))
    ).all()
    best, best_score = None, clusters.THRESHOLD
    for story_id, text in candidates:
        try:
            score = clusters.similarity(sig, clusters.Signature.loads(text))
        except ValueError:  # signed by an older veille: it stays in its story
            continue
        if score >= best_score:
            best, best_score = story_id, score
    return best


def _remember(conn: Connection, item: Item, keys: list[str], buckets: dict[str, list[list]]):
    """Put the item at the head of each of its keys' buckets, keeping the latest PER_KEY."""
    entry = [item.id, item.published.timestamp()]
    changed = [
        {"bucket": key, "entries": sorted([entry, *buckets[key]], key=_newest)[:PER_KEY]}
        for key in keys
        if key in buckets
    ]
    created = [{"key": key, "entries": [entry]} for key in keys if key not in buckets]
    if changed:
        conn.execute(_UPDATE_BUCKET, changed)
    if created:
        conn.execute(insert(story_buckets), created)


def _newest(entry: list) -> float:
    return -entry[1]


_UPDATE_BUCKET = (
    update(story_buckets)
    .where(story_buckets.c.key == bindparam("bucket"))
    .values(entries=bindparam("entries"))
)
