"""The French analysis (veille.text.french) as Whoosh fields: what the index and its queries
read of a text.

`TermText` is a TEXT field whose words are cut by TOKEN_PATTERN and made terms by a term
function (`french_term` for ranking, `exact_term` for phrases), through the memo that
function shares with the snippets and the story signatures (`memo_of`).
"""

import re
from collections.abc import Iterator

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
    same postings in one pass over the text, without Whoosh's tokens, filter chain and
    format: when indexing, they cost more than the words themselves.
    """

    def __init__(self, term: Term, pattern: str = TOKEN_PATTERN, **kwargs) -> None:
        self.terms = memo_of(term)
        self.words = re.compile(pattern)
        super().__init__(analyzer=RegexTokenizer(pattern) | _TermFilter(term), **kwargs)
        if type(self.format) not in (formats.Positions, formats.Frequency):
            raise TypeError(f"TermText indexes positions or frequencies, not {self.format!r}")

    def index(self, value: str, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        memo, remember = self.terms.memo, self.terms.remember
        positions: dict[str, list[int]] = {}
        first, kept = None, 0
        for at, raw in enumerate(self.words.findall(value)):
            text = memo[raw] if raw in memo else remember(raw)
            if text is None:
                continue
            if first is None:
                first = at
            positions.setdefault(text, []).append(first + kept)
            kept += 1
        boost = self.format.field_boost
        positional = type(self.format) is formats.Positions
        for text, where in positions.items():
            count = len(where)
            encoded = self.format.encode(where) if positional else pack_uint(count)
            yield text.encode("utf-8"), count, count * boost, encoded
