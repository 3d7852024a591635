"""A Whoosh segment writer for many documents at once: postings kept in memory, in arrays.

Whoosh's SegmentWriter sends every posting through an external sort (pickled to disk past
`limitmb`, merged back by a heap), then asks the length of the document's field once per
posting. Here a document's postings are appended to its fields' arrays by C loops, and
sorted by term once, at the commit, by numpy (a stable sort: documents are numbered in the
order they are added, so each term's postings stay in document order). The files are
Whoosh's own, written by its codec a term at a time (blocks.py); any Whoosh reader reads
them.

Memory grows with the documents of one commit (about 150 MB per 10,000 news items), which
is why the writer commits every `writer.COMMIT_EVERY` documents.
"""

from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np
from whoosh import formats
from whoosh.fields import FieldType, Schema
from whoosh.writing import SegmentWriter

from . import arrays, blocks
from .analysis import TermText

Postings = tuple[list[bytes], list[int], list[float], list[bytes], list[list[int]] | None]


class _FieldLog:
    """A field's postings in a commit, in the order documents gave them, in arrays: each
    posting's term (a number, by order of first sight), document, weight, encoded value and
    in a field of positions its count of positions, the positions end to end. Appending a
    document's postings is a handful of C loops (array.extend, map)."""

    __slots__ = ("numbers", "terms", "docnums", "weights", "values", "counts", "positions")

    def __init__(self) -> None:
        self.numbers: dict[bytes, int] = {}
        self.terms = array("i")
        self.docnums = array("i")
        self.weights = array("d")
        self.values: list[bytes] = []
        self.counts = array("I")
        self.positions = array("i")

    def add(self, docnum: int, postings: Postings) -> None:
        texts, counts, weights, values, positions = postings
        numbers = self.numbers
        found = list(map(numbers.get, texts, repeat(-1)))
        if -1 in found:
            found = [numbers.setdefault(text, len(numbers)) if number < 0 else number
                     for text, number in zip(texts, found, strict=True)]
        self.terms.extend(found)
        self.docnums.extend(repeat(docnum, len(found)))
        self.weights.extend(weights)
        self.values.extend(values)
        if positions is not None:
            self.counts.extend(counts)
            self.positions.extend(chain.from_iterable(positions))

    def by_term(self) -> "SortedPostings":
        """The postings sorted by term (in byte order), each term's in document order."""
        texts = sorted(self.numbers)
        rank = np.empty(len(texts), dtype=np.int64)
        rank[np.fromiter(map(self.numbers.__getitem__, texts), dtype=np.int64,
                         count=len(texts))] = np.arange(len(texts))
        keys = rank[np.asarray(self.terms, dtype=np.int64)]
        order = np.argsort(keys, kind="stable")  # documents came in order
        first = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=len(texts)))])
        values = list(map(self.values.__getitem__, order.tolist()))
        counts = positions = None
        if self.counts:
            counts, positions = arrays.runs(np.asarray(self.counts, dtype=np.uint32),
                                            np.asarray(self.positions, dtype=np.int32), order)
        return SortedPostings(texts, first, np.asarray(self.docnums, dtype=np.int32)[order],
                              np.asarray(self.weights)[order], values, counts, positions)


@dataclass
class SortedPostings:
    """A field's postings by term: term `n` (`texts[n]`) has postings `first[n]` to
    `first[n + 1]`."""

    texts: list[bytes]
    first: np.ndarray
    docnums: np.ndarray
    weights: np.ndarray
    values: list[bytes]
    counts: np.ndarray | None
    positions: np.ndarray | None


class MemoryPool:
    """What SegmentWriter needs of its posting pool, with the postings in memory."""

    def __init__(self, schema: Schema) -> None:
        self.fields: defaultdict[str, _FieldLog] = defaultdict(_FieldLog)
        self._values: dict[bytes, bytes] = {}  # shared()
        self._positional = {name: field.format for name, field in schema.items()
                            if isinstance(field.format, formats.Positions)}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting (Whoosh's merges add those of the segments they merge)."""
        fieldname, text, docnum, weight, value = item
        positional = self._positional.get(fieldname)
        where = positional.decode_positions(value) if positional else None
        self.fields[fieldname].add(docnum, ([text], [len(where) if where else 0], [weight],
                                            [self.shared(value)], where and [where]))

    def shared(self, value: bytes | None) -> bytes:
        """`value` (b"" for None), one copy of each short one: most are a handful of bytes
        repeated (a frequency of 1, 2…)."""
        if value is None:
            return b""
        return self._values.setdefault(value, value) if len(value) < 8 else value

    def add_field(self, fieldname: str, docnum: int, postings: Postings) -> int:
        """A document's postings in a field (their values `shared`, positions in a field of
        positions); return the sum of their frequencies."""
        self.fields[fieldname].add(docnum, postings)
        return sum(postings[1])

    def cleanup(self) -> None:
        self.fields.clear()
        self._values.clear()


class BulkWriter(SegmentWriter):
    """A SegmentWriter whose postings go through a MemoryPool, written term by term, and
    also as arrays (arrays.py): the form search reads.

    Its segments are separate files, never one compound file: Whoosh reads a compound
    segment through a memory map that each reader copies whole into memory (every searcher,
    one per web thread, held a copy of the index), where it reads a separate file from disk.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, compound=False, **kwargs)
        self.pool = MemoryPool(self.schema)
        self._held: dict[str, set[bytes]] | None = None  # update_document's, once read
        unsupported = [name for name, field in self.schema.items()
                       if field.vector or field.separate_spelling()]
        if unsupported:
            raise TypeError(f"BulkWriter writes no term vectors or spelling fields: "
                            f"{', '.join(unsupported)}")

    def update_document(self, **fields) -> None:
        """SegmentWriter.update_document, which looks each unique term up in every segment
        to delete the documents holding it: a cost growing with the segments, paid for
        nothing by a new item. The unique terms the segments hold are read once (from their
        arrays), and a document holding none of them is only added."""
        if self._held is None:
            self._held = self._unique_terms()
        unique = [(name, self.schema[name].to_bytes(fields[name]))
                  for name in self._unique_fields(fields)]
        if any(term in self._held[name] for name, term in unique):
            super().update_document(**fields)
        else:
            self.add_document(**fields)

    def _unique_terms(self) -> dict[str, set[bytes]]:
        """The terms of each unique field held by the segments this writer started from
        (those of deleted documents too: updating them anyway is harmless)."""
        names = [name for name, field in self.schema.items() if field.unique]
        held: dict[str, set[bytes]] = {name: set() for name in names}
        for segment in self.segments:
            found = arrays.at(self.storage, segment)
            for name in names:
                held[name].update(found.terms(name))
        return held

    def add_document(self, **fields) -> None:
        """SegmentWriter.add_document for the fields __init__ accepts, without boosts
        (`_boost` keys), each field's postings handed to the pool at once."""
        self._check_state()
        self._check_fields(self.schema, fields)
        self.perdocwriter.start_doc(self.docnum)
        try:
            for name in sorted(fields):
                if fields[name] is not None:
                    self._add_field(name, self.schema[name], fields[name])
        except BaseException:
            self.perdocwriter.cancel_doc()
            raise
        self.perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_field(self, name: str, field, value) -> None:
        length = 0
        if field.indexed:
            length = self.pool.add_field(name, self.docnum, self._postings(field, value))
        self.perdocwriter.add_field(name, field, value if field.stored else None,
                                    length if field.scorable else 0)
        if field.column_type:
            self.perdocwriter.add_column_value(name, field.column_type,
                                               field.to_column_value(value))

    def _postings(self, field: FieldType, value) -> Postings:
        """A field's postings of `value`, as lists, with their positions where TermText
        gives them (its values are shared already)."""
        if isinstance(field, TermText):
            return field.postings(value)
        postings = list(field.index(value))
        return ([posting[0] for posting in postings], [posting[1] for posting in postings],
                [posting[2] for posting in postings],
                [self.pool.shared(posting[3]) for posting in postings], None)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        name = self.newsegment.make_filename(arrays.EXTENSION)
        arrays.write(self.storage, name, self._write_fields(lengths))
        self.fieldwriter.close()
        if lengths:
            lengths.close()

    def _write_fields(self, lengths) -> Iterator[tuple[str, dict]]:
        """Write each field's postings with Whoosh's codec, and yield them as arrays."""
        out, count = self.fieldwriter, self.docnum
        for fieldname in sorted(self.pool.fields):  # each field's postings go once written
            field = self.schema[fieldname]
            out.start_field(fieldname, field)
            field_lengths = (
                [lengths.doc_field_length(docnum, fieldname) for docnum in range(count)]
                if lengths and field.scorable  # only scorable fields have lengths
                else [0] * count
            )
            postings = self.pool.fields.pop(fieldname).by_term()
            docnums, weights = postings.docnums.tolist(), postings.weights.tolist()
            for number, text in enumerate(postings.texts):
                blocks.write_term(out, text, docnums, weights, postings.values, field_lengths,
                                  postings.first[number], postings.first[number + 1])
            out.finish_field()
            yield fieldname, arrays.of_field(postings, field_lengths)
