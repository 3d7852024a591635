"""An index's postings and field lengths as numpy arrays, for scoring every match at once.

Whoosh walks postings one document at a time in Python, which is what makes it slow on
common words. Here a term's postings are read from each segment's arrays file (arrays.py)
and kept, the most recently used first, within a budget. Positions, for phrases, are read
only for the documents a phrase could be in.
"""

import threading
from collections import OrderedDict
from math import log

import numpy as np
from whoosh import query
from whoosh.reading import IndexReader

from . import arrays
from .readers import per_segment, segments

# Bytes of postings kept per index version: the common words of 100,000 items (800 KB each).
# Reading a term again costs two preads from the page cache; each byte kept stays in every
# web process (96 MB kept held a third of a web process's memory at 100,000 items).
BUDGET = 32 * 1024 * 1024
MASKS = 64
Pair = tuple[np.ndarray, np.ndarray]


class Postings:
    """Postings of one index version, shared by threads; each array is read once.

    A commit appends a segment: the arrays of the version before hold the documents of the
    segments the two versions share, so only the new segments are read for them.
    """

    def __init__(self, reader: IndexReader, before: "Postings | None" = None) -> None:
        self.count = reader.doc_count_all()
        self.segments = tuple(name for name, _ in segments(reader))
        self._files = _files(reader)
        self._bases = [base for leaf, base in reader.leaf_readers() if leaf.segment() is not None]
        self._averages = {
            field: (reader.field_length(field) / self.count) if self.count else 1.0
            for field in reader.schema.scorable_names()
        }
        self._terms: OrderedDict[tuple[str, str], Pair] = OrderedDict()
        self._size = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._masks: OrderedDict[tuple[str, str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        shared = (before if before is not None
                  and self.segments[: len(before.segments)] == before.segments else None)
        self._inherited: dict[tuple[str, str], Pair] = {}
        if shared is not None:  # a copy: threads still searching the version before keep theirs
            with shared._lock:
                self._inherited = dict(shared._terms)
        self._first_new = len(shared.segments) if shared is not None else 0

    def term(self, field: str, text: str) -> Pair:
        """(document numbers, weights) of a term, in document order; empty if unknown."""
        key = (field, text)
        with self._lock:
            if key in self._terms:
                self._terms.move_to_end(key)
                return self._terms[key]
            known = self._inherited.pop(key, None)
        if known is None:
            found = self._read(field, text)
        else:
            added = self._read(field, text, self._first_new)
            found = (np.concatenate([known[0], added[0]]), np.concatenate([known[1], added[1]]))
        with self._lock:
            self._terms[key] = found
            self._size += found[0].nbytes + found[1].nbytes
            while self._size > BUDGET and len(self._terms) > 1:
                _, (ids, weights) = self._terms.popitem(last=False)
                self._size -= ids.nbytes + weights.nbytes
        return found

    def _read(self, field: str, text: str, first: int = 0) -> Pair:
        """The term's arrays in the segments from the `first` one on."""
        encoded = text.encode("utf-8")
        parts = [(file.postings(field, encoded), base)
                 for file, base in zip(self._files[first:], self._bases[first:], strict=True)]
        ids = np.concatenate([np.zeros(0, dtype=np.int32)]
                             + [found[0] + np.int32(base) for found, base in parts])
        weights = np.concatenate([np.zeros(0, dtype=np.float32)] + [found[1] for found, _ in parts])
        return ids, weights

    def pattern(self, reader: IndexReader, field: str, found: query.PatternQuery) -> np.ndarray:
        """The documents holding any term a pattern (a prefix, say) names in `field`, as a
        mask; the last MASKS patterns are kept: each may name hundreds of terms."""
        key = (type(found).__name__, field, found.text)
        with self._lock:
            if key in self._masks:
                self._masks.move_to_end(key)
                return self._masks[key]
        mask = np.zeros(self.count, dtype=bool)
        if isinstance(found, query.Prefix):  # one run of postings per segment
            prefix = found.text.encode("utf-8")
            for file, base in zip(self._files, self._bases, strict=True):
                mask[file.prefixed(field, prefix) + base] = True
        else:
            for text in found._btexts(reader):
                mask[self.term(field, reader.schema[field].from_bytes(text))[0]] = True
        mask.flags.writeable = False  # shared by the searches that ask for it again
        with self._lock:
            self._masks[key] = mask
            while len(self._masks) > MASKS:
                self._masks.popitem(last=False)
        return mask

    def positions(self, field: str, text: str, among: np.ndarray) -> Pair:
        """(document number, position) of each occurrence of a term in the documents of the
        mask `among`, in document then position order; empty if unknown. Not kept: they are
        read for the few documents a phrase could be in."""
        encoded = text.encode("utf-8")
        docs, where = [np.zeros(0, dtype=np.int32)], [np.zeros(0, dtype=np.int32)]
        for file, base in zip(self._files, self._bases, strict=True):
            found = file.positions(field, encoded, among[base : base + file.count])
            docs.append(found[0] + np.int32(base))
            where.append(found[1])
        return np.concatenate(docs), np.concatenate(where)

    def lengths(self, field: str) -> np.ndarray:
        """Each document's length in `field` (as Whoosh approximates it, at least 1)."""
        with self._lock:
            if field not in self._lengths:
                self._lengths[field] = np.concatenate(
                    [np.zeros(0, dtype=np.float32)]
                    + [file.lengths(field) for file in self._files]
                )
            return self._lengths[field]

    def average_length(self, field: str) -> float:
        return self._averages.get(field, 1.0)

    def idf(self, field: str, text: str) -> float:
        """Lucene's idf (as scoring.BM25): a word in nearly every document weighs nearly 0.
        Deleted documents count, as in Whoosh's document frequency."""
        found_in = len(self.term(field, text)[0])
        return log(1 + (self.count - found_in + 0.5) / (found_in + 0.5))


_opened: dict[str, arrays.SegmentArrays] = {}  # segment id → its arrays file, open
_opened_lock = threading.Lock()


def _files(reader: IndexReader) -> list[arrays.SegmentArrays]:
    with _opened_lock:
        return per_segment(reader, _opened, arrays.of)


_cache: dict[tuple, Postings] = {}
_cache_lock = threading.Lock()


def postings(reader: IndexReader, version: tuple) -> Postings:
    """The postings of the index version `reader` reads (`version`: readers.version)."""
    with _cache_lock:
        if version not in _cache:
            before = next(iter(_cache.values()), None)
            _cache.clear()  # only the current version is ever asked for
            _cache[version] = Postings(reader, before)
        return _cache[version]
