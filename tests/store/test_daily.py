"""The daily counts repository: items counted in, counted out, on both databases, many keys
at a time."""

from datetime import date

from sqlalchemy import Engine, func, select

from tests.store.test_items import item, upsert
from veille.store import daily
from veille.store.schema import daily_counts

DAY = date(2026, 3, 18)


def counted(engine: Engine, ids: list[str], sign: int = 1) -> None:
    with engine.begin() as conn:
        (daily.add if sign > 0 else daily.remove)(conn, ids)


def count(engine: Engine, dimension: str, value: str = "") -> int:
    with engine.connect() as conn:
        return daily.days(conn, dimension, value).get(DAY, 0)


def rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(daily_counts)).scalar_one()


def test_items_counted_add_up_under_each_of_their_keys(engine):
    upsert(engine, item("a"), item("b", tags=("industrie",)))
    counted(engine, ["a"])
    counted(engine, ["b"])
    assert count(engine, *daily.ALL) == 2
    assert count(engine, "source", "Observatoire") == 2
    assert count(engine, "tag", "industrie") == 2
    assert count(engine, "tag", "moselle") == 1


def test_counts_taken_out_fall_and_go_at_zero(engine):
    upsert(engine, item("a"), item("b", tags=("industrie",)))
    counted(engine, ["a", "b"])
    counted(engine, ["a"], sign=-1)
    assert count(engine, *daily.ALL) == 1
    assert count(engine, "tag", "moselle") == 0
    counted(engine, ["b"], sign=-1)
    assert rows(engine) == 0


def test_thousands_of_keys_count_at_once(engine):
    tags = tuple(f"catégorie {number}" for number in range(2_000))
    upsert(engine, item("a", tags=tags), item("b", tags=tags[:1_000]))
    counted(engine, ["a", "b"])
    assert count(engine, "tag", "catégorie 999") == 2
    assert count(engine, "tag", "catégorie 1999") == 1
    counted(engine, ["b"], sign=-1)
    assert rows(engine) == 2_000 + 3  # every tag once, and all, source, kind
