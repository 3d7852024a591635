"""Searchers kept open between searches and refreshed when a writer commits.

Opening an index reads its table of contents and every segment's files; a web process
searching on every request should not pay that each time. Each thread keeps its own
searcher (Whoosh searchers are not shared between threads) and replaces it when a writer
has committed since: checking is cheap when nothing changed. A rebuilt index
is a new folder swapped in (writer.py): a searcher of the old folder is replaced, not
refreshed, since Whoosh would mix the two folders' segments.
"""

import atexit
import gc
import struct
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from whoosh import index as whoosh_index
from whoosh.reading import IndexReader, SegmentReader
from whoosh.searching import Searcher

from ...errors import IndexUnavailable
from ..engine import REMEDY
from . import scoring
from .schema import built_with_current_schema

# What reading vanished or damaged index files raises while searching, as opposed to a bug.
READ_ERRORS = (OSError, EOFError, struct.error, whoosh_index.IndexError)
# Indexes a thread keeps open: one in production; tests open many instances one after another.
KEPT = 4

_local = threading.local()
T = TypeVar("T")


@atexit.register
def _close_at_exit() -> None:
    """Close the main thread's searchers before the interpreter tears down (their open files
    would each end in a ResourceWarning); other threads' close when their threads end."""
    for index_dir in list(getattr(_local, "kept", {})):
        forget(index_dir)


@dataclass
class _Kept:
    folder: int  # inode of the index folder: a rebuild swaps in another one
    searcher: Searcher


class _ThreadSearchers(dict):
    """One thread's searchers by index folder. A thread's local data is dropped when the
    thread ends (a server thread per request, a pool shutting down): the searchers are then
    closed here rather than left to the garbage collector, which would warn of open files."""

    def __del__(self) -> None:
        for kept in self.values():
            _close(kept)


def current_searcher(index_dir: Path) -> Searcher:
    """This thread's searcher of the index at `index_dir`, up to date with the last commit;
    IndexUnavailable if the index is missing or cannot be read."""
    if not hasattr(_local, "kept"):
        _local.kept = _ThreadSearchers()
    kept: dict[Path, _Kept] = _local.kept
    current = kept.pop(index_dir, None)
    try:
        folder = index_dir.stat().st_ino
        if current and current.folder == folder:
            if not current.searcher.up_to_date():
                # A new searcher, not Whoosh's refresh(): that reuses the readers of segments
                # it knows by id, with the deletions they had then (a deleted or updated
                # item would stay visible until the segment is merged away).
                _close(current)
                current = _Kept(folder, _open(index_dir))
        else:
            _close(current)
            current = _Kept(folder, _open(index_dir))
    except Exception as exc:  # noqa: BLE001 - damaged files raise anything, all mean the same
        _close(current)
        raise unavailable(index_dir, exc) from exc
    kept[index_dir] = current
    while len(kept) > KEPT:
        forget(next(iter(kept)))
    return current.searcher


def version(index_dir: Path, searcher: Searcher) -> tuple:
    """What names the index version `searcher` reads, for caches built from it."""
    return (index_dir, index_dir.stat().st_ino, searcher.reader().generation())


def forget(index_dir: Path) -> None:
    """Close and drop this thread's searcher of `index_dir` (after a read error, say)."""
    _close(getattr(_local, "kept", {}).pop(index_dir, None))


def unavailable(index_dir: Path, cause: Exception) -> IndexUnavailable:
    """The error for an index that cannot be read, after closing what Whoosh left open.

    Whoosh does not close a file it failed to read: the file lives on in the frames (and
    closures) of `cause`'s traceback. Dropping that traceback here, quietly, closes it now
    rather than as a ResourceWarning somewhere unrelated later; the message is what tells.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        error: BaseException | None = cause
        while error is not None:  # the file may sit in a chained exception's frames
            error.__traceback__ = None
            error = error.__cause__ or error.__context__
        gc.collect()
    if isinstance(cause, IndexUnavailable):
        return cause
    return IndexUnavailable(f"the index in {index_dir} cannot be read ({cause}): {REMEDY}")


def _open(index_dir: Path) -> Searcher:
    if not whoosh_index.exists_in(index_dir):
        raise IndexUnavailable(f"there is no index in {index_dir}: {REMEDY}")
    if not built_with_current_schema(index_dir):
        raise IndexUnavailable(f"the index in {index_dir} is of an older version: {REMEDY}")
    return whoosh_index.open_dir(index_dir).searcher(weighting=scoring.weighting())


def _close(kept: _Kept | None) -> None:
    if kept is not None:
        kept.searcher.close()


def segments(reader: IndexReader) -> Iterator[tuple[str, SegmentReader]]:
    """(segment id, reader) of each segment `reader` reads, in document order."""
    for segment, _ in reader.leaf_readers():
        if segment.segment() is not None:  # an empty index's reader has none
            yield segment.segment().segment_id(), segment


def per_segment(
    reader: IndexReader, kept: dict[str, T], read: Callable[[SegmentReader], T]
) -> list[T]:
    """`read` of each segment `reader` reads, in document order. Segments never change:
    `kept` holds what was read of each by id, and drops the segments no longer read."""
    current = dict(segments(reader))
    for gone in set(kept) - set(current):
        del kept[gone]
    for name, segment in current.items():
        if name not in kept:
            kept[name] = read(segment)
    return [kept[name] for name in current]
