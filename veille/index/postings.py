"""An index's postings and field lengths as numpy arrays, for scoring every match at once.

Whoosh walks postings one document at a time in Python, which is what makes it slow on
common words. Here a term's postings are read block by block straight into arrays (the
block layout of whoosh-reloaded 2.7.5's W3 codec, which pyproject pins; tests compare the
result with Whoosh's own reading) and kept, the most recently used first, within a budget.
Positions, for phrases, are read only for the documents a phrase could be in.
"""

import itertools
import threading
from collections import OrderedDict
from math import log
from pickle import loads

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import IndexReader, TermNotFound
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import _length_byte_cache

from .readers import segments

# Bytes of postings kept per index version: enough for the common words of a large index.
BUDGET = 96 * 1024 * 1024
MASKS = 64
_BYTE_TO_LENGTH = np.asarray(_length_byte_cache, dtype=np.float32)
Pair = tuple[np.ndarray, np.ndarray]


class Postings:
    """Postings of one index version, shared by threads; each array is read once.

    A commit appends a segment: the arrays of the version before hold the documents of the
    segments the two versions share, so only the new segments are read for them.

    Every method takes the calling thread's reader of that version: Whoosh readers seek in
    shared files and must not be used by two threads at once (readers.py keeps one each).
    """

    def __init__(
        self, count: int, segments: tuple[str, ...], before: "Postings | None" = None
    ) -> None:
        self.count = count
        self.segments = segments
        self._terms: OrderedDict[tuple[str, str], Pair] = OrderedDict()
        self._size = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._masks: OrderedDict[tuple[str, str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        shared = before is not None and segments[: len(before.segments)] == before.segments
        self._inherited: dict[tuple[str, str], Pair] = {}
        if shared:  # a copy: threads still searching the version before keep using theirs
            with before._lock:
                self._inherited = dict(before._terms)
        self._first_new = len(before.segments) if shared else 0

    def term(self, reader: IndexReader, field: str, text: str) -> Pair:
        """(document numbers, weights) of a term, in document order; empty if unknown."""
        key = (field, text)
        with self._lock:
            if key in self._terms:
                self._terms.move_to_end(key)
                return self._terms[key]
            known = self._inherited.pop(key, None)
        if known is None:
            found = _read_term(reader, field, text)
        else:
            added = _read_term(reader, field, text, self._first_new)
            found = (np.concatenate([known[0], added[0]]), np.concatenate([known[1], added[1]]))
        with self._lock:
            self._terms[key] = found
            self._size += found[0].nbytes + found[1].nbytes
            while self._size > BUDGET and len(self._terms) > 1:
                _, (ids, weights) = self._terms.popitem(last=False)
                self._size -= ids.nbytes + weights.nbytes
        return found

    def pattern(self, reader: IndexReader, field: str, found: query.PatternQuery) -> np.ndarray:
        """The documents holding any term a pattern (a prefix, say) names in `field`, as a
        mask; the last MASKS patterns are kept: each may name hundreds of terms."""
        key = (type(found).__name__, field, found.text)
        with self._lock:
            if key in self._masks:
                self._masks.move_to_end(key)
                return self._masks[key]
        mask = np.zeros(self.count, dtype=bool)
        for text in found._btexts(reader):
            mask[self.term(reader, field, reader.schema[field].from_bytes(text))[0]] = True
        mask.flags.writeable = False  # shared by the searches that ask for it again
        with self._lock:
            self._masks[key] = mask
            while len(self._masks) > MASKS:
                self._masks.popitem(last=False)
        return mask

    def lengths(self, reader: IndexReader, field: str) -> np.ndarray:
        """Each document's length in `field` (as Whoosh approximates it, at least 1)."""
        with self._lock:
            if field not in self._lengths:
                self._lengths[field] = _read_lengths(reader, field, self.count)
            return self._lengths[field]

    def average_length(self, reader: IndexReader, field: str) -> float:
        return (reader.field_length(field) / self.count) if self.count else 1.0

    def idf(self, reader: IndexReader, field: str, text: str) -> float:
        """Lucene's idf (as ranking.BM25): a word in nearly every document weighs nearly 0."""
        found_in = reader.doc_frequency(field, text)
        return log(1 + (self.count - found_in + 0.5) / (found_in + 0.5))


def _read_term(reader: IndexReader, field: str, text: str, first: int = 0) -> Pair:
    """The term's arrays in the segments from the `first` one on."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for leaf, base in _leaves(reader, field, text, first):
        for block in _blocks(leaf):
            block_ids, block_weights, _ = _block_data(block)
            ids.append(block_ids + base)
            weights.append(block_weights)
    if not ids:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids).astype(np.int32), np.concatenate(weights).astype(np.float32)


def read_positions(reader: IndexReader, field: str, text: str, among: np.ndarray) -> Pair:
    """(document number, position) of each occurrence of a term in the documents of the mask
    `among`, in document then position order; empty if unknown.

    Only the posting blocks holding one of those documents are read, and only their
    postings decoded: positions cost a Python call each, the reason they are not kept.
    """
    docs: list[np.ndarray] = []
    positions: list[np.ndarray] = []
    for leaf, base in _leaves(reader, field, text):
        low = base
        for block in _blocks(leaf):
            high = base + block._maxid  # the block's last document, from its header
            if among[low : high + 1].any():
                block_ids, _, values = _block_data(block)
                keep = np.flatnonzero(among[block_ids + base])
                found = _decode_positions([values[i] for i in keep])
                counts = [len(where) for where in found]
                docs.append(np.repeat(block_ids[keep] + base, counts))
                positions.append(np.fromiter(itertools.chain.from_iterable(found),
                                             dtype=np.int64, count=sum(counts)))
            low = high + 1
    if not docs:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate(docs).astype(np.int32), np.concatenate(positions).astype(np.int32)


def _decode_positions(values: list[bytes]) -> list[list[int]]:
    """Whoosh's Positions format: a posting's value is its count, then its position deltas
    pickled."""
    return [list(itertools.accumulate(loads(value[_INT_SIZE:]))) for value in values]


def _leaves(reader: IndexReader, field: str, text: str, first: int = 0):
    """(W3 leaf matcher, first document number) of the term in each segment that has it,
    from the `first` segment on."""
    for segment, base in list(reader.leaf_readers())[first:]:
        try:
            matcher = segment.postings(field, text)
        except TermNotFound:
            continue
        yield getattr(matcher, "child", matcher), base  # deletions: columns.live masks them


def _blocks(leaf):
    """The W3 leaf matcher on each of its blocks in turn: the block's header is read (its
    last document: `_maxid`), its data only by _block_data."""
    while True:
        yield leaf
        if leaf._lastblock:
            return
        leaf._next_block()


def _block_data(leaf) -> tuple[np.ndarray, np.ndarray, list]:
    """(ids within the segment, weights, encoded values) of the leaf matcher's block."""
    if leaf._data is None:
        leaf._read_data()
    raw_ids, raw_weights = leaf._data[0], leaf._data[1]
    count = leaf._blocklength
    if leaf._byteids:
        block_ids = np.frombuffer(bytes(raw_ids), dtype=np.uint8).astype(np.int64)
    else:
        block_ids = np.cumsum(np.asarray(raw_ids, dtype=np.int64))  # stored as deltas
    if raw_weights is None:
        block_weights = np.ones(count, dtype=np.float32)
    elif isinstance(raw_weights, float):
        block_weights = np.full(count, raw_weights, dtype=np.float32)
    else:
        block_weights = np.asarray(raw_weights, dtype=np.float32)
    return block_ids, block_weights, leaf._data[2]


def _read_lengths(reader: IndexReader, field: str, count: int) -> np.ndarray:
    lengths = np.ones(count, dtype=np.float32)
    for segment, base in reader.leaf_readers():
        column = segment._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
        if column is None:
            continue
        codes = np.fromiter(column, dtype=np.uint8, count=segment.doc_count_all())
        lengths[base : base + len(codes)] = np.maximum(_BYTE_TO_LENGTH[codes], 1)
    return lengths


_cache: dict[tuple, Postings] = {}
_cache_lock = threading.Lock()


def postings(reader: IndexReader, version: tuple) -> Postings:
    """The postings of the index version `reader` reads (`version`: readers.version)."""
    with _cache_lock:
        if version not in _cache:
            before = next(iter(_cache.values()), None)
            _cache.clear()  # only the current version is ever asked for
            ids = tuple(name for name, _ in segments(reader))
            _cache[version] = Postings(reader.doc_count_all(), ids, before)
        return _cache[version]
