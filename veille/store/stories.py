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

from ..models import Item
from ..text import neardup
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

    The batch's buckets are read and written once: an item may join the story of one
    placed before it in the same batch. An item without a date was stored as published when
    first seen, that is when fetched.
    """
    signed = []
    for item in new_items:
        item = replace(item, published=item.published or item.fetched)
        sig = neardup.signature(item.title, item.content_text)
        signed.append((item, sig, neardup.candidate_keys(sig)))
    stored = _buckets(conn, {key for _, _, keys in signed for key in keys})
    buckets = dict(stored)
    placed: dict[str, tuple[str, neardup.Signature]] = {}  # id → (story, signature)
    for item, sig, keys in signed:
        story = _similar_story(conn, item, sig, [buckets.get(key, []) for key in keys], placed)
        story = story or item.id
        placed[item.id] = (story, sig)
        entry = [item.id, item.dated.timestamp()]
        for key in keys:
            buckets[key] = sorted([entry, *buckets.get(key, [])], key=_newest)[:PER_KEY]
    if placed:
        conn.execute(_SET_STORY, [
            {"item": item_id, "story_id": story, "signature": sig.dumps()}
            for item_id, (story, sig) in placed.items()
        ])
    _save(conn, stored, buckets)


def members(conn: Connection, story_id: str) -> list[Item]:
    """The items of a story, oldest first."""
    rows = conn.execute(
        select(items).where(items.c.story_id == story_id).order_by(items.c.published)
    ).mappings()
    return [from_row(Item, row) for row in rows]


def _buckets(conn: Connection, keys: set[str]) -> dict[str, list[list]]:
    """Key → [[item id, publication timestamp], …], newest first."""
    found: dict[str, list[list]] = {}
    ordered = sorted(keys)
    for at in range(0, len(ordered), _KEYS_PER_SELECT):
        rows = conn.execute(
            select(story_buckets.c.key, story_buckets.c.entries).where(
                story_buckets.c.key.in_(ordered[at : at + _KEYS_PER_SELECT])
            )
        )
        found.update(rows.all())
    return found


def _similar_story(
    conn: Connection,
    item: Item,
    sig: neardup.Signature,
    buckets: list[list[list]],
    placed: dict[str, tuple[str, neardup.Signature]],
) -> str | None:
    moment, window = item.dated.timestamp(), WINDOW.total_seconds()
    shared = Counter(
        item_id
        for entries in buckets
        for item_id, published in entries
        if abs(published - moment) <= window and item_id != item.id
    )
    nearest = [item_id for item_id, _ in shared.most_common(CANDIDATES)]
    candidates = [placed[item_id] for item_id in nearest if item_id in placed]
    earlier = [item_id for item_id in nearest if item_id not in placed]
    if earlier:
        rows = conn.execute(
            select(items.c.story_id, items.c.signature).where(items.c.id.in_(earlier))
        ).all()
        candidates += [(story_id, other) for story_id, text in rows
                       if (other := _signature(text)) is not None]
    best, best_score = None, neardup.THRESHOLD
    for story_id, other in candidates:
        score = neardup.similarity(sig, other)
        if score >= best_score:
            best, best_score = story_id, score
    return best


def _signature(text: str) -> neardup.Signature | None:
    try:
        return neardup.Signature.loads(text)
    except ValueError:  # signed by an older veille: it stays in its story
        return None


def _save(conn: Connection, stored: dict[str, list[list]], buckets: dict[str, list[list]]):
    """Write the buckets that changed since `stored` was read, and the new ones."""
    changed = [
        {"bucket": key, "entries": entries}
        for key, entries in buckets.items()
        if key in stored and entries != stored[key]
    ]
    created = [{"key": key, "entries": entries} for key, entries in buckets.items()
               if key not in stored]
    if changed:
        conn.execute(_UPDATE_BUCKET, changed)
    if created:
        conn.execute(insert(story_buckets), created)


def _newest(entry: list) -> float:
    return -entry[1]


# SQLite allows 32,766 parameters to a statement since 3.32; older ones 999.
_KEYS_PER_SELECT = 900
_SET_STORY = (
    update(items)
    .where(items.c.id == bindparam("item"))
    .values(story_id=bindparam("story_id"), signature=bindparam("signature"))
)
_UPDATE_BUCKET = (
    update(story_buckets)
    .where(story_buckets.c.key == bindparam("bucket"))
    .values(entries=bindparam("entries"))
)
