""""Did you mean": typed words the index does not know, replaced by close words it knows.

The vocabulary is the unstemmed `exact` field's words found in at least two documents (a
word seen once is as likely a typo as the fix), kept for every thread of the process. Each
segment's words and document counts are read once, straight from its term table (segments
never change; Whoosh's merged term walk took seconds at 100k documents), and summed per
index version. rapidfuzz compares a word with all of it in a few milliseconds.
"""

import re
import struct
import threading
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from ..search import offers_suggestion
from .readers import per_segment

MIN_DOCUMENTS = 2
# Short words tolerate one typo, longer ones two.
LONG_WORD = 7
SHORT_WORD = 4  # below this, no correction: too many words are one letter apart
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class _Vocabulary:
    words: list[str]
    frequency: dict[str, int]


_cache: dict[tuple, _Vocabulary] = {}
_segments: dict[str, dict[str, int]] = {}  # segment id → its words' document counts
_lock = threading.Lock()
# W3 term infos (whoosh-reloaded 2.7.5, pinned) begin with a flag byte, a float weight, then
# the document count.
_DOC_COUNT = struct.Struct("!I")
_DOC_COUNT_AT = 1 + 4


def suggest(searcher: Searcher, version: tuple, text: str, words: tuple[str, ...],
            found: int) -> str | None:
    """`text` with its unknown `words` corrected, or None when there is nothing to correct
    or the search, having found `found` items, offers none (search.offers_suggestion).
    `version` names the index version `searcher` reads (readers.version)."""
    vocabulary = _vocabulary(searcher, version)
    analyzer = searcher.schema["exact"].analyzer
    fixes, absent = {}, False
    for word in words:
        folded = [token.text for token in analyzer(word, mode="query")]
        if len(folded) != 1 or len(folded[0]) < SHORT_WORD or folded[0] in vocabulary.frequency:
            continue
        fix = _closest(folded[0], vocabulary)
        if fix:
            fixes[word] = fix
            absent = absent or not searcher.doc_frequency("exact", folded[0])
    if not fixes or not offers_suggestion(found, absent):
        return None
    return _WORD.sub(lambda match: fixes.get(match.group(0), match.group(0)), text)


def _closest(word: str, vocabulary: _Vocabulary) -> str | None:
    """The most frequent of the nearest known words, within the typos a word's length allows."""
    allowed = 2 if len(word) >= LONG_WORD else 1
    found = process.extract(
        word, vocabulary.words, scorer=Levenshtein.distance, score_cutoff=allowed, limit=10
    )
    if not found:
        return None
    nearest = min(distance for _, distance, _ in found)
    return max(
        (candidate for candidate, distance, _ in found if distance == nearest),
        key=lambda candidate: vocabulary.frequency[candidate],
    )


def _vocabulary(searcher: Searcher, version: tuple) -> _Vocabulary:
    with _lock:
        if version not in _cache:
            _cache.clear()  # only the current version is ever asked for
            counts: Counter[str] = Counter()
            for part in per_segment(searcher.reader(), _segments, _exact_counts):
                counts.update(part)
            frequency = {word: n for word, n in counts.items() if n >= MIN_DOCUMENTS}
            _cache[version] = _Vocabulary(list(frequency), frequency)
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
