"""How plain words are matched and results ordered by relevance.

The query language (querylang.py) hands every run of plain words to `plain_words`; the
searcher scores with `weighting()`. Both are tuned with bench/relevance.py, which asks the
1,448 questions of PIAF (French Wikipedia) and prints the figures behind these choices:

- a few keywords ("soudeur Moselle", "aide-soignant apprentissage") must all be found: an
  advisor typing them wants items about all of them, and AND keeps the list short;
- a question ("Combien d'employeurs ?") or a longer text is matched by any of its words and
  ranked by how many it holds and how rare they are: a passage answering a question rarely
  holds every word of it (on PIAF, MRR@10 0.21 with AND against 0.85; choosing by word count
  alone, AND up to 2 words, gives 0.81). Whoosh's coordination bonus (OrGroup.factory(0.9))
  changed nothing there, and is left out;
- a word scores in the title or in the content, whichever scores best (a "max", not a sum,
  0.85 against 0.84: a word found in both is not counted twice), the title weighing more by
  its field boost;
- BM25 with Lucene's idf, so that a word found in most items weighs almost nothing.
"""

import re
from math import log

from whoosh import query, scoring
from whoosh.fields import Schema
from whoosh.matching import DisjunctionMaxMatcher, Matcher

from ..text.french import QUESTION_WORDS

SEARCHED_FIELDS = ("title", "content")
# Up to this many significant words, a text that is not a question needs every word.
MAX_KEYWORDS = 3
# Words that make a question of a text only when they open it: inside one they are relative
# pronouns ("formations qui recrutent").
_QUESTION_OPENERS = frozenset({"qui", "que", "qu'est-ce", "est-ce"})
_RAW_WORD = re.compile(r"[\w'’-]+")


class BM25(scoring.BM25F):
    """Whoosh's BM25F with Lucene's idf, log(1 + (N - n + 0.5) / (n + 0.5)): a word found in
    nearly every item weighs nearly nothing (Whoosh's log(N / (n + 1)) + 1 never drops below
    1), yet no word ever weighs less than nothing, however small the index."""

    def idf(self, searcher, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        found_in = parent.doc_frequency(fieldname, text)
        return log(1 + (parent.doc_count_all() - found_in + 0.5) / (found_in + 0.5))


def weighting() -> scoring.WeightingModel:
    """BM25 (B 0.75, K1 1.2: other values changed nothing on PIAF); the title's weight comes
    from its field boost in the schema."""
    return BM25()


def plain_words(text: str, schema: Schema) -> query.Query:
    """Words typed without operators: up to MAX_KEYWORDS words, each must be found, in the
    title or the content; a question or a longer text finds items holding any of its words,
    best first. NullQuery when no word is left once stop words are gone."""
    words = significant_words(text, schema)
    if not words:
        return query.NullQuery
    if is_question(text) or len(words) > MAX_KEYWORDS:
        return query.Or([_all_of(word) for word in words])
    return _all_of([token for word in words for token in word])


def significant_words(text: str, schema: Schema) -> list[tuple[str, ...]]:
    """The words of `text` as the index holds them, without stop words or repeats: a word
    written with hyphens or other marks but no space ("aide-soignant", "bac+2") is one word
    of several tokens. Title and content share the French analyzer (schema.py)."""
    analyzer = schema[SEARCHED_FIELDS[-1]].analyzer
    words: list[list[str]] = []
    end = None
    for token in analyzer(text, mode="query", chars=True):
        gap = text[end : token.startchar] if end is not None else " "
        if words and not any(char.isspace() for char in gap):
            words[-1].append(token.text)
        else:
            words.append([token.text])
        end = token.endchar
    return list(dict.fromkeys(tuple(dict.fromkeys(word)) for word in words))


def is_question(text: str) -> bool:
    """Whether `text` reads as a question: a question mark, a question word anywhere ("En
    quelle année…"), or "qui", "que", "qu'est-ce", "est-ce" first."""
    if "?" in text:
        return True
    raw = [word.lower().replace("’", "'") for word in _RAW_WORD.findall(text)]
    if raw and raw[0] in _QUESTION_OPENERS:
        return True
    return any(word.split("'")[-1] in QUESTION_WORDS for word in raw)


def _all_of(tokens: tuple[str, ...] | list[str]) -> query.Query:
    if len(tokens) == 1:
        return in_title_or_content(tokens[0])
    return query.And([in_title_or_content(token) for token in dict.fromkeys(tokens)])


def in_title_or_content(token: str) -> query.Query:
    return BestField([query.Term(field, token) for field in SEARCHED_FIELDS])


class BestField(query.DisjunctionMax):
    """A word's score in the field where it scores best (Whoosh's DisjunctionMax, whose
    matcher scores a document with another document's title: see _BestFieldMatcher)."""

    def _matcher(self, subs, searcher, context) -> Matcher:
        return self._tree_matcher(subs, _BestFieldMatcher, searcher, context, None)


class _BestFieldMatcher(DisjunctionMaxMatcher):
    """DisjunctionMaxMatcher, fixed: Whoosh 2.7's takes the best score of its two sides even
    when one side stands on a later document, and drops both sides when pruning empties one.
    """

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active() or (b.is_active() and b.id() < a.id()):
            return b.score()
        if not b.is_active() or a.id() < b.id():
            return a.score()
        return max(a.score(), b.score())

    def replace(self, minquality=0) -> Matcher:
        if not self.a.is_active():
            return self.b.replace(minquality)
        if not self.b.is_active():
            return self.a.replace(minquality)
        a, b = self.a.replace(minquality), self.b.replace(minquality)
        if not a.is_active():
            return b
        if not b.is_active():
            return a
        if a is self.a and b is self.b:
            return self
        return _BestFieldMatcher(a, b)
