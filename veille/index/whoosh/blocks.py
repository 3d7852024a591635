"""Whoosh 3's posting lists written a term at a time: the bytes of its own postings writer,
without its Python call per posting.

Whoosh's W3PostingsWriter takes postings one by one (`add_posting` checks the types and
keeps each block's statistics in Python) and writes a block (pickled, compressed) every 128.
BulkWriter holds a field's postings sorted by term already, so each block is handed to the writer
whole, with its statistics computed by C loops (min, max, map), and written by the writer's
own `_write_block`; the term's entry in the term table is Whoosh's too (start_term,
finish_term). tests/index/whoosh/test_postings.py checks that the files are those Whoosh's
SegmentWriter writes, byte for byte.
"""

from array import array
from collections.abc import Sequence

from whoosh.codec.whoosh3 import W3FieldWriter


def write_term(out: W3FieldWriter, text: bytes, docnums: list[int], weights: list[float],
               values: list[bytes], lengths: Sequence[int], start: int, stop: int) -> None:
    """Write a term's postings, items `start` to `stop` of `docnums` (in order), `weights`
    and `values` (encoded), to the field `out` has started; `lengths` holds each document's
    length in the field."""
    out.start_term(text)
    writer = out._postwriter
    limit = writer._blocklimit
    for begin in range(start, stop, limit):
        end = min(begin + limit, stop)
        ids, block_weights = docnums[begin:end], weights[begin:end]
        block_lengths = list(map(lengths.__getitem__, ids))
        writer._ids = array("I", ids)
        writer._weights = array("f", block_weights)
        writer._values = list(filter(None, values[begin:end]))  # as add_posting keeps them
        writer._minlength = min(filter(None, block_lengths), default=None)
        writer._maxlength = max(block_lengths)
        writer._maxweight = max(0, max(block_weights))
        writer._write_block(last=end == stop)
    out.finish_term()
