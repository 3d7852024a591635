"""Whoosh's own scoring of veille's queries: a word scores in its best field, as the numpy
evaluator does (its DisjunctionMax, fixed)."""

import pytest
from whoosh import query
from whoosh.filedb.filestore import RamStorage

from veille.index.whoosh import scoring
from veille.index.whoosh.schema import build_schema

SCHEMA = build_schema()


def test_a_word_in_title_and_content_scores_as_its_best_field_not_their_sum():
    ix = RamStorage().create_index(SCHEMA)
    with ix.writer() as writer:
        writer.add_document(id="content", title="Offre", content="soudeur recherché")
        writer.add_document(id="both", title="Soudeur", content="soudeur recherché")
        writer.add_document(id="title", title="Soudeur", content="recherché")
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        def score(q: query.Query) -> dict[str, float]:
            return {hit["id"]: hit.score for hit in searcher.search(q, limit=None)}

        title = score(query.Term("title", "soudeur"))
        content = score(query.Term("content", "soudeur"))
        best = score(scoring.in_title_or_content("soudeur"))
        # A limit lets Whoosh skip what cannot enter the page: the same best, found faster.
        (top,) = searcher.search(scoring.in_title_or_content("soudeur"), limit=1)
    assert best == pytest.approx({
        "content": content["content"],
        "both": max(title["both"], content["both"]),
        "title": title["title"],
    })
    assert top.score == max(best.values())
