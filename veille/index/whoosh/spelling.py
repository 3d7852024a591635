""""Did you mean" on a Whoosh index (veille.index.spelling corrects, for every engine).

The vocabulary is the unstemmed `exact` field's words with their document counts, kept for
every thread of the process. Each segment's words and document counts are read once,
straight from its term table (segments never change; Whoosh's merged term walk took
seconds at 100k documents), and summed per index version.
"""

import struct
import threading
from collections import Counter

from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from .. import spelling
from .readers import per_segment

_cache: dict[tuple, spelling.Known] = {}
_segments: dict[str, dict[str, int]] = {}  # segment id → its words' document counts
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
                counts.update(part)
            _cache[version] = spelling.known(counts)
        return _cache[version]


def _exact_counts(segment: SegmentReader) -> dict[str, int]:
    return _document_counts(segment, "exact")


def _document_counts(segment: SegmentReader, field: str) -> dict[str, int]:
    """Each word of `field` in the segment, with the number of its documents."""
    terms = segment._terms
    prefix = terms._keycoder(field, b"")
    counts = {}
    for key, info in terms._tindex.items_from(prefix):
        if not key.startswith(prefix):  # the next field's terms
            break
        counts[key[len(prefix) :].decode("utf-8")] = _DOC_COUNT.unpack_from(info, _DOC_COUNT_AT)[0]
    return counts
