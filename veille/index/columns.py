"""Per-document values as numpy arrays, read once per index version and shared by threads.

Filters by date, source, kind or tag, date order, totals and facet counts are then array
operations over every document at once, instead of Whoosh walking postings or columns one
document at a time for each search (the slow paths of naive Whoosh usage).
"""

import threading
from dataclasses import dataclass

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher


@dataclass(frozen=True)
class Codes:
    """A single-valued field as a code per document, and the values the codes stand for."""

    codes: np.ndarray  # int32, one per document
    values: list[str]

    def code_of(self) -> dict[str, int]:
        return {value: code for code, value in enumerate(self.values)}


@dataclass(frozen=True)
class Occurrences:
    """A multi-valued field (tags): one row per (document, value) pair."""

    docs: np.ndarray  # int32
    codes: np.ndarray  # int32
    values: list[str]


@dataclass(frozen=True)
class Columns:
    live: np.ndarray  # bool: not deleted
    published: np.ndarray  # int64, Whoosh's datetime longs: orders by date
    day: np.ndarray  # int32 date ordinals, French calendar
    single: dict[str, Codes]  # source, kind, month
    tags: Occurrences


SINGLE_VALUED = ("source", "kind", "month")

_cache: dict[tuple, Columns] = {}
_lock = threading.Lock()


def columns(searcher: Searcher, version: tuple) -> Columns:
    """The columns of the index version `searcher` reads (`version`: readers.version)."""
    with _lock:
        if version not in _cache:
            _cache.clear()  # only the current version is ever asked for
            _cache[version] = _read(searcher.reader())
        return _cache[version]


def _read(reader: IndexReader) -> Columns:
    count = reader.doc_count_all()
    if count == 0:  # Whoosh has no columns to read yet
        return _empty()
    live = np.ones(count, dtype=bool)
    if reader.has_deletions():
        live[[docnum for docnum in range(count) if reader.is_deleted(docnum)]] = False
    return Columns(
        live=live,
        # Order-preserving longs, not read back into datetimes: they only sort.
        published=np.fromiter(
            reader.column_reader("published", translate=False), dtype=np.int64, count=count
        ),
        day=np.fromiter(reader.column_reader("day"), dtype=np.int32, count=count),
        single={name: _codes(reader, name, count) for name in SINGLE_VALUED},
        tags=_occurrences(reader, "tags"),
    )


def _empty() -> Columns:
    nothing = np.zeros(0, dtype=np.int32)
    return Columns(
        live=np.zeros(0, dtype=bool),
        published=np.zeros(0, dtype=np.int64),
        day=nothing,
        single={name: Codes(nothing, []) for name in SINGLE_VALUED},
        tags=Occurrences(nothing, nothing, []),
    )


def _codes(reader: IndexReader, field: str, count: int) -> Codes:
    values: dict[str, int] = {}
    codes = np.fromiter(
        (values.setdefault(value, len(values)) for value in reader.column_reader(field)),
        dtype=np.int32,
        count=count,
    )
    return Codes(codes, list(values))


def _occurrences(reader: IndexReader, field: str) -> Occurrences:
    docs: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    values: list[str] = []
    for term in reader.lexicon(field):
        ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int32)
        docs.append(ids)
        codes.append(np.full(len(ids), len(values), dtype=np.int32))
        values.append(term.decode("utf-8"))
    if not docs:
        return _empty().tags
    return Occurrences(np.concatenate(docs), np.concatenate(codes), values)
