"""The labour-market figures (dated points an API source brings) and when an API source last
returned each of its items."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, and_, insert, select, update

from ..models import Figure
from .schema import labour_figures, sightings

_KEY = ("indicator", "rome", "place", "date")


def record(conn: Connection, source_id: int | None, figures: Iterable[Figure]) -> int:
    """Store figures, each replacing the value of the same point; return how many."""
    count = 0
    for figure in figures:
        point = and_(*(labour_figures.c[name] == getattr(figure, name) for name in _KEY))
        values = {"value": figure.value, "source_id": source_id}
        if not conn.execute(update(labour_figures).where(point).values(**values)).rowcount:
            conn.execute(insert(labour_figures).values(
                **{name: getattr(figure, name) for name in _KEY}, **values))
        count += 1
    return count


def series(conn: Connection, rome: str, place: str, indicator: str | None = None,
           ) -> list[Figure]:
    """The figures of a job and a place (of one indicator, or all), oldest first."""
    query = select(*(labour_figures.c[name] for name in (*_KEY, "value"))).where(
        labour_figures.c.rome == rome, labour_figures.c.place == place)
    if indicator is not None:
        query = query.where(labour_figures.c.indicator == indicator)
    rows = conn.execute(query.order_by(labour_figures.c.indicator, labour_figures.c.date))
    return [Figure(**row._mapping) for row in rows]


def seen(conn: Connection, source_id: int, item_ids: Iterable[str], at: datetime) -> None:
    """Note that the source returned these items (stored already) at `at`."""
    ids = list(dict.fromkeys(item_ids))
    if not ids:
        return
    conn.execute(update(sightings).where(sightings.c.item_id.in_(ids))
                 .values(source_id=source_id, last_seen=at))
    known = set(conn.execute(select(sightings.c.item_id)
                             .where(sightings.c.item_id.in_(ids))).scalars())
    new = [{"item_id": item_id, "source_id": source_id, "last_seen": at}
           for item_id in ids if item_id not in known]
    if new:
        conn.execute(insert(sightings), new)


def unseen_since(conn: Connection, source_id: int, before: datetime) -> list[str]:
    """The items the source last returned before `before`."""
    query = select(sightings.c.item_id).where(sightings.c.source_id == source_id,
                                               sightings.c.last_seen < before)
    return list(conn.execute(query).scalars())



def places_of(conn: Connection, rome: str, indicator: str, other: bool = False) -> list[str]:
    """The places a job has figures of `indicator` for (with `other`, of any other one)."""
    chosen = (labour_figures.c.indicator != indicator if other
              else labour_figures.c.indicator == indicator)
    query = (select(labour_figures.c.place).distinct()
             .where(labour_figures.c.rome == rome, chosen).order_by(labour_figures.c.place))
    return list(conn.execute(query).scalars())


def jobs_of(conn: Connection, place: str) -> list[str]:
    """The jobs a place has figures for (of any indicator), by code."""
    query = (select(labour_figures.c.rome).distinct()
             .where(labour_figures.c.place == place).order_by(labour_figures.c.rome))
    return list(conn.execute(query).scalars())
