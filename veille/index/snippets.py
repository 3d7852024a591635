"""Snippets: the passages of an item's text where the searched words are, marked.

Every word of the text is looked up as the index would hold it (analysis.french_term,
remembered), with the analyzer's own word pattern: a plain scan, far cheaper than running
the analyzer and Whoosh's highlighter over each hit's text. Words matched through a phrase
(on the unstemmed field) are marked too, by analysing them as the content is.

The text is escaped and only <mark> is added, so a snippet can be shown as HTML.
"""

import html
import re
from functools import lru_cache

from whoosh import query

from .analysis import TOKEN_PATTERN, french_term
from .querylang import ParsedQuery

STEMMED = ("title", "content")
PASSAGES = 2
PASSAGE_CHARS = 240
SEPARATOR = " … "
_WORD = re.compile(TOKEN_PATTERN)
_term = lru_cache(maxsize=200_000)(french_term)


class Highlighter:
    def __init__(self, parsed: ParsedQuery) -> None:
        self.terms = frozenset(self._terms(parsed.query))

    def snippet(self, stored: dict) -> str:
        """The best passages with the words marked, else the escaped summary."""
        text = stored.get("content", "")
        found = [m.span() for m in _WORD.finditer(text) if _term(m.group()) in self.terms]
        if not self.terms or not found:
            return html.escape(stored.get("summary", ""))
        return SEPARATOR.join(_marked(text, window, found) for window in _passages(text, found))

    def _terms(self, found: query.Query):
        for field, text in found.iter_all_terms(phrases=True):
            text = text.decode("utf-8") if isinstance(text, bytes) else text
            if field in STEMMED:
                yield text
            elif field == "exact":
                yield from filter(None, (_term(word.group()) for word in _WORD.finditer(text)))


def _passages(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Up to PASSAGES windows of about PASSAGE_CHARS, those holding the most matches first,
    then in the order of the text; each cut at spaces."""
    windows = []
    for start, _ in found:
        begin = max(0, start - PASSAGE_CHARS // 4)
        end = begin + PASSAGE_CHARS
        count = sum(1 for s, e in found if begin <= s and e <= end)
        windows.append((count, -begin, begin, end))
    chosen: list[tuple[int, int]] = []
    for _, _, begin, end in sorted(windows, reverse=True):
        if all(end <= b or begin >= e for b, e in chosen):
            chosen.append((begin, end))
        if len(chosen) == PASSAGES:
            break
    return [_at_spaces(text, begin, end) for begin, end in sorted(chosen)]


def _at_spaces(text: str, begin: int, end: int) -> tuple[int, int]:
    if begin > 0:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < begin + 30 else begin
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    return begin, min(end, len(text))


def _marked(text: str, window: tuple[int, int], found: list[tuple[int, int]]) -> str:
    begin, end = window
    parts, at = [], begin
    for start, stop in found:
        if start >= begin and stop <= end:
            parts += [html.escape(text[at:start]), "<mark>", html.escape(text[start:stop]),
                      "</mark>"]
            at = stop
    parts.append(html.escape(text[at:end]))
    return "".join(parts).strip()
