"""Evaluating a query over every document at once: a match mask and a score per document.

The queries are veille's query trees compiled into Whoosh query objects (queries.py); here
they are computed with numpy over the postings arrays (postings.py) instead of Whoosh's
per-document matchers: terms score with BM25 exactly as scoring.BM25 does, And and Or add
scores, a best-field group keeps the best, exclusions remove. Phrases are matched on the
positions arrays of their words and scored by the words. Any query type not known here is
matched by Whoosh with a constant score, so nothing a compiled tree holds goes unanswered.
"""

from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from .postings import Postings
from .scoring import BM25, BestField

SCORED_FIELDS = ("title", "content", "exact")
_BM25 = BM25()


@dataclass
class Matches:
    mask: np.ndarray  # bool, one per document
    score: np.ndarray  # float32, 0 where not matched


class Evaluator:
    def __init__(self, searcher: Searcher, postings: Postings) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.postings = postings
        self.count = postings.count

    def run(self, found: query.Query) -> Matches:
        if isinstance(found, query.Every):
            return Matches(np.ones(self.count, dtype=bool), self._zeros())
        if found is query.NullQuery or isinstance(found, query.NullQuery.__class__):
            return Matches(np.zeros(self.count, dtype=bool), self._zeros())
        if isinstance(found, query.Term):
            return self._term(found.fieldname, found.text, found.boost)
        if isinstance(found, query.AndNot):
            return self._and_not(self.run(found.a), self.run(found.b))
        if isinstance(found, query.Not):
            inner = self.run(found.query)
            return Matches(~inner.mask, self._zeros())
        if isinstance(found, (query.DisjunctionMax, BestField)):
            return self._combine(found.subqueries, np.logical_or, np.maximum)
        if isinstance(found, query.And):
            return self._combine(found.subqueries, np.logical_and, np.add)
        if isinstance(found, query.Or):
            return self._combine(found.subqueries, np.logical_or, np.add)
        if isinstance(found, query.Phrase):
            return self._phrase(found)
        if isinstance(found, query.PatternQuery):  # prefixes, folded names: every term it names
            mask = self.postings.pattern(self.reader, found.fieldname, found)
            return self._constant(mask, found.boost)
        return self._constant(self._whoosh_mask(found), found.boost)

    def _term(self, field: str, text, boost: float) -> Matches:
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        ids, weights = self.postings.term(field, text)
        mask = np.zeros(self.count, dtype=bool)
        mask[ids] = True
        score = self._zeros()
        if field in SCORED_FIELDS and len(ids):
            idf = self.postings.idf(field, text)
            lengths = self.postings.lengths(field)[ids]
            average = self.postings.average_length(field)
            norm = _BM25.K1 * ((1 - _BM25.B) + _BM25.B * lengths / average)
            score[ids] = boost * idf * weights * (_BM25.K1 + 1) / (weights + norm)
        return Matches(mask, score)

    def _combine(self, subqueries, join, add) -> Matches:
        parts = [self.run(sub) for sub in subqueries]
        if not parts:
            return Matches(np.zeros(self.count, dtype=bool), self._zeros())
        mask, score = parts[0].mask.copy(), parts[0].score.copy()
        for part in parts[1:]:
            mask = join(mask, part.mask)
            score = add(score, part.score)
        score[~mask] = 0
        return Matches(mask, score)

    def _and_not(self, positive: Matches, negative: Matches) -> Matches:
        mask = positive.mask & ~negative.mask
        return Matches(mask, np.where(mask, positive.score, 0).astype(np.float32))

    def _phrase(self, phrase: query.Phrase) -> Matches:
        """Documents holding every word (scored by them) where the words follow each other:
        the word at offset i of the phrase, at position p, starts a phrase at p - i."""
        words = query.And([query.Term(phrase.fieldname, word) for word in phrase.words])
        scored = self.run(words)
        starts = None
        for offset, word in enumerate(phrase.words):
            docs, where = self.postings.positions(phrase.fieldname, word, scored.mask)
            keys = (docs.astype(np.int64) << 32) + (where - offset)
            starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
        mask = np.zeros(self.count, dtype=bool)
        if starts is not None:
            mask[starts >> 32] = True
        return Matches(mask, np.where(mask, scored.score * phrase.boost, 0).astype(np.float32))

    def _whoosh_mask(self, found: query.Query) -> np.ndarray:
        mask = np.zeros(self.count, dtype=bool)
        mask[np.fromiter(self.searcher.docs_for_query(found), dtype=np.int64)] = True
        return mask

    def _constant(self, mask: np.ndarray, boost: float) -> Matches:
        return Matches(mask, np.where(mask, np.float32(boost), np.float32(0)))

    def _zeros(self) -> np.ndarray:
        return np.zeros(self.count, dtype=np.float32)
