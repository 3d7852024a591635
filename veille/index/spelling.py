""""Did you mean": typed words no item holds, replaced by close words items hold, for every
engine alike. An engine gives the words of its items' unstemmed terms with the number of
items holding each (Whoosh: whoosh/spelling.py; PostgreSQL: its stored vocabulary); a word
found in fewer than two items is as likely a typo as the fix, and is not offered.
rapidfuzz compares a word with all of them in a few milliseconds.
"""

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..text.french import exact_term, memo_of

MIN_DOCUMENTS = 2
# Short words tolerate one typo, longer ones two.
LONG_WORD = 7
SHORT_WORD = 4  # below this, no correction: too many words are one letter apart
_WORD = re.compile(r"\w+", re.UNICODE)
_EXACT = memo_of(exact_term)


@dataclass
class Known:
    """The words offered as corrections, with how many items hold each."""

    words: list[str]
    frequency: dict[str, int]
    present: frozenset[str]  # every word items hold, however rare


def known(counts: dict[str, int]) -> Known:
    """The words of `counts` (word → items holding it) that may be offered."""
    frequency = {word: n for word, n in counts.items() if n >= MIN_DOCUMENTS}
    return Known(list(frequency), frequency, frozenset(counts))


def suggest(vocabulary: Known, text: str, words: tuple[str, ...], few: bool = True) -> str | None:
    """`text` with its unknown `words` corrected, or None when there is nothing to correct:
    words items hold rarely or not at all when the search found `few` results, only those no
    item holds otherwise (search.FEW_RESULTS)."""
    known_words = vocabulary.frequency if few else vocabulary.present
    fixes = {}
    for word in words:
        folded = _EXACT.sequence(word)
        if len(folded) != 1 or len(folded[0]) < SHORT_WORD or folded[0] in known_words:
            continue
        fix = _closest(folded[0], vocabulary)
        if fix:
            fixes[word] = fix
    if not fixes:
        return None
    return _WORD.sub(lambda match: fixes.get(match.group(0), match.group(0)), text)


def _closest(word: str, vocabulary: Known) -> str | None:
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
