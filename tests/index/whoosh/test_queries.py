"""veille's query tree compiled for Whoosh: the queries the evaluator computes, normalised as
Whoosh does, plain words in their best field."""

from datetime import date

import pytest
from whoosh import query

from veille.index.querylang import parse
from veille.index.whoosh.queries import FoldedTerm, whoosh_query
from veille.index.whoosh.scoring import BestField, in_title_or_content

TODAY = date(2026, 3, 31)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", query.Every()),
        ("le des à", query.NullQuery),
        ('"aide à domicile"', query.Phrase("exact", ["aide", "a", "domicile"])),
        ('"Métier"', query.Term("exact", "metier")),
        ("form*", query.Prefix("exact", "form")),
        ("aide-soi*", query.And([query.Term("exact", "aide"), query.Prefix("exact", "soi")])),
        ("-type:actualité", query.AndNot(query.Every(), query.Term("kind", "news"))),
        ('titre:"plan régional"', query.Phrase("title", ["plan", "regional"])),
        ("source:Dares", FoldedTerm("source", "Dares")),
        ("soudeur", in_title_or_content("soudeur")),
        ("soudeur Moselle", query.And([in_title_or_content("soudeur"),
                                       in_title_or_content("mosel")])),
        ("aide-soignant Moselle", query.And([in_title_or_content(term)
                                             for term in ("aid", "soign", "mosel")])),
        ("Combien d'aides-soignants en Moselle ?", query.Or([
            query.And([in_title_or_content("aid"), in_title_or_content("soign")]),
            in_title_or_content("mosel"),
        ])),
        # Nested Ands flattened, repeats merged, as the parser's queries always were.
        ("(soudeur moselle) soudeur type:ressource", query.And([
            in_title_or_content("soudeur"), in_title_or_content("mosel"),
            query.Term("kind", "resource"),
        ])),
        ("soudeur OR -metz", query.Or([in_title_or_content("soudeur"),
                                       query.Not(in_title_or_content("metz"))])),
    ],
)
def test_a_tree_compiles_to_whoosh_queries(text, expected):
    assert whoosh_query(parse(text, TODAY).tree) == expected


@pytest.mark.parametrize("text, kind", [
    ("soudeur", BestField),
    ("soudeur Moselle", query.And),
    ("formation soudeur Moselle alternance", query.Or),
    ("Combien de soudeurs en Moselle ?", query.Or),
])
def test_plain_words_compile_to_best_fields_joined_by_and_or_or(text, kind):
    assert type(whoosh_query(parse(text, TODAY).tree)) is kind
