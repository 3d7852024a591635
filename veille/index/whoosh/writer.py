"""Writing the index: one writer at a time, always from the store.

The store marks each item version as indexed or not. `sync` indexes what is not and then
marks it, so an indexer killed at any point loses nothing: the next `sync` (every collect,
import and a periodic scheduler job) finds the rest. Deleted items are likewise noted by
the store until `sync` has removed them from the index. `rebuild` recreates the whole index
beside the current one and swaps it in, so readers never see an empty index.
"""

import fcntl
import gc
import itertools
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from whoosh import index as whoosh_index

from ...errors import VeilleError
from ...models import Item
from ...store import curation as curation_store
from ...store import items as item_store
from ...store import tags as tag_store
from ..engine import IndexStatus, Progress, State
from .bulk import BulkWriter
from .readers import unavailable
from .schema import build_schema, built_with_current_schema, document, mark_current_schema

log = logging.getLogger(__name__)

BATCH = 500  # items read from the store at a time
COMMIT_EVERY = 10_000  # documents per index commit (BulkWriter holds a commit's postings)


def create(index_dir: Path) -> None:
    """Create an empty index at `index_dir` unless one is there."""
    if not whoosh_index.exists_in(index_dir):
        _create_empty(index_dir)
        mark_current_schema(index_dir)


def _create_empty(index_dir: Path) -> None:
    index_dir.mkdir(parents=True, exist_ok=True)
    whoosh_index.create_in(index_dir, build_schema())



@contextmanager
def exclusive(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold the index's write lock, across processes, waiting up to `timeout` seconds for it."""
    with open(_lock_path(index_dir), "a") as handle:
        give_up = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > give_up:
                    raise VeilleError(
                        f"the index {index_dir} is busy: another veille process has been "
                        f"writing to it for more than {timeout:g} s"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _cycles_left_alone() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a segment is written. A segment's
    postings are millions of small objects (arrays, lists, tuples) kept until its commit,
    which the collector would walk again and again, finding no cycle: 10 % of an index's
    CPU. They are freed by their reference counts; the collector resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def sync(engine: Engine, index_dir: Path, timeout: float, progress: Progress | None = None) -> int:
    """Index every item version the store has not seen indexed; return how many.

    An index that is missing or cannot be read is rebuilt from the store first.
    """
    done = 0
    with exclusive(index_dir, timeout), _cycles_left_alone():
        if not _readable(index_dir):
            log.warning("the index in %s cannot be read: rebuilding it from the store", index_dir)
            _rebuild(engine, index_dir, progress)
        _remove_deleted(engine, index_dir)
        while written := _write_pending(engine, index_dir, progress):
            done += written
    return done


def _remove_deleted(engine: Engine, index_dir: Path) -> None:
    """Remove from the index the items the store deleted, then forget them there."""
    while True:
        with engine.connect() as conn:
            ids = item_store.removals(conn, BATCH)
        if not ids:
            return
        writer = BulkWriter(whoosh_index.open_dir(index_dir))
        try:
            for item_id in ids:
                writer.delete_by_term("id", item_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        with engine.begin() as conn:
            item_store.forget_removals(conn, ids)


def _write_pending(engine: Engine, index_dir: Path, progress: Progress | None) -> int:
    """Index up to COMMIT_EVERY pending item versions in one commit, then mark them indexed.

    One commit for many documents: each commit writes a segment (a posting list per word),
    so committing small batches costs far more than the documents themselves.
    """
    versions: list[tuple[str, str]] = []
    writer = BulkWriter(whoosh_index.open_dir(index_dir))
    try:
        last = ""
        while len(versions) < COMMIT_EVERY:
            with engine.connect() as conn:
                batch = item_store.pending(conn, BATCH, after=last)
                ids = [item.id for item, _ in batch]
                curated = curation_store.of_items(conn, ids)
                tagged = tag_store.effective_of(conn, ids)
            if not batch:
                break
            for item, digest in batch:
                writer.update_document(**document(item, curated.get(item.id),
                                                  tagged.get(item.id)))
                versions.append((item.id, digest))
            last = batch[-1][0].id
            if progress:
                progress(len(batch))
    except BaseException:
        writer.cancel()
        raise
    if not versions:
        writer.cancel()
        return 0
    writer.commit()
    with engine.begin() as conn:
        item_store.mark_indexed(conn, versions)
    return len(versions)


def rebuild(
    engine: Engine, index_dir: Path, timeout: float, progress: Progress | None = None
) -> int:
    """Recreate the index from the store and swap it in; return how many items it holds."""
    with exclusive(index_dir, timeout), _cycles_left_alone():
        return _rebuild(engine, index_dir, progress)


def _rebuild(engine: Engine, index_dir: Path, progress: Progress | None) -> int:
    fresh = _fresh(index_dir)
    shutil.rmtree(fresh, ignore_errors=True)
    _create_empty(fresh)
    versions: list[tuple[str, str]] = []
    ix = whoosh_index.open_dir(fresh)
    writer = BulkWriter(ix)
    with engine.connect() as conn:
        curated = curation_store.of_all(conn)
        for item, digest, tags in _with_tags(conn, item_store.iter_all(conn, BATCH)):
            writer.add_document(**document(item, curated.get(item.id), tags))
            versions.append((item.id, digest))
            if len(versions) % COMMIT_EVERY == 0:  # segments of COMMIT_EVERY, left unmerged
                writer.commit(merge=False)
                writer = BulkWriter(ix)
            if progress and len(versions) % BATCH == 0:
                progress(BATCH)
    writer.commit(merge=False)
    if progress:
        progress(len(versions) % BATCH)
    _swap(fresh, index_dir)
    mark_current_schema(index_dir)
    with engine.begin() as conn:
        item_store.mark_indexed(conn, versions)
    return len(versions)


def _with_tags(conn, versions: Iterator[tuple[Item, str]]) -> Iterator[tuple[Item, str, dict]]:
    """Each (item, hash) with the item's tags (store.tags.effective_of), read a batch of
    items at a time: every item has a dozen tags or so, too many to hold at once."""
    batch: list[tuple[Item, str]] = []
    for version in itertools.chain(versions, [None]):
        if version is not None:
            batch.append(version)
        if batch and (version is None or len(batch) == BATCH):
            tagged = tag_store.effective_of(conn, [item.id for item, _ in batch])
            for item, digest in batch:
                yield item, digest, tagged.get(item.id, {})
            batch = []


def status(index_dir: Path) -> IndexStatus:
    """Whether the index can be read, how many items it holds, whether it is rebuilt."""
    return IndexStatus(*_state(index_dir), rebuilding=_rebuilding(index_dir))


def _readable(index_dir: Path) -> bool:
    """Whether the index can be read and was built with the current schema."""
    state, _ = _state(index_dir)
    if state != "available":
        log.info("the index in %s is %s", index_dir, state)
    return state == "available"


def _state(index_dir: Path) -> tuple[State, int]:
    if not index_dir.is_dir():
        return "missing", 0
    if not built_with_current_schema(index_dir):
        return "outdated", 0
    try:
        with whoosh_index.open_dir(index_dir).reader() as reader:
            return "available", reader.doc_count()
    except whoosh_index.EmptyIndexError:
        return "missing", 0
    except Exception as exc:  # noqa: BLE001 - damaged files raise anything, all mean the same
        log.info("index unreadable: %s", unavailable(index_dir, exc))
        return "unreadable", 0


def _rebuilding(index_dir: Path) -> bool:
    """Whether a rebuild is under way: its fresh index is there, and a writer holds the lock
    (a rebuild that was killed leaves its fresh index behind, unlocked)."""
    if not _fresh(index_dir).exists():
        return False
    with open(_lock_path(index_dir), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def _fresh(index_dir: Path) -> Path:
    """Where a rebuild writes the index it then swaps in."""
    return index_dir.with_name(f"{index_dir.name}.new")


def _lock_path(index_dir: Path) -> Path:
    return index_dir.parent / f"{index_dir.name}.lock"


def _swap(fresh: Path, current: Path) -> None:
    old = current.with_name(f"{current.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        os.rename(current, old)
    os.rename(fresh, current)
    shutil.rmtree(old, ignore_errors=True)
