"""Writing the PostgreSQL engine's tables from the store: one writer at a time.

As with the Whoosh index (whoosh/writer.py), the store marks each item version indexed once
its row is written, so a writer killed at any point loses nothing. The writer holds an
advisory lock of the index's database for its whole run; a rebuild rewrites every row in
one transaction, so readers see the old rows until it commits. The stored vocabulary
(`search_terms`) follows each write: the old row's terms out, the new one's in.
"""

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, delete, func, inspect, select, text
from sqlalchemy.dialects.postgresql import insert

from ...errors import VeilleError
from ...store import curation as curation_store
from ...store import items as item_store
from ...store import tags as tag_store
from ...store.bulk import copy_rows
from ..engine import IndexStatus, Progress, State
from .schema import (
    SCHEMA_VERSION,
    Row,
    metadata,
    row,
    search_items,
    search_state,
    search_terms,
)
from .vectors import term_of

log = logging.getLogger(__name__)

# Items read from the store and written at a time: a batch's terms are counted in one
# statement, and a term common to many batches is rewritten once each.
BATCH = 2000
WRITER_LOCK = 0x76656958  # "veiX": the advisory lock of the one writer
REBUILD_LOCK = 0x76656952  # "veiR": held while a rebuild runs, for `status`
# KB of GIN entries a writer queues before merging them into the index (4 MB by default:
# merged four times as often, the same entries cost more); what is left is merged at the
# end of a sync or rebuild, so that searches need not read a queue.
PENDING_LIST_KB = 16384
_VECTORS = {"w": search_items.c.words, "e": search_items.c.exact}


def create(db: Engine) -> None:
    """Create the tables unless they are there, marked with the current schema."""
    with db.begin() as conn:
        if not inspect(conn).has_table(search_state.name):
            metadata.create_all(conn)
            _set(conn, schema=SCHEMA_VERSION, version=0, items=0)


def sync(store: Engine, db: Engine, timeout: float, progress: Progress | None = None) -> int:
    """Index every item version the store has not seen indexed; return how many. Missing or
    outdated tables are rebuilt from the store first."""
    with exclusive(db, timeout):
        if _state(db)[0] != "available":
            _rebuild(store, db, progress)
        _remove_deleted(store, db)
        done, last = 0, ""
        while True:
            with store.connect() as conn:
                batch = item_store.pending(conn, BATCH, after=last)
                rows = _rows(conn, batch)
            if not batch:
                if done:
                    _merge_pending(db)
                return done
            _write(db, rows)
            with store.begin() as conn:
                item_store.mark_indexed(conn, [(item.id, digest) for item, digest in batch])
            done, last = done + len(batch), batch[-1][0].id
            if progress:
                progress(len(batch))


def rebuild(store: Engine, db: Engine, timeout: float, progress: Progress | None = None) -> int:
    """Rewrite every row from the store; return how many items the tables hold."""
    with exclusive(db, timeout):
        return _rebuild(store, db, progress)


def status(db: Engine) -> IndexStatus:
    state, count = _state(db)
    with db.connect() as conn:
        free = conn.execute(select(func.pg_try_advisory_lock(REBUILD_LOCK))).scalar()
        if free:
            conn.execute(select(func.pg_advisory_unlock(REBUILD_LOCK)))
    return IndexStatus(state, count, rebuilding=not free)


def version(conn: Connection) -> int:
    """The version of the contents, raised by every write (for caches)."""
    return conn.execute(select(search_state.c.value).where(search_state.c.key == "version")
                        ).scalar_one()


@contextmanager
def exclusive(db: Engine, timeout: float) -> Iterator[None]:
    """Hold the writer's advisory lock, waiting up to `timeout` seconds for it."""
    with db.connect() as conn:
        give_up = time.monotonic() + timeout
        while not conn.execute(select(func.pg_try_advisory_lock(WRITER_LOCK))).scalar():
            if time.monotonic() > give_up:
                raise VeilleError(
                    f"the search tables are busy: another veille process has been writing "
                    f"to them for more than {timeout:g} s")
            conn.rollback()
            time.sleep(0.1)
        conn.commit()
        try:
            yield
        finally:
            conn.execute(select(func.pg_advisory_unlock(WRITER_LOCK)))
            conn.commit()


def _state(db: Engine) -> tuple[State, int]:
    with db.connect() as conn:
        if not inspect(conn).has_table(search_state.name):
            return "missing", 0
        found = dict(conn.execute(select(search_state.c.key, search_state.c.value)).all())
    if found.get("schema") != SCHEMA_VERSION:
        return "outdated", 0
    return "available", found["items"]


def _rows(conn: Connection, batch) -> list[Row]:
    ids = [item.id for item, _ in batch]
    curated = curation_store.of_items(conn, ids)
    tagged = tag_store.effective_of(conn, ids)
    return [row(item, curated.get(item.id), tagged.get(item.id)) for item, _ in batch]


def _write(db: Engine, rows: list[Row]) -> None:
    """Write `rows` in place of the rows of their ids, their terms counted anew."""
    ids = [found.columns["id"] for found in rows]
    with db.begin() as conn:
        _queue_more(conn)
        _uncount_terms(conn, ids)
        gone = conn.execute(delete(search_items).where(search_items.c.id == func.any(ids)))
        copy_rows(conn, search_items, [found.columns for found in rows])
        _add_terms(conn, _terms(rows))
        _after_write(conn, len(rows) - gone.rowcount)


def _queue_more(conn: Connection) -> None:
    conn.execute(text(f"SET LOCAL gin_pending_list_limit = {PENDING_LIST_KB}"))


def _merge_pending(db: Engine) -> None:
    """Merge the GIN indexes' queued entries into their trees, so that searches need not
    read the queues (PostgreSQL lets the indexes' owner do it: another role leaves them to
    autovacuum)."""
    with db.begin() as conn:
        conn.execute(text(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index AS i "
            "JOIN pg_class AS c ON c.oid = i.indexrelid JOIN pg_am AS a ON a.oid = c.relam "
            "WHERE i.indrelid = CAST(:table AS regclass) AND a.amname = 'gin' "
            "AND pg_has_role(c.relowner, 'USAGE')"), {"table": search_items.name})


def _remove_deleted(store: Engine, db: Engine) -> None:
    while True:
        with store.connect() as conn:
            ids = item_store.removals(conn, BATCH)
        if not ids:
            return
        with db.begin() as conn:
            _uncount_terms(conn, ids)
            gone = conn.execute(delete(search_items).where(search_items.c.id.in_(ids)))
            _after_write(conn, -gone.rowcount)
        with store.begin() as conn:
            item_store.forget_removals(conn, ids)


def _uncount_terms(conn: Connection, ids: list[str]) -> None:
    """Take the terms of the rows of `ids` out of the stored vocabulary."""
    for field, vector in _VECTORS.items():
        conn.execute(text(
            "INSERT INTO search_terms (field, term, found_in) "
            "SELECT :field, term, -count(*) FROM ("
            f"SELECT unnest(tsvector_to_array({vector.name})) AS term FROM search_items "
            "WHERE id = ANY(:ids)) AS held GROUP BY term "
            "ON CONFLICT (field, term) DO UPDATE "
            "SET found_in = search_terms.found_in + excluded.found_in"),
            {"field": field, "ids": ids})


def _terms(rows: Iterable[Row]) -> dict[str, Counter[str]]:
    """How many of `rows` hold each lexeme, by field: counted from the rows as written (the
    database need not read their vectors back)."""
    counted: dict[str, Counter[str]] = {field: Counter() for field in _VECTORS}
    for found in rows:
        for field, lexemes in found.lexemes.items():
            counted[field].update(lexemes)
    return counted


def _add_terms(conn: Connection, counted: dict[str, Counter[str]]) -> None:
    """Add the counts of lexemes by field to the stored vocabulary, in one statement."""
    keys = sorted((field, lexeme) for field, lexemes in counted.items() for lexeme in lexemes)
    if not keys:
        return
    conn.execute(text(
        "INSERT INTO search_terms (field, term, found_in) "
        "SELECT * FROM unnest(CAST(:fields AS text[]), CAST(:terms AS text[]), "
        "CAST(:counts AS integer[])) "
        "ON CONFLICT (field, term) DO UPDATE "
        "SET found_in = search_terms.found_in + excluded.found_in"),
        {"fields": [field for field, _ in keys], "terms": [term_of(lexeme) for _, lexeme in keys],
         "counts": [counted[field][lexeme] for field, lexeme in keys]})


def _after_write(conn: Connection, added: int) -> None:
    """Count the rows `added` (or taken out, below 0) and raise the version."""
    conn.execute(search_state.update().where(search_state.c.key == "items")
                 .values(value=search_state.c.value + added))
    conn.execute(search_state.update().where(search_state.c.key == "version")
                 .values(value=search_state.c.value + 1))


def _set(conn: Connection, **values: int) -> None:
    statement = insert(search_state)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[search_state.c.key], set_={"value": statement.excluded.value}),
        [{"key": key, "value": value} for key, value in values.items()])


def _rebuild(store: Engine, db: Engine, progress: Progress | None) -> int:
    if _state(db)[0] != "available":
        with db.begin() as conn:
            metadata.drop_all(conn)
        create(db)
    versions: list[tuple[str, str]] = []
    with db.connect() as lock:
        lock.execute(select(func.pg_advisory_lock(REBUILD_LOCK)))
        with db.begin() as conn, store.connect() as source:
            _queue_more(conn)
            gone = conn.execute(delete(search_items))
            conn.execute(delete(search_terms))
            counted = _terms([])
            for batch in _batches(item_store.iter_all(source, BATCH)):
                rows = _rows(source, batch)
                copy_rows(conn, search_items, [found.columns for found in rows])
                for field, lexemes in _terms(rows).items():
                    counted[field].update(lexemes)
                versions.extend((item.id, digest) for item, digest in batch)
                if progress:
                    progress(len(batch))
            _add_terms(conn, counted)
            _after_write(conn, len(versions) - gone.rowcount)
        _merge_pending(db)
        lock.execute(select(func.pg_advisory_unlock(REBUILD_LOCK)))
    with store.begin() as conn:
        item_store.mark_indexed(conn, versions)
    return len(versions)


def _batches(versions) -> Iterator[list]:
    batch = []
    for version in versions:
        batch.append(version)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
