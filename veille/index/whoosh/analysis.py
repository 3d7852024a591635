"""The French analysis (veille.text.french) as Whoosh fields: what the index and its queries
read of a text.

`TermText` is a TEXT field whose words are cut by TOKEN_PATTERN and made terms by a term
function (`french_term` for ranking, `exact_term` for phrases), through the memo that
function shares with the snippets and the story signatures (`memo_of`).
"""

import pickle
import re
from collections import Counter
from collections.abc import Iterator
from operator import sub

from whoosh import formats
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.fields import TEXT
from whoosh.system import pack_uint

from ...text.french import TOKEN_PATTERN, Term, memo_of


class _TermFilter(Filter):
    """Turn each token's text into its indexed term, or drop it: one memoised function per
    analyzer rather than a chain of filters, since most words of a text were seen before.

    Dropped tokens leave no gap in positions, as Whoosh's StopFilter does (the first kept
    token keeps its own position, the next ones follow it).
    """

    def __init__(self, term: Term) -> None:
        self.terms = memo_of(term)

    def __call__(self, tokens):
        memo, remember, position = self.terms.memo, self.terms.remember, None
        for token in tokens:
            text = memo[token.text] if token.text in memo else remember(token.text)
            if text is None:
                continue
            token.text = text
            if token.positions:
                position = token.pos if position is None else position + 1
                token.pos = position
            yield token


class TermText(TEXT):
    """A TEXT field whose words are cut by `pattern` and made terms by `term`.

    Its analyzer (the tokenizer, then _TermFilter) serves queries; `index()` yields the
    same postings from the text's words and their terms (TermMemo.terms), without Whoosh's
    tokens, filter chain and format: when indexing, they cost more than the words
    themselves.
    """

    def __init__(self, term: Term, pattern: str = TOKEN_PATTERN, **kwargs) -> None:
        self.terms = memo_of(term)
        self.words = re.compile(pattern)
        super().__init__(analyzer=RegexTokenizer(pattern) | _TermFilter(term), **kwargs)
        if type(self.format) not in (formats.Positions, formats.Frequency):
            raise TypeError(f"TermText indexes positions or frequencies, not {self.format!r}")

    def index(self, value: str, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        texts, counts, weights, values, _ = self.postings(value)
        return zip(texts, counts, weights, values, strict=True)

    def postings(self, value: str) -> tuple[list[bytes], list[int], list[float], list[bytes],
                                            list[list[int]] | None]:
        """What `index()` yields, as lists (terms, frequencies, weights, encoded values),
        and each term's positions in a field of positions (else None)."""
        terms = self.terms.terms(self.words.findall(value))
        kept = [text for text in terms if text is not None]
        if type(self.format) is formats.Frequency:
            found = Counter(kept)
            counts = list(found.values())
            return (list(map(str.encode, found)), counts, self._weights(counts),
                    list(map(_frequency, counts)), None)
        # Dropped words leave no gap: the first kept word keeps its own position.
        first = next((at for at, text in enumerate(terms) if text is not None), 0)
        positions: dict[str, list[int]] = {}
        for at, text in enumerate(kept, first):
            if text in positions:
                positions[text].append(at)
            else:
                positions[text] = [at]
        where = list(positions.values())
        counts = list(map(len, where))
        return (list(map(str.encode, positions)), counts, self._weights(counts),
                list(map(_encoded, where)), where)

    def _weights(self, counts: list[int]) -> list[float]:
        boost = self.format.field_boost
        return [count * boost for count in counts]


_FREQUENCIES = [pack_uint(count) for count in range(256)]  # one copy of the common values


def _frequency(count: int) -> bytes:
    """formats.Frequency.encode(count)."""
    return _FREQUENCIES[count] if count < 256 else pack_uint(count)


def _encoded(positions: list[int]) -> bytes:
    """formats.Positions.encode(positions), its loop in C: the count, then the gaps between
    positions pickled (a word's one position below 1024: a copy made once)."""
    if len(positions) == 1 and positions[0] < len(_ONCE):
        return _ONCE[positions[0]]
    return pack_uint(len(positions)) + pickle.dumps(
        [positions[0], *map(sub, positions[1:], positions)], 2)


_ONCE = [pack_uint(1) + pickle.dumps([position], 2) for position in range(1024)]
