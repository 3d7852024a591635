"""How plain words are matched and results ordered by relevance.

The query language (querylang.py) hands every run of plain words to `plain_words`; the
searcher scores with `weighting()`. Both are tuned with bench/relevance.py.
"""

from whoosh import qparser, scoring
from whoosh.fields import Schema
from whoosh.query import Query

SEARCHED_FIELDS = ("title", "content")


def weighting() -> scoring.WeightingModel:
    """BM25F; the title's weight comes from its field boost in the schema."""
    return scoring.BM25F()


def plain_words(text: str, schema: Schema) -> Query:
    """Words typed without operators: each must be found, in the title or the content."""
    parser = qparser.QueryParser(
        None,
        schema,
        plugins=[qparser.WhitespacePlugin(), qparser.MultifieldPlugin(SEARCHED_FIELDS)],
        group=qparser.AndGroup,
    )
    return parser.parse(text)
