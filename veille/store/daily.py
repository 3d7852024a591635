"""The daily counts repository: how many items were published each French day, in all and
per source, kind, job (rome), domaine, place, skill and tag, in a table of their own.

Trends count items, and `veille purge` deletes old news: counted here, a trend over years
survives it. The counts follow the items at the store's write points, in the caller's
transaction: an item stored, changed or tagged again is taken out of the counts as it was
and put back as it is (`remove` before the change, `add` after); an item deleted by hand or
by a rule is taken out (`remove`), one purged for its age is not: it was published, and
its day keeps it. Job offers (in their hundreds a day) are counted in their kind alone, as
trends leave them out unless asked for. Tags are the feed's (items.tags, dimension "tag") and
the team's (the curation's, "team_tag", those the feed did not give): a tag's trend counts
both, as the index's tag facet holds both (`days`); curation_store.save moves the counts when
the team's tags change. Jobs, domaines, places and skills are the item tags in force
(tags.effective_of).
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, and_, bindparam, delete, insert, select, tuple_, update

from ..models import LOCAL_TIME
from .schema import curation, daily_counts, items
from .tags import effective_of

# Dimensions counted, by the kind of item tag they are (the others are columns of items).
TAG_DIMENSIONS = {"rome": "rome", "domaine": "domaine", "place": "place", "skill": "skill"}
TEAM_TAG = "team_tag"  # a tag the team gave an item, the feed had not
DIMENSIONS = ("all", "source", "kind", "tag", TEAM_TAG, *TAG_DIMENSIONS)
# What a dimension's trend counts: a tag, given by the feed or by the team.
_COUNTED_AS = {"tag": ("tag", TEAM_TAG)}
ALL = ("all", "")  # every item but job offers
OFFER = "offre"  # a job offer: counted in its kind alone
Key = tuple[date, str, str]  # (day, dimension, value)
_PER_STATEMENT = 300


def add(conn: Connection, ids: Iterable[str], dimension: str | None = None) -> None:
    """Count the stored items of `ids` as they are now (in one `dimension`, or all)."""
    found = contributions(conn, ids)
    if dimension is not None:
        found = Counter({key: n for key, n in found.items() if key[1] == dimension})
    _apply(conn, found, 1)


def remove(conn: Connection, ids: Iterable[str]) -> None:
    """Take the stored items of `ids`, as they are now, out of the counts."""
    _apply(conn, contributions(conn, ids), -1)


def contributions(conn: Connection, ids: Iterable[str]) -> Counter[Key]:
    """What the stored items of `ids` add to the counts: one per (day, dimension, value)."""
    ids = list(dict.fromkeys(ids))
    found: Counter[Key] = Counter()
    for at in range(0, len(ids), _PER_STATEMENT):
        chunk = ids[at : at + _PER_STATEMENT]
        tagged = effective_of(conn, chunk)
        team = dict(conn.execute(select(curation.c.item_id, curation.c.tags)
                                 .where(curation.c.item_id.in_(chunk))).all())
        rows = conn.execute(select(items.c.id, items.c.published, items.c.source,
                                   items.c.kind, items.c.tags).where(items.c.id.in_(chunk)))
        for row in rows:
            day = row.published.astimezone(LOCAL_TIME).date()
            found.update((day, dimension, value) for dimension, value in _keys(
                row, tagged.get(row.id, {}), team.get(row.id) or ()))
    return found


def _keys(row, tagged: dict, team: Iterable[str]) -> list[tuple[str, str]]:
    """The (dimension, value) pairs an item counts in: a job offer in its kind alone (trends
    leave offers out unless they choose kinds: analyse.trends.without_offers)."""
    if row.kind == OFFER:
        return [("kind", row.kind)]
    keys = [ALL, ("source", row.source), ("kind", row.kind)]
    keys += [("tag", tag) for tag in dict.fromkeys(row.tags)]
    keys += [(TEAM_TAG, tag) for tag in dict.fromkeys(team) if tag not in row.tags]
    keys += [(dimension, value) for kind, dimension in TAG_DIMENSIONS.items()
             for value in tagged.get(kind, ())]
    return keys


def days(conn: Connection, dimension: str, value: str = "") -> dict[date, int]:
    """The count of each day that has one, for a value of a dimension ("rome", "H2913"; a
    "tag" given by the feed or the team), or every item (ALL)."""
    rows = conn.execute(select(daily_counts.c.day, daily_counts.c.count).where(
        daily_counts.c.dimension.in_(_COUNTED_AS.get(dimension, (dimension,))),
        daily_counts.c.value == value)).mappings()
    found: Counter[date] = Counter()
    for row in rows:
        found[row["day"]] += row["count"]
    return {day: count for day, count in found.items() if count > 0}


def _apply(conn: Connection, changes: Counter[Key], sign: int) -> None:
    """Add `changes` (times `sign`) to the stored counts; counts falling to 0 go. A few
    statements a chunk of keys, whatever their number (each a round trip on PostgreSQL)."""
    keys = list(changes)
    for at in range(0, len(keys), _PER_STATEMENT):
        chunk = keys[at : at + _PER_STATEMENT]
        stored = {(row["day"], row["dimension"], row["value"]): row["count"]
                  for row in conn.execute(select(daily_counts).where(
                      tuple_(*_KEY).in_(chunk))).mappings()}
        fresh = [{"day": k[0], "dimension": k[1], "value": k[2], "count": sign * changes[k]}
                 for k in chunk if k not in stored and sign > 0]
        if fresh:
            conn.execute(insert(daily_counts), fresh)
        counted = [(key, stored[key] + sign * changes[key]) for key in chunk if key in stored]
        kept = [{**_bound(key), "new_count": count} for key, count in counted if count > 0]
        gone = [_bound(key) for key, count in counted if count <= 0]
        if kept:
            conn.execute(_SET_COUNT, kept)
        if gone:
            conn.execute(_DROP_COUNT, gone)


_KEY = (daily_counts.c.day, daily_counts.c.dimension, daily_counts.c.value)
_IS_KEY = and_(daily_counts.c.day == bindparam("key_day"),
               daily_counts.c.dimension == bindparam("key_dimension"),
               daily_counts.c.value == bindparam("key_value"))
_SET_COUNT = update(daily_counts).where(_IS_KEY).values(count=bindparam("new_count"))
_DROP_COUNT = delete(daily_counts).where(_IS_KEY)


def _bound(key: Key) -> dict:
    return {"key_day": key[0], "key_dimension": key[1], "key_value": key[2]}
