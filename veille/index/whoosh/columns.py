"""Per-document values as numpy arrays, read once per segment and shared by threads.

Filters by date, source, kind or tag, date order, totals and facet counts are then array
operations over every document at once, instead of Whoosh walking postings or columns one
document at a time for each search (the slow paths of naive Whoosh usage).
"""

import threading
from dataclasses import dataclass

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .readers import per_segment


@dataclass(frozen=True)
class Codes:
    """A single-valued field as a code per document, and the values the codes stand for."""

    codes: np.ndarray  # int32, one per document
    values: list[str]
    # Each value's place in code-point order (int32, by code): facets' ties and periods.
    rank: np.ndarray | None = None


@dataclass(frozen=True)
class Occurrences:
    """A multi-valued field (tags, sectors, places): one row per (document, value) pair."""

    docs: np.ndarray  # int32
    codes: np.ndarray  # int32
    values: list[str]
    rank: np.ndarray | None = None  # as Codes.rank


@dataclass(frozen=True)
class Columns:
    live: np.ndarray  # bool: not deleted
    published: np.ndarray  # int64, Whoosh's datetime longs: orders by date
    day: np.ndarray  # int32 date ordinals, French calendar
    single: dict[str, Codes]  # source, kind, month, story
    multi: dict[str, Occurrences]  # tags, sectors, places


SINGLE_VALUED = ("source", "kind", "month", "story")
MULTI_VALUED = ("tags", "sectors", "places", "rome", "domaine", "lieu", "skill")

_cache: dict[tuple, Columns] = {}
_segments: dict[str, Columns] = {}  # segment id → its own columns (segments never change)
_lock = threading.Lock()


def columns(searcher: Searcher, version: tuple) -> Columns:
    """The columns of the index version `searcher` reads (`version`: readers.version): each
    segment's are read once, then put end to end; a commit adds a segment to read."""
    with _lock:
        if version not in _cache:
            _cache.clear()  # only the current version is ever asked for
            _cache[version] = _read(searcher.reader())
        return _cache[version]


def _read(reader: IndexReader) -> Columns:
    parts = per_segment(reader, _segments, _read_segment)
    if not parts:
        return _empty()
    live = np.concatenate([part.live for part in parts])
    if reader.has_deletions():
        live[[docnum for docnum in range(len(live)) if reader.is_deleted(docnum)]] = False
    bases = np.cumsum([0] + [len(part.live) for part in parts[:-1]])
    return Columns(
        live=live,
        published=np.concatenate([part.published for part in parts]),
        day=np.concatenate([part.day for part in parts]),
        single={name: _joined([part.single[name] for part in parts]) for name in SINGLE_VALUED},
        multi={name: _joined_occurrences([part.multi[name] for part in parts], bases)
               for name in MULTI_VALUED},
    )


def _read_segment(reader: IndexReader) -> Columns:
    count = reader.doc_count_all()
    return Columns(
        live=np.ones(count, dtype=bool),  # deletions are the index version's (_read)
        # Order-preserving longs, not read back into datetimes: they only sort.
        published=np.fromiter(
            reader.column_reader("published", translate=False), dtype=np.int64, count=count
        ),
        day=np.fromiter(reader.column_reader("day"), dtype=np.int32, count=count),
        single={name: _codes(reader, name, count) for name in SINGLE_VALUED},
        multi={name: _occurrences(reader, name) for name in MULTI_VALUED},
    )


def _empty() -> Columns:
    nothing = np.zeros(0, dtype=np.int32)
    return Columns(
        live=np.zeros(0, dtype=bool),
        published=np.zeros(0, dtype=np.int64),
        day=nothing,
        single={name: Codes(nothing, [], nothing) for name in SINGLE_VALUED},
        multi={name: Occurrences(nothing, nothing, [], nothing) for name in MULTI_VALUED},
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
        return _empty().multi[field]
    return Occurrences(np.concatenate(docs), np.concatenate(codes), values)


def _recoded(values: list[str], known: dict[str, int]) -> np.ndarray:
    """The codes in `known` (extended as needed) of a part's `values`, by its own codes."""
    return np.array([known.setdefault(value, len(known)) for value in values], dtype=np.int32)


def _ranked(values: list[str]) -> np.ndarray:
    """Each value's place among `values` sorted by code points, by code."""
    rank = np.empty(len(values), dtype=np.int32)
    rank[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
    return rank


def _joined(parts: list[Codes]) -> Codes:
    known: dict[str, int] = {}
    codes = [_recoded(part.values, known)[part.codes] for part in parts]
    return Codes(np.concatenate(codes), list(known), _ranked(list(known)))


def _joined_occurrences(parts: list[Occurrences], bases: np.ndarray) -> Occurrences:
    known: dict[str, int] = {}
    codes = [_recoded(part.values, known)[part.codes] for part in parts]
    docs = [part.docs + base for part, base in zip(parts, bases, strict=True)]
    return Occurrences(np.concatenate(docs).astype(np.int32), np.concatenate(codes), list(known),
                       _ranked(list(known)))
