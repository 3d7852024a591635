"""Snippets: the passages of an item's text where the searched words are, marked.

Every word of the text is looked up as the index would hold it (text.french.french_term,
remembered), with the analyzer's own word pattern: a plain scan, far cheaper than running
the analyzer and Whoosh's highlighter over each hit's text. A word not seen before is
stemmed only if it begins as a searched term does (stemming keeps a word's first letters).
Words matched through a phrase (on the unstemmed field) are marked too, by analysing them as
the content is.

The text is escaped and only <mark> is added, so a snippet can be shown as HTML.
"""

import html

from ..text.french import WORDS, exact_term, french_term, memo_of
from .querylang import ParsedQuery
from .querytree import Node, terms

STEMMED = ("text", "title")  # the fields of stemmed terms in the tree (querytree.terms)
PASSAGES = 2
PASSAGE_CHARS = 240
SEPARATOR = " … "
_FRENCH = memo_of(french_term)  # the memo the index's French fields share
START = 2  # letters of a word that stemming keeps
_STARTS: dict[str, str] = {}


class Highlighter:
    def __init__(self, parsed: ParsedQuery) -> None:
        self.terms = frozenset(self._terms(parsed.tree))
        self.starts = frozenset(term[:START] for term in self.terms)

    def snippet(self, stored: dict, scan: bool = True) -> str:
        """The best passages with the words marked, else the escaped summary. `scan` is
        False when the index says the content holds none of the words (the document matched
        by its title): its text is not read then."""
        text = stored.get("content", "") if self.terms and scan else ""  # nothing to look for
        found = self._found(text)
        if not found:
            return html.escape(stored.get("summary", ""))
        return SEPARATOR.join(_marked(text, window, found) for window in _passages(text, found))

    def _found(self, text: str) -> list[tuple[int, int]]:
        """Where the searched words are in `text`, in order: each distinct word is looked up
        once, then its occurrences found with str.find (a loop over every word in Python cost
        more than the rest of a search)."""
        wanted = {word for word in set(WORDS.findall(text)) if self._searched(word)}
        if any(word[:1].isdigit() for word in wanted):  # "12 500" holds "500": scan tokens
            return [match.span() for match in WORDS.finditer(text) if match.group() in wanted]
        found = []
        for word in wanted:
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                if _token_at(text, at, end):
                    found.append((at, end))
                at = text.find(word, at + 1)
        return sorted(found)

    def _searched(self, word: str) -> bool:
        memo = _FRENCH.memo
        if word in memo:
            return memo[word] in self.terms
        if (_STARTS.get(word) or _start(word)) not in self.starts:
            return False
        return _FRENCH.remember(word) in self.terms

    def _terms(self, found: Node):
        for field, text in terms(found):
            if field in STEMMED:
                yield text
            elif field == "exact":
                yield from filter(None, map(_FRENCH.remember, WORDS.findall(text)))


def _token_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole token as WORDS cuts the text: not the end of a
    word, nor the part after an inner apostrophe ("aujourd'hui"), nor the start of a longer
    one."""
    before = text[start - 1] if start else " "
    if _is_word_char(before):
        return False
    if before in "'’" and start >= 2 and _is_word_char(text[start - 2]):
        return False
    token = WORDS.match(text, start)
    return token is not None and token.end() == end


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def _start(word: str) -> str:
    """The first letters of `word` as the index holds it, remembered like terms are."""
    if word not in _STARTS:
        if len(_STARTS) >= _FRENCH.SIZE:
            _STARTS.clear()
        _STARTS[word] = exact_term(word)[:START]
    return _STARTS[word]


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
