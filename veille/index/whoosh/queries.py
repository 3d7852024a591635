"""veille's query tree (querytree.py) as Whoosh query objects: what the evaluator
(evaluate.py) computes with numpy, and Whoosh's own searcher could run.

Built once per search, then normalised as Whoosh does (nested Ands and Ors flattened,
repeats merged), so that the scores are those of the queries the parser used to build.
"""

from collections.abc import Iterator

from whoosh import query
from whoosh.reading import IndexReader

from .. import querytree as tree
from ..querylang import fold
from .scoring import in_title_or_content


def whoosh_query(node: tree.Node) -> query.Query:
    """The Whoosh query of a tree, normalised."""
    return _compiled(node).normalize()


def _compiled(node: tree.Node) -> query.Query:
    if isinstance(node, tree.Every):
        return query.Every()
    if isinstance(node, tree.Nothing):
        return query.NullQuery
    if isinstance(node, tree.Words):
        return _words(node)
    if isinstance(node, tree.Term):
        return query.Term(node.field, node.text)
    if isinstance(node, tree.Phrase):
        return query.Phrase(node.field, list(node.terms))
    if isinstance(node, tree.Prefix):
        return query.Prefix(node.field, node.start)
    if isinstance(node, tree.Name):
        return FoldedTerm(node.field, node.text)
    if isinstance(node, tree.And):
        return query.And([_compiled(part) for part in node.parts])
    if isinstance(node, tree.Or):
        return query.Or([_compiled(part) for part in node.parts])
    if isinstance(node, tree.Not):
        return query.Not(_compiled(node.part))
    return query.AndNot(_compiled(node.kept), _compiled(node.excluded))


def _words(words: tree.Words) -> query.Query:
    """Every term, each in its best field; or any word, each with all its terms, scoring
    its word's weight."""
    if words.every:
        return _all_of(tuple(term for word in words.terms for term in word))
    return query.Or([_all_of(word, weight) for word, weight in words.weighted()])


def _all_of(terms: tuple[str, ...], weight: float = 1.0) -> query.Query:
    if len(terms) == 1:
        return in_title_or_content(terms[0], weight)
    return query.And([in_title_or_content(term, weight) for term in dict.fromkeys(terms)])


class FoldedTerm(query.PatternQuery):
    """The values of an ID or KEYWORD field that equal the text once folded.

    Those fields hold names as written ("L'Est Républicain"), and the parser has no index to
    look them up in: the searcher's reader gives them, one scan of a small lexicon.
    """

    def _btexts(self, ixreader: IndexReader) -> Iterator[bytes]:
        wanted = fold(self.text)
        from_bytes = ixreader.schema[self.fieldname].from_bytes
        for btext in ixreader.lexicon(self.fieldname):
            if fold(from_bytes(btext)) == wanted:
                yield btext
