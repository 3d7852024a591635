"""Finding thousands of phrases at once in an item's text: the taggers' shared matcher.

Text and phrases are compared as sequences of normalised words: as typed, lowercase, accents
and ligatures folded as the index folds them ("Œuvre" → "oeuvre", "ＭＥＴＺ" → "metz":
text.french.fold), cut at anything that is not a letter or a digit, so that apostrophes
and hyphens of every kind separate words ("d'élevage" and "dʼélevage" → "d", "elevage";
"Aide-soignant", "Aide‑soignant" and "aide soignant" are the same two words) while a soft
hyphen does not, and a phrase only matches whole words ("Metz" is not in "Metzervisse").
Each word keeps
where it was and how it was written (a capital, a sentence start), which the taggers'
context rules read.

At each word of the text one dict lookup, almost always a miss, decides whether a phrase
can start there (`Matcher`), so the cost is the text's length whatever the number of
phrases (60,000 forms of job titles, 40,000 place names). Matches are the leftmost-longest
ones, without overlaps: "Bar-le-Duc" hides "Bar".
"""

import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from ..text.french import fold as fold_accents
from ..text.typography import APOSTROPHES, COMBINING, DASHES, INVISIBLE, QUOTES

T = TypeVar("T", bound=Hashable)

# Letters and digits (an apostrophe that Unicode calls a letter, ʼ, is an apostrophe), with
# the invisible characters and the accents typed after their letter that sit inside a word.
_LETTER = rf"[^\W_{APOSTROPHES}]"
_WORD = re.compile(rf"{_LETTER}(?:{_LETTER}|[{COMBINING}{INVISIBLE}])*")
# What ends a sentence or opens a new one, between two words: after it, a capital is no
# sign of a proper noun. A dash does only with a space beside it ("Metz – Nancy"): between
# two words it joins them as a hyphen does ("Bar–le–Duc").
_BREAK = re.compile(rf"[.!?:;…{QUOTES}()\[\]\n•|]|\s[{DASHES}]|[{DASHES}]\s")
# Abbreviations followed by a full stop that do not end a sentence ("M. Berger").
_ABBREVIATIONS = frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste"})


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """The word folded (as typed, accents and ligatures off), then lowercased (a styled
    letter, "𝐏", has its case once plain); cached, since words repeat."""
    return fold_accents(word).lower()


def words(text: str) -> tuple[str, ...]:
    """The normalised words of a label or a query, as the matcher compares them."""
    return tuple(fold(word) for word in _WORD.findall(text))


@dataclass(frozen=True)
class Text:
    """An item's text cut into normalised words, with what the context rules need of each:
    whether it was written with a capital, all in capitals, at a sentence start."""

    source: str
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    capital: tuple[bool, ...]
    upper: tuple[bool, ...]
    opening: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.words)

    def original(self, start: int, end: int) -> str:
        """The text as written from word `start` to the end of word `end - 1`."""
        return self.source[self.starts[start]:self.ends[end - 1]]

    def joined(self, index: int) -> bool:
        """Whether word `index` follows the word before it with only spaces between."""
        return 0 < index < len(self.words) and not self.source[
            self.ends[index - 1]:self.starts[index]].strip()

    def within_sentence(self, start: int, end: int) -> bool:
        """Whether words `start` to `end` (excluded) lie in one sentence: a phrase never
        runs across a full stop, a colon or brackets ("un CAP. Cuisine…")."""
        return not any(self.opening[start + 1:end])

    def word(self, index: int) -> str:
        """The normalised word at `index`, "" outside the text."""
        return self.words[index] if 0 <= index < len(self.words) else ""


def read(text: str) -> Text:
    """Cut `text` into words once; every tagger reads the same `Text`."""
    found = list(_WORD.finditer(text))
    starts = tuple(match.start() for match in found)
    raw = [match.group() for match in found]
    opening, previous_end, previous = [], 0, ""
    for match, word in zip(found, raw, strict=True):
        between = text[previous_end:match.start()]
        opening.append(not previous_end or (_BREAK.search(between) is not None
                                            and not _abbreviation(previous, between)))
        previous_end, previous = match.end(), word
    return Text(text, tuple(fold(word) for word in raw), starts,
                tuple(match.end() for match in found),
                tuple(word[0].isupper() for word in raw),
                tuple(len(word) > 1 and word.isupper() for word in raw), tuple(opening))


def _abbreviation(previous: str, between: str) -> bool:
    """"M. Berger": the full stop after a title does not open a sentence."""
    return between.strip() == "." and fold(previous) in _ABBREVIATIONS


@dataclass(frozen=True)
class Match(Generic[T]):
    """Words `start` to `end` (excluded) of a text are a phrase, which stands for `values`."""

    start: int
    end: int
    values: frozenset[T]


class Matcher(Generic[T]):
    """A set of phrases (tuples of normalised words), each standing for one or more values,
    found in texts in one pass.

    Two flat dicts: the phrases (to the numbers of their values), and for each first word
    the lengths of the phrases it starts. At each word of a text one lookup, almost always a
    miss, says whether a phrase may start there, so the cost is the text's length whatever
    the number of phrases. Flat dicts of tuples of strings and numbers, rather than a trie
    of nested dicts: the garbage collector stops tracking such tuples, whereas a trie of
    150,000 dicts made each of its full passes walk them all, slowing down everything else
    in the process (an import ran twice as slowly beside one).
    """

    def __init__(self) -> None:
        self._values: dict[tuple[str, ...], tuple[int, ...]] = {}  # → numbers in _items
        self._lengths: dict[str, tuple[int, ...]] = {}
        self._items: list[T] = []
        self._numbers: dict[T, int] = {}

    @property
    def phrases(self) -> int:
        return len(self._values)

    def add(self, phrase: tuple[str, ...], value: T) -> None:
        """Let `phrase` stand for `value` (as well as for what it stood for already)."""
        if not phrase:
            return
        number = self._numbers.setdefault(value, len(self._items))
        if number == len(self._items):
            self._items.append(value)
        known = self._values.get(phrase, ())
        if number not in known:
            self._values[phrase] = (*known, number)
        lengths = self._lengths.get(phrase[0], ())
        if len(phrase) not in lengths:
            self._lengths[phrase[0]] = tuple(sorted((*lengths, len(phrase)), reverse=True))

    def values(self, phrase: tuple[str, ...]) -> frozenset[T]:
        """What `phrase` stands for, if it is one of the phrases."""
        return frozenset(self._items[number] for number in self._values.get(phrase, ()))

    def remove(self, phrase: tuple[str, ...]) -> None:
        """Forget `phrase` (its longer phrases stay)."""
        self._values.pop(phrase, None)

    def find(self, words: tuple[str, ...] | list[str],
             accept: Callable[[Match[T]], bool] | None = None) -> Iterator[Match[T]]:
        """The leftmost-longest phrases in `words` that `accept` takes, none overlapping
        another: when it refuses the longest phrase at a word, the shorter ones there are
        offered, then the phrases at the next word ("la Marne" refused as a commune leaves
        "Marne", the département)."""
        words = tuple(words)
        count, i = len(words), 0
        while i < count:
            for match in self._at(words, i):
                if accept is None or accept(match):
                    yield match
                    i = match.end
                    break
            else:
                i += 1

    def longest(self, words: tuple[str, ...] | list[str], start: int) -> Match[T] | None:
        """The longest phrase starting at word `start`, if any."""
        return next(iter(self._at(tuple(words), start)), None)

    def _at(self, words: tuple[str, ...], start: int) -> list[Match[T]]:
        """The phrases starting at word `start`, longest first."""
        lengths = self._lengths.get(words[start]) if 0 <= start < len(words) else None
        if not lengths:
            return []
        found = []
        for length in lengths:
            end = start + length
            numbers = self._values.get(words[start:end]) if end <= len(words) else None
            if numbers:
                found.append(Match(start, end, frozenset(self._items[n] for n in numbers)))
        return found
