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
from collections.abc import Iterable, Iterator

from whoosh import formats
from whoosh.fields import FieldType, Schema
from whoosh.writing import SegmentWriter

from . import arrays, blocks
from .analysis import TermText


class _Postings:
    """One term's postings in one segment: document numbers, weights and encoded values,
    and in a field of positions, each posting's count of them and the positions end to end
    (arrays.py writes them as they are, where Whoosh's encoded values are pickles)."""

    __slots__ = ("docnums", "weights", "values", "counts", "positions")

    def __init__(self) -> None:
        self.docnums = array("i")
        self.weights = array("d")
        self.values: list[bytes] = []
        self.counts = array("I")
        self.positions = array("i")


Posting = tuple[bytes, int, float, bytes | None, list[int] | None]  # TermText.postings


class MemoryPool:
    """What SegmentWriter needs of its posting pool, with the postings in memory."""

    def __init__(self, schema: Schema) -> None:
        self.fields: defaultdict[str, dict[bytes, _Postings]] = defaultdict(dict)
        self._values: dict[bytes, bytes] = {}  # shared()
        self._positional = {name: field.format for name, field in schema.items()
                            if isinstance(field.format, formats.Positions)}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting (Whoosh's merges add those of the segments they merge)."""
        fieldname, text, docnum, weight, value = item
        positional = self._positional.get(fieldname)
        where = positional.decode_positions(value) if positional else None
        self.add_field(fieldname, docnum, [(text, 0, weight, self.shared(value), where)])

    def shared(self, value: bytes | None) -> bytes:
        """`value` (b"" for None), one copy of each short one: most are a handful of bytes
        repeated (a frequency of 1, 2…)."""
        if value is None:
            return b""
        return self._values.setdefault(value, value) if len(value) < 8 else value

    def add_field(self, fieldname: str, docnum: int, postings: Iterable[Posting]) -> int:
        """A document's postings in a field (their values `shared`), with their positions in
        a field of positions; return the sum of their frequencies."""
        terms, length = self.fields[fieldname], 0
        for text, frequency, weight, value, where in postings:
            length += frequency
            found = terms.get(text)
            if found is None:
                found = terms[text] = _Postings()
            found.docnums.append(docnum)
            found.weights.append(weight)
            found.values.append(value)
            if where is not None:
                found.counts.append(frequency)
                found.positions.extend(where)
        return length

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
        unsupported = [name for name, field in self.schema.items()
                       if field.vector or field.separate_spelling()]
        if unsupported:
            raise TypeError(f"BulkWriter writes no term vectors or spelling fields: "
                            f"{', '.join(unsupported)}")

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

    def _postings(self, field: FieldType, value) -> Iterable[Posting]:
        """A field's postings of `value`, with their positions where TermText gives them (its
        values are shared already)."""
        if isinstance(field, TermText):
            return field.postings(value)
        return ((text, frequency, weight, self.pool.shared(encoded), None)
                for text, frequency, weight, encoded in field.index(value))

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
                blocks.write_term(out, text, postings.docnums, postings.weights,
                                  postings.values, field_lengths)
                table.add(text, postings)
            out.finish_field()
            yield fieldname, table.arrays(field_lengths)
