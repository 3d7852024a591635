""""Did you mean" on a Whoosh index (veille.index.spelling corrects, for every engine).

The vocabulary is the unstemmed `exact` field's words with their document counts, kept for
every thread of the process. Each segment's words and document counts are read once,
straight from its term table (segments never change; Whoosh's merged term walk took
seconds at 100k documents), kept compact (a dict of its own per segment, its words decoded
anew, held 46 MB at 100,000 items in 17 segments, a web process's largest cache), and summed
per index version.
"""

import struct
import sys
import threading
from array import array
from collections import Counter
from dataclasses import dataclass

from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from .. import spelling
from .readers import per_segment

_cache: dict[tuple, spelling.Known] = {}
_segments: dict[str, "Words"] = {}  # segment id → its words' document counts
_lock = threading.Lock()
# W3 term infos (whoosh-reloaded 2.7.5, pinned) begin with a flag byte, a float weight, then
# the document count.
_DOC_COUNT = struct.Struct("!I")
_DOC_COUNT_AT = 1 + 4


def suggest(searcher: Searcher, version: tuple, text: str, words: tuple[str, ...],
            few: bool = True) -> str | None:
    """`text` with its unknown `words` corrected, or None when there is nothing to correct
    (spelling.suggest says which, by `few`). `version` names the index version `searcher`
    reads (readers.version)."""
    return spelling.suggest(_vocabulary(searcher, version), text, words, few)


def _vocabulary(searcher: Searcher, version: tuple) -> spelling.Known:
    with _lock:
        if version not in _cache:
            _cache.clear()  # only the current version is ever asked for
            counts: Counter[str] = Counter()
            for part in per_segment(searcher.reader(), _segments, _exact_counts):
                part.add_to(counts)
            _cache[version] = spelling.known(counts)
        return _cache[version]


@dataclass(frozen=True)
class Words:
    """A segment's words, interned (every segment's and the vocabulary's are the same
    strings), and the number of its documents holding each."""

    words: tuple[str, ...]
    counts: array  # unsigned ints, one per word

    def add_to(self, counts: Counter[str]) -> None:
        for word, count in zip(self.words, self.counts, strict=True):
            counts[word] += count


def _exact_counts(segment: SegmentReader) -> Words:
    return document_counts(segment, "exact")


def document_counts(segment: SegmentReader, field: str) -> Words:
    """Each word of `field` in the segment, with the number of its documents."""
    terms = segment._terms
    prefix = terms._keycoder(field, b"")
    words, counts = [], array("I")
    for key, info in terms._tindex.items_from(prefix):
        if not key.startswith(prefix):  # the next field's terms
            break
        words.append(sys.intern(key[len(prefix) :].decode("utf-8")))
        counts.append(_DOC_COUNT.unpack_from(info, _DOC_COUNT_AT)[0])
    return Words(tuple(words), counts)
