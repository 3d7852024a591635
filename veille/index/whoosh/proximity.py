"""A question's second look at its best candidates: its words close together, and as typed.

A passage answering "En quelle année la tour Eiffel fut-elle construite ?" holds "tour
Eiffel" and "construite" a few words apart; one that only mentions them in passing, far
from each other, is less likely the answer. Among the best CANDIDATES documents by score,
every two neighbouring occurrences of different words of the question (the `near` terms of
veille's Words, in the `exact` field, which keeps positions) within WINDOW positions add the
rarer one's idf divided by the squared distance; the sum, saturated as acc / (1 + acc),
times WEIGHT, is added to the score. Only questions and longer texts (Words not `every`):
a few keywords, all required, are ranked by BM25 alone, at no cost in speed.

On all 1,518 paragraphs of PIAF (bench/relevance.py, /api/search), MRR@10 0.783 → 0.802,
recall@10 the same (it reorders what BM25 found). Scored on every question as any of its
words: WEIGHT 1 gave +0.009, 2 +0.017, 4 +0.019, 6 (saturation 1 / (2 + acc)) +0.019, and
WINDOW 8 or 200 candidates the same as 5 and 100.

The words found as typed: BM25 matches stems ("construite" finds "construction", "Chine"
finds "chinois"), which finds the passage but ranks every form alike; a passage holding the
question's words in the very forms asked is more likely its answer. Each candidate gains its
share of the question's `near` terms' idf that it holds unstemmed, times TYPED_WEIGHT, times
the best candidate's score (so the bonus keeps its weight whatever BM25's scale). On all of
PIAF through the engine: MRR@10 0.809 → 0.819, recall@10 0.899 → 0.912 (a weight of 0.4
gave 0.817 / 0.910, 1.0 0.817 / 0.910, 2.0 0.815 / 0.914; each half of the articles moved
alike, 0.811 / 0.905 → 0.823 / 0.914 and 0.806 / 0.893 → 0.813 / 0.908). Stems found in the
title, a coverage of the stems themselves and neighbouring stems in order (bigrams) were
measured the same way and moved recall@10 by under 0.002: left out.
"""

import numpy as np

from .. import querytree as tree
from .postings import Postings

CANDIDATES = 100  # the best documents by score reordered
WINDOW = 5  # positions apart, at most, for two words to count as close
WEIGHT = 4.0  # the most proximity adds to a BM25 score (a rare word scores ~5 to 10)
TYPED_WEIGHT = 0.6  # the most the words as typed add, a share of the best candidate's score


def near_terms(node: tree.Node) -> tuple[str, ...]:
    """The `near` terms of the questions' Words of the tree (not those excluded)."""
    if isinstance(node, tree.Words):
        return node.near if not node.every else ()
    if isinstance(node, (tree.And, tree.Or)):
        return tuple(dict.fromkeys(t for part in node.parts for t in near_terms(part)))
    if isinstance(node, tree.AndNot):
        return near_terms(node.kept)
    return ()


def boosted(arrays: Postings, node: tree.Node, kept: np.ndarray, score: np.ndarray
            ) -> np.ndarray:
    """`score` with the proximity and typed words' bonuses added to the best CANDIDATES of
    `kept`."""
    terms = near_terms(node)
    if len(terms) < 2:
        return score
    docs = np.flatnonzero(kept & (score > 0))
    if len(docs) > CANDIDATES:
        docs = docs[np.argpartition(-score[docs], CANDIDATES)[:CANDIDATES]]
    if not len(docs):
        return score
    among = np.zeros(len(kept), dtype=bool)
    among[docs] = True
    found = [(arrays.positions("exact", term, among), arrays.idf("exact", term), number)
             for number, term in enumerate(terms)]
    result = score.copy()
    for docnum, acc in _closeness(found).items():
        result[docnum] += WEIGHT * acc / (1 + acc)
    result[docs] += TYPED_WEIGHT * result[docs].max() * _typed(found, len(kept))[docs]
    return result


def _typed(found: list, count: int) -> np.ndarray:
    """Per document: the share of the terms' idf it holds, each term found in `found` (the
    candidates' occurrences of each term)."""
    held = np.zeros(count)
    for (docs, _), idf, _ in found:
        held[np.unique(docs)] += idf
    total = sum(idf for _, idf, _ in found)
    return held / total if total else held


def _closeness(found: list) -> dict[int, float]:
    """Per document: the sum over neighbouring occurrences of two different terms (`found`:
    each term's occurrences, idf and number), at most WINDOW apart, of the rarer term's idf
    over their distance squared."""
    docs = np.concatenate([where[0] for where, _, _ in found]).astype(np.int64)
    if not len(docs):
        return {}
    at = np.concatenate([where[1] for where, _, _ in found]).astype(np.int64)
    which = np.concatenate([np.full(len(where[0]), n) for where, _, n in found])
    idf = np.concatenate([np.full(len(where[0]), i) for where, i, _ in found])
    order = np.lexsort((at, docs))
    docs, at, which, idf = docs[order], at[order], which[order], idf[order]
    gap = at[1:] - at[:-1]
    close = (docs[1:] == docs[:-1]) & (which[1:] != which[:-1]) & (gap <= WINDOW)
    gain = np.minimum(idf[1:], idf[:-1])[close] / gap[close].astype(np.float64) ** 2
    totals: dict[int, float] = {}
    for docnum, value in zip(docs[1:][close].tolist(), gain.tolist(), strict=True):
        totals[docnum] = totals.get(docnum, 0.0) + value
    return totals
