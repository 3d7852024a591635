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

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

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
    """Add `changes` (times `sign`) to the stored counts, one statement for them all
    (executemany); counts falling to 0 go. Adding inserts the keys not counted yet (an
    upsert on the primary key, SQLite's and PostgreSQL's alike); removing leaves them."""
    if not changes:
        return
    rows = [{"k_day": day, "k_dimension": dimension, "k_value": value, "k_count": sign * count}
            for (day, dimension, value), count in changes.items()]
    if sign > 0:
        conn.execute(_upsert(conn), rows)
        return
    keyed = (daily_counts.c.day == bindparam("k_day"),
             daily_counts.c.dimension == bindparam("k_dimension"),
             daily_counts.c.value == bindparam("k_value"))
    conn.execute(update(daily_counts).where(*keyed)
                 .values(count=daily_counts.c.count + bindparam("k_count")), rows)
    conn.execute(delete(daily_counts).where(*keyed, daily_counts.c.count <= 0), rows)


def _upsert(conn: Connection):
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(daily_counts).values(
        day=bindparam("k_day"), dimension=bindparam("k_dimension"),
        value=bindparam("k_value"), count=bindparam("k_count"))
    return statement.on_conflict_do_update(
        index_elements=[daily_counts.c.day, daily_counts.c.dimension, daily_counts.c.value],
        set_={"count": daily_counts.c.count + statement.excluded["count"]})
