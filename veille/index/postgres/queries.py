"""veille's query tree (querytree.py) as SQL over `search_items`: a condition, and a score.

Words, title terms, unstemmed terms and phrases are tsqueries on the item's vectors
(vectors.py): a word in `words` (its title weighing more, RANK_WEIGHTS), a title term as
weight A only, an unstemmed term, phrase or prefix in `exact`. Keys are array containment,
names compare folded values, kinds equal. Each scored part scores ts_rank times its terms'
idf as BM25 has it (`Idf`), so that a rare word weighs more than a common one, as in the
Whoosh engine; keys, names and prefixes score 1, exclusions nothing; And and Or add.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    false,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.sql.expression import ColumnClause

from .. import querytree as tree
from ..querylang import fold
from .schema import search_items as items
from .vectors import RANK_WEIGHTS, indexable, quoted

KEYS = ("rome", "domaine", "lieu", "skill")
# ts_rank's: none. Dividing by 1 + log(length) (1) made an item saying a word three times
# rank below one saying it once (tests/index/conformance: recency breaks ties only).
LENGTH_NORMALISATION = 0
Idf = Callable[[str, str], float]  # (field "w" or "e", term) → its idf


@dataclass(frozen=True)
class Compiled:
    where: ColumnElement[bool]
    score: ColumnElement[float]


def compiled(node: tree.Node, idf: Idf) -> Compiled:
    """The condition and the score of `node`."""
    if isinstance(node, tree.Every):
        return Compiled(true(), literal(0.0))
    if isinstance(node, tree.Nothing):
        return Compiled(false(), literal(0.0))
    if isinstance(node, tree.Words):
        return _words(node, idf)
    if isinstance(node, (tree.Term, tree.Phrase)):
        return _term(node, idf)
    if isinstance(node, (tree.Prefix, tree.Name)):
        if not indexable(node.start if isinstance(node, tree.Prefix) else node.text):
            return Compiled(false(), literal(0.0))  # no item holds it (vectors.py)
        return _constant(_prefix(node) if isinstance(node, tree.Prefix) else _name(node))
    if isinstance(node, (tree.And, tree.Or)):
        return _combined(node, idf)
    if isinstance(node, tree.Not):
        return Compiled(not_(compiled(node.part, idf).where), literal(0.0))
    kept, excluded = compiled(node.kept, idf), compiled(node.excluded, idf)
    return Compiled(and_(kept.where, not_(excluded.where)), kept.score)


def _words(words: tree.Words, idf: Idf) -> Compiled:
    """Every term, or any word with all its terms, each a tsquery on `words` scoring its
    word's weight."""
    parts = [[_scored("words", quoted(term), weight * idf("w", term)) for term in word]
             for word, weight in words.weighted()]
    if words.every:
        return _joined([part for word in parts for part in word], and_)
    return _joined([_joined(word, and_) for word in parts], or_)


def _term(node: tree.Term | tree.Phrase, idf: Idf) -> Compiled:
    terms = (node.text,) if isinstance(node, tree.Term) else node.terms
    if not all(map(indexable, terms)):
        return Compiled(false(), literal(0.0))  # no item holds it (vectors.py)
    if isinstance(node, tree.Term) and node.field == "kind":
        return _constant(items.c.kind.in_([node.text]))
    if isinstance(node, tree.Term) and node.field in KEYS:
        return _constant(items.c[node.field].contains([node.text]))
    if node.field == "title":
        return _scored("words", " <-> ".join(f"{quoted(term)}:A" for term in terms),
                       sum(idf("w", term) for term in terms))
    return _scored("exact", " <-> ".join(quoted(term) for term in terms),
                   sum(idf("e", term) for term in terms))


def _prefix(node: tree.Prefix) -> ColumnElement[bool]:
    if node.field == "exact":
        return items.c.exact.bool_op("@@")(_tsquery(f"{quoted(node.start)}:*"))
    values = func.unnest(items.c[node.field]).table_valued("value").render_derived()
    return select(values.c.value).where(
        values.c.value.startswith(node.start, autoescape=True)).exists()


def _name(node: tree.Name) -> ColumnElement[bool]:
    if node.field == "source":
        return items.c.source_folded == fold(node.text)
    return items.c.tags_folded.contains([fold(node.text)])


def _combined(node: tree.And | tree.Or, idf: Idf) -> Compiled:
    return _joined([compiled(part, idf) for part in node.parts],
                   and_ if isinstance(node, tree.And) else or_)


def _joined(parts: list[Compiled], join) -> Compiled:
    if len(parts) == 1:
        return parts[0]
    where = join(*(part.where for part in parts))
    if join is and_:
        return Compiled(where, sum((part.score for part in parts[1:]), parts[0].score))
    scores = [case((part.where, part.score), else_=0.0) for part in parts]
    return Compiled(where, sum(scores[1:], scores[0]))


def _scored(vector: str, query: str, weight: float) -> Compiled:
    if not indexable(query):
        return Compiled(false(), literal(0.0))  # a term no item holds (vectors.py)
    found = _tsquery(query)
    column = items.c[vector]
    rank = func.ts_rank(_WEIGHTS, column, found, LENGTH_NORMALISATION)
    return Compiled(column.bool_op("@@")(found), rank * weight)


def _constant(where: ColumnElement[bool]) -> Compiled:
    return Compiled(where, case((where, 1.0), else_=0.0))


def _tsquery(query: str) -> ColumnElement:
    return literal(query).cast(TSQUERY)


_WEIGHTS: ColumnClause[Any] = literal_column(f"'{RANK_WEIGHTS}'::float4[]")
