"""Copying a store to PostgreSQL (`veille migrate-store`): an embedded instance's database,
every table, into an empty PostgreSQL database at the code's schema.

Tables go in dependency order (a row's references are there before it), in batches of one
transaction each, their ids kept; PostgreSQL's sequences are then set past the copied ids, so
the next row stored gets a new one. A copy that stopped (killed, a lost connection) is run
again: the target holds a marker table until the copy ends, which says it is a copy under way
rather than a database in use, and rows already there are skipped by primary key. At the end
each table's rows are counted on both sides: a difference is an error, and the marker stays
until the caller says the copy is done (`finish`, once the search is built there too).

The instance imports this module (`move_store`), so every command does: SQLAlchemy's
PostgreSQL dialect (a tenth of a second) is imported when a copy runs, not with it.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    func,
    inspect,
    select,
    text,
)

from ..errors import VeilleError
from . import migrate
from .database import reaching, shown
from .schema import metadata

BATCH = 1000
Advance = Callable[[int], None]
# `progress(label, total)` yields `advance(steps)` (as the command line's progress bar does).
Progress = Callable[[str, int], AbstractContextManager[Advance]]

_marker = MetaData()
# Present in the target while a copy is under way: only then may it hold rows already.
copy_marker = Table("veille_store_copy", _marker, Column("source", String(1000)))


@dataclass(frozen=True)
class Count:
    """A table's rows in the source and in the target after the copy."""

    table: str
    source: int
    target: int

    @property
    def equal(self) -> bool:
        return self.source == self.target


def copy_store(source: Engine, target: Engine, progress: Progress,
               batch: int = BATCH) -> list[Count]:
    """Copy every table of `source` into `target` (PostgreSQL, empty or a copy under way),
    `batch` rows a transaction, and return each table's counts; raise VeilleError when
    the target holds rows of its own. The target stays marked as a copy under way until
    `finish`."""
    if target.dialect.name != "postgresql":
        raise VeilleError(f"migrate-store copies to PostgreSQL, not to {shown(target)}")
    with reaching(target):
        _prepare(source, target)
    for table in metadata.sorted_tables:
        _copy_table(source, target, table, progress, batch)
    _set_sequences(target)
    return count_rows(source, target)


def finish(target: Engine) -> None:
    """Mark the copy as done: the target is a database in use from now on."""
    copy_marker.drop(target)


def _prepare(source: Engine, target: Engine) -> None:
    """Bring the target to the code's schema and mark it as a copy under way, unless it
    holds rows of its own (refused: a copy never writes over a database in use)."""
    with target.connect() as conn:
        resuming = inspect(conn).has_table(copy_marker.name)
        filled = [] if resuming else _filled_tables(conn)
    if filled:
        raise VeilleError(
            f"the database {shown(target)} is not empty (it holds {', '.join(filled[:3])}): "
            "migrate-store copies into an empty database only"
        )
    migrate.upgrade(target)
    with target.begin() as conn:
        if not resuming:
            copy_marker.create(conn)
            conn.execute(copy_marker.insert().values(source=shown(source)))


def _filled_tables(conn: Connection) -> list[str]:
    """The store's tables that exist in the database and hold rows."""
    present = set(inspect(conn).get_table_names())
    return [table.name for table in metadata.sorted_tables
            if table.name in present and conn.execute(select(table).limit(1)).first()]


def _copy_table(source: Engine, target: Engine, table: Table, progress: Progress,
                batch: int) -> None:
    """Copy a table's rows in batches, those the target holds already skipped."""
    from sqlalchemy.dialects.postgresql import insert

    with source.connect() as reading:
        total = count(reading, table)
        with target.connect() as conn:
            if count(conn, table) == total:
                return
        rows = reading.execution_options(yield_per=batch).execute(
            select(table).order_by(*table.primary_key.columns))
        with progress(f"copying {table.name}", total) as advance:
            for part in rows.partitions(batch):
                with target.begin() as conn:
                    conn.execute(insert(table).on_conflict_do_nothing(),
                                 [row._asdict() for row in part])
                advance(len(part))


def _set_sequences(target: Engine) -> None:
    """Set each serial id's sequence past the highest id copied (or to its start)."""
    with target.begin() as conn:
        for table in metadata.sorted_tables:
            keys = list(table.primary_key.columns)
            if len(keys) != 1 or not isinstance(keys[0].type, Integer):
                continue
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                    {"table": table.name, "column": keys[0].name}).scalar()
            if sequence:
                highest = conn.execute(select(func.max(keys[0]))).scalar()
                conn.execute(text("SELECT setval(:sequence, :value, :called)"),
                             {"sequence": sequence, "value": highest or 1,
                              "called": highest is not None})


def count_rows(source: Engine, target: Engine) -> list[Count]:
    """Each table's rows in `source` and in `target`."""
    with source.connect() as left, target.connect() as right:
        return [Count(table.name, count(left, table), count(right, table))
                for table in metadata.sorted_tables]


def count(conn: Connection, table: Table) -> int:
    """How many rows `table` holds."""
    return conn.execute(select(func.count()).select_from(table)).scalar() or 0
