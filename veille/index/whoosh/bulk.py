"""A Whoosh segment writer for many documents at once: postings kept in memory, by term.

Whoosh's SegmentWriter sends every posting through an external sort (pickled to disk past
`limitmb`, merged back by a heap), then asks the length of the document's field once per
posting. Documents are numbered in the order they are added, so a list of postings per term
is already sorted: only the terms need sorting, once, at the end. The files are Whoosh's
own, written by its codec; any Whoosh reader reads them.

Memory grows with the documents of one commit (about 150 MB per 10,000 news items), which
is why the writer commits every `writer.COMMIT_EVERY` documents.
"""

from array import array
from collections import defaultdict
from collections.abc import Iterator

from whoosh import formats
from whoosh.writing import SegmentWriter

from . import arrays


class _Postings:
    """One term's postings in one segment: document numbers, weights and encoded values."""

    __slots__ = ("docnums", "weights", "values")

    def __init__(self) -> None:
        self.docnums = array("i")
        self.weights = array("d")
        self.values: list[bytes] = []


class MemoryPool:
    """What SegmentWriter needs of its posting pool, with the postings in memory."""

    def __init__(self) -> None:
        self.fields: defaultdict[str, dict[bytes, _Postings]] = defaultdict(dict)
        # Most encoded values are a handful of bytes repeated (a frequency of 1, 2…): one copy.
        self._values: dict[bytes, bytes] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, text, docnum, weight, value = item
        if value is None:
            value = b""
        elif len(value) < 8:
            value = self._values.setdefault(value, value)
        terms = self.fields[fieldname]
        postings = terms.get(text)
        if postings is None:
            postings = terms[text] = _Postings()
        postings.docnums.append(docnum)
        postings.weights.append(weight)
        postings.values.append(value)

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
        self.pool = MemoryPool()

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
        for fieldname in sorted(self.pool.fields):
            field = self.schema[fieldname]
            out.start_field(fieldname, field)
            field_lengths = (
                [lengths.doc_field_length(docnum, fieldname) for docnum in range(count)]
                if lengths
                else [0] * count
            )
            table = arrays.FieldTable(positional=isinstance(field.format, formats.Positions))
            terms = self.pool.fields[fieldname]
            for text in sorted(terms):
                postings = terms.pop(text)
                out.start_term(text)
                for docnum, weight, value in zip(
                    postings.docnums, postings.weights, postings.values, strict=True
                ):
                    out.add(docnum, weight, value, field_lengths[docnum])
                out.finish_term()
                table.add(text, postings.docnums, postings.weights, postings.values)
            out.finish_field()
            yield fieldname, table.arrays(field_lengths)
