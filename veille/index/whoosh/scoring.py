"""How Whoosh scores: BM25 with Lucene's idf, and a word in its best field.

ranking.py says why (the PIAF figures of bench/relevance.py): BM25 (B 0.75, K1 1.2), the
title's words weighing more by its shortness (no field boost), a word scoring in the title or the
content, whichever scores best. The evaluator (evaluate.py) computes the same with numpy;
Whoosh's own searcher, which `similar` and the benches use, through these classes.
"""

from math import log

from whoosh import query, scoring
from whoosh.matching import DisjunctionMaxMatcher, Matcher

SEARCHED_FIELDS = ("title", "content")


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
    from its length (the schema gives it no field boost)."""
    return BM25()


def in_title_or_content(token: str, weight: float = 1.0) -> query.Query:
    """A term of the title or the content, scored in the field where it scores best, times
    `weight`."""
    return BestField([query.Term(field, token, boost=weight) for field in SEARCHED_FIELDS])


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
