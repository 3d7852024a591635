"""Each segment's postings as plain arrays, in a file of veille's own beside Whoosh's.

Whoosh keeps a term's postings in pickled, compressed blocks of 128 documents, and a
document's positions as one more pickle: reading a common word decoded hundreds of blocks in
Python, and a phrase one pickle per document. BulkWriter, which writes every segment of a
veille index (new documents and merges alike), also writes the segment's postings here;
search reads a term with two `pread`s into numpy arrays. Whoosh's files stay whole: its
merges, term table and stored fields go on using them.

The file (`<segment id>.vpa`, which Whoosh deletes with its segment) holds the arrays end to
end, then a JSON header saying where each is, then TAIL: the header's place. For each field:
- `terms`: the terms' UTF-8 bytes end to end, in byte order; `ends`: where each one ends;
- `first`: where each term's postings start in `ids` (int32, numbers within the segment)
  and `weights` (float32), plus the end of the last;
- positional fields: `counts` (uint32) of each posting's positions, `pfirst` where each
  term's positions start in `positions` (int32), plus the end;
- `lengths` (float32): each document's length in the field, as Whoosh scores it.
"""

import bisect
import json
import os
import struct
import weakref
from collections.abc import Iterable

import numpy as np
from whoosh.codec.base import Segment
from whoosh.filedb.filestore import Storage
from whoosh.reading import SegmentReader

EXTENSION = ".vpa"
TAIL = struct.Struct("<8sQ")  # magic, where the header starts
MAGIC = b"veille1\0"
Pair = tuple[np.ndarray, np.ndarray]
EMPTY: Pair = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))


def of_field(postings, lengths: list[float]) -> dict[str, np.ndarray]:
    """A field's arrays, from its postings by term (bulk.SortedPostings)."""
    found: dict[str, np.ndarray] = {
        "terms": np.frombuffer(b"".join(postings.texts), dtype=np.uint8),
        "ends": np.cumsum([len(text) for text in postings.texts], dtype=np.int64),
        "first": postings.first.astype(np.int64),
        "ids": postings.docnums.astype(np.int32),
        "weights": postings.weights.astype(np.float32),
        "lengths": np.maximum(np.asarray(lengths, dtype=np.float32), 1),
    }
    if postings.counts is not None:
        starts = np.concatenate([[0], np.cumsum(postings.counts, dtype=np.int64)])
        found.update(counts=postings.counts, pfirst=starts[found["first"]],
                     positions=postings.positions)
    return found


def runs(counts: np.ndarray, positions: np.ndarray, order: np.ndarray) -> tuple[np.ndarray,
                                                                                 np.ndarray]:
    """Postings' counts of positions and their positions end to end, both put in `order`
    (each posting's run of positions moved whole)."""
    moved = counts[order]
    starts = np.cumsum(counts, dtype=np.int64) - counts
    begins = np.cumsum(moved, dtype=np.int64) - moved  # where each run goes
    picked = np.repeat(starts[order] - begins, moved) + np.arange(int(moved.sum()))
    return moved, positions[picked]


def write(storage: Storage, name: str, tables: Iterable[tuple[str, dict[str, np.ndarray]]]) -> None:
    """Write the file `name` of `storage`: each (field, its arrays) of `tables` in turn."""
    header: dict[str, dict[str, list]] = {}
    out = storage.create_file(name)
    at = 0
    try:
        for field, arrays in tables:
            header[field] = {}
            for key, values in arrays.items():
                data = np.ascontiguousarray(values).tobytes()
                header[field][key] = [at, values.dtype.str, len(values)]
                out.write(data)
                at += len(data)
        out.write(json.dumps(header).encode("utf-8"))
        out.write(TAIL.pack(MAGIC, at))
    finally:
        out.close()


class SegmentArrays:
    """A segment's file, open for reading: a field's term table read into memory the first
    time the field is searched (searches read a few fields: the stored dates', ids' and
    stories' tables held more than all the words'), the postings read on demand (`os.pread`
    needs no seek, so threads share the file)."""

    def __init__(self, path: str, count: int) -> None:
        self.count = count  # documents in the segment
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)
        size = os.fstat(self._fd).st_size
        magic, header_at = TAIL.unpack(os.pread(self._fd, TAIL.size, size - TAIL.size))
        if magic != MAGIC:
            raise OSError(f"{path} is not a veille postings file")
        header = json.loads(os.pread(self._fd, size - TAIL.size - header_at, header_at))
        self._places = header
        self._tables: dict[str, _Table] = {}  # by field, those searched so far

    def _table(self, field: str) -> "_Table | None":
        table = self._tables.get(field)
        if table is None and field in self._places:
            table = self._tables[field] = _Table(self, field, self._places[field])
        return table

    def read(self, field: str, key: str, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Items `start` to `stop` of one of `field`'s arrays."""
        at, dtype, count = self._places[field][key]
        dtype = np.dtype(dtype)
        stop = count if stop is None else stop
        data = os.pread(self._fd, (stop - start) * dtype.itemsize, at + start * dtype.itemsize)
        return np.frombuffer(data, dtype=dtype)

    def postings(self, field: str, text: bytes) -> Pair:
        """(document numbers within the segment, weights) of a term; empty if unknown."""
        table = self._table(field)
        found = table.find(text) if table else None
        if table is None or found is None:
            return EMPTY[0], np.zeros(0, dtype=np.float32)
        low, high = table.first[found], table.first[found + 1]
        return self.read(field, "ids", low, high), self.read(field, "weights", low, high)

    def prefixed(self, field: str, prefix: bytes) -> np.ndarray:
        """The document numbers of every posting of the terms starting with `prefix`: terms
        are in byte order, so their postings are one run of `ids`."""
        table = self._table(field)
        if table is None:
            return EMPTY[0]
        low, high = table.span(prefix)
        return self.read(field, "ids", table.first[low], table.first[high])

    def positions(self, field: str, text: bytes, among: np.ndarray) -> Pair:
        """(document, position) of each occurrence of a term in the documents of the mask
        `among` (over the segment's documents), in document then position order."""
        table = self._table(field)
        if table is None or table.pfirst is None:  # no such field, or one without positions
            return EMPTY
        found = table.find(text)
        if found is None:
            return EMPTY
        low, high = table.first[found], table.first[found + 1]
        ids = self.read(field, "ids", low, high)
        keep = among[ids]
        if not keep.any():
            return EMPTY
        counts = self.read(field, "counts", low, high).astype(np.int64)
        starts = np.cumsum(counts) - counts  # within the term's positions
        kept_counts, kept_starts = counts[keep], starts[keep]
        begin, end = kept_starts[0], kept_starts[-1] + kept_counts[-1]  # only what is kept
        offset = table.pfirst[found]
        where = self.read(field, "positions", offset + begin, offset + end)
        runs = np.cumsum(kept_counts) - kept_counts  # where each posting's positions go
        picked = np.repeat(kept_starts - begin - runs, kept_counts)
        picked += np.arange(int(kept_counts.sum()))
        return np.repeat(ids[keep], kept_counts), where[picked]

    def terms(self, field: str) -> list[bytes]:
        """Every term of `field`, in byte order."""
        table = self._table(field)
        if table is None:
            return []
        ends = table.ends.tolist()
        return [table.terms[start:end] for start, end in zip(ends, ends[1:], strict=False)]

    def lengths(self, field: str) -> np.ndarray | None:
        table = self._table(field)
        return table.lengths if table else None


class _Table:
    """A field's term table, in memory (numpy arrays: 8 bytes a term, not a Python int's
    36): terms are found by bisection over their bytes."""

    def __init__(self, arrays: SegmentArrays, field: str, places: dict[str, list]) -> None:
        self.terms = arrays.read(field, "terms").tobytes()
        self.ends = np.concatenate([[0], arrays.read(field, "ends")])
        self.count = len(self.ends) - 1
        self.first = arrays.read(field, "first")
        self.pfirst = arrays.read(field, "pfirst") if "pfirst" in places else None
        self.lengths = arrays.read(field, "lengths")

    def term(self, number: int) -> bytes:
        return self.terms[self.ends[number] : self.ends[number + 1]]

    def find(self, text: bytes) -> int | None:
        number = bisect.bisect_left(range(self.count), text, key=self.term)
        if number < self.count and self.term(number) == text:
            return number
        return None

    def span(self, prefix: bytes) -> tuple[int, int]:
        """The number of the first term starting with `prefix`, and of the first after."""
        low = bisect.bisect_left(range(self.count), prefix, key=self.term)
        after = bisect.bisect_left(range(low, self.count), True,
                                   key=lambda number: not self.term(number).startswith(prefix))
        return low, low + after


def of(segment: SegmentReader) -> SegmentArrays:
    """The arrays file of a segment Whoosh reads."""
    return at(segment._storage, segment.segment())


def at(storage: Storage, segment: Segment) -> SegmentArrays:
    """The arrays file of `segment` in `storage`."""
    path = os.path.join(storage.folder, segment.make_filename(EXTENSION))
    return SegmentArrays(path, segment.doc_count_all())
