"""The search box's text cut into the tokens of the query language, leniently.

Any text gives a list of tokens, never an error: a quote without its pair counts as a space,
a parenthesis without its pair is dropped, a dash before a space is punctuation ("Soudeur -
Moselle" pasted from a title excludes nothing), and a word whose prefix is not a field name
(`http:`, `10:30`, `salaire:net`) stays a word.
"""

import re
from dataclasses import dataclass
from typing import Literal

from ..text import typography

Kind = Literal["word", "phrase", "prefix", "field", "or", "and", "not", "open", "close"]

QUOTE_CHARS = typography.QUOTES  # guillemets and curly quotes too, as pasted or typed
QUOTES = frozenset(QUOTE_CHARS)
# Field prefixes as users type them (any case), French and English, and the field meant.
FIELDS = {
    "titre": "title", "title": "title",
    "source": "source",
    "tag": "tag",
    "type": "type",
    "depuis": "since", "since": "since",
    "avant": "before", "before": "before",
    "rome": "rome", "metier": "rome", "métier": "rome", "job": "rome",
    "domaine": "domaine",
    "lieu": "lieu", "place": "lieu",
    "competence": "skill", "compétence": "skill", "skill": "skill",
}
# Uppercase only: "ou" and "et" typed in lowercase are words (stop words, as it happens).
OPERATORS: dict[str, Kind] = {"OR": "or", "OU": "or", "AND": "and", "ET": "and"}
# No one nests deeper; dropping the parentheses past it bounds the parser's recursion.
MAX_DEPTH = 8
# Past this many a text is pasted, not typed, and Whoosh's query building grows faster than
# linearly (2,000 words take seconds): the rest is not read.
MAX_TOKENS = 64

_QUOTE = re.compile(f"[{QUOTE_CHARS}]")
_WORD_END = re.compile(rf"[\s(){QUOTE_CHARS}]")


@dataclass(frozen=True)
class Token:
    kind: Kind
    # The word, the phrase, the start of a prefix search, or a field's value.
    text: str = ""
    # For a "field" token, the field meant, as FIELDS names it ("title", "since"…).
    field: str = ""
    # A field's value that was typed between quotes: `titre:"plan régional"`.
    quoted: bool = False
    # A field as typed, name and value (`depuis:abc`), to tell the user what was not read.
    said: str = ""


def tokenize(text: str) -> list[Token]:
    """The first MAX_TOKENS tokens of `text` as typed (typography.plain: a dash of any kind
    is "-", an apostrophe "'"), parentheses balanced. Quotes of every kind delimit phrases:
    « aide à domicile », “aide à domicile”, „aide à domicile“."""
    text = typography.plain(text)
    tokens: list[Token] = []
    at = 0
    while at < len(text) and len(tokens) < MAX_TOKENS:
        token, at = _token_at(text, at)
        if token:
            tokens.append(token)
    return _balanced(tokens)


def _token_at(text: str, at: int) -> tuple[Token | None, int]:
    """The token starting at `at` (None for what is skipped) and where the next one may start."""
    char = text[at]
    if char.isspace():
        return None, at + 1
    if char in QUOTES:
        close = _closing_quote(text, at + 1)
        return (Token("phrase", text[at + 1 : close]), close + 1) if close >= 0 else (None, at + 1)
    if char in "()":
        return Token("open" if char == "(" else "close"), at + 1
    if char == "-":
        return _dash(text, at)
    end = _word_end(text, at)
    return _word(text, text[at:end], end)


def _closing_quote(text: str, start: int) -> int:
    found = _QUOTE.search(text, start)
    return found.start() if found else -1


def _word_end(text: str, start: int) -> int:
    found = _WORD_END.search(text, start)
    return found.start() if found else len(text)


def _dash(text: str, at: int) -> tuple[Token | None, int]:
    """An exclusion when the dashes lead into something to exclude (`-mot`, `--mot`, `-"…"`,
    `-(…)`); punctuation otherwise."""
    end = at
    while end < len(text) and text[end] == "-":
        end += 1
    following = text[end : end + 1]
    if not following or following.isspace() or following == ")":
        return None, end
    if following in QUOTES and _closing_quote(text, end + 1) < 0:
        return None, end
    return Token("not"), end


def _word(text: str, word: str, end: int) -> tuple[Token | None, int]:
    if word in OPERATORS:
        return Token(OPERATORS[word]), end
    name, colon, value = word.partition(":")
    if colon and name.lower() in FIELDS:
        return _field(text, name, value, end)
    if word.endswith("*"):
        start = word.rstrip("*")
        return (Token("prefix", start) if start else None), end
    return Token("word", word), end


def _field(text: str, name: str, value: str, end: int) -> tuple[Token | None, int]:
    """A field (`name` as typed) with its value: the rest of the word, else a quoted text
    right after the colon; a field prefix with nothing after it is dropped."""
    field = FIELDS[name.lower()]
    if value:
        return Token("field", value, field, said=f"{name}:{value}"), end
    if text[end : end + 1] in QUOTES and (close := _closing_quote(text, end + 1)) >= 0:
        return (Token("field", text[end + 1 : close], field, quoted=True,
                      said=f"{name}:{text[end:close + 1]}"), close + 1)
    return None, end


def _balanced(tokens: list[Token]) -> list[Token]:
    """`tokens` without unpaired parentheses, nor those nested deeper than MAX_DEPTH."""
    dropped: set[int] = set()
    opened: list[int] = []
    for number, token in enumerate(tokens):
        if token.kind == "open":
            opened.append(number)
        elif token.kind == "close" and not opened:
            dropped.add(number)
        elif token.kind == "close":
            start = opened.pop()
            if len(opened) >= MAX_DEPTH:
                dropped.update((start, number))
    dropped.update(opened)
    return [token for number, token in enumerate(tokens) if number not in dropped]
