"""The French analysis as Whoosh fields: what the index and its queries read of a text is
what veille.text.french reads (tests/text/test_french.py says what that is)."""

import pickle

import pytest
from whoosh.fields import TEXT

from tests.conftest import DATA
from veille.index.whoosh.analysis import TermText
from veille.text.french import exact_term, french_term, memo_of

TEXTS = [
    "",
    "le la les",
    "Le soudeur et la soudeuse : soudeur, soudeurs.",
    "Les aides-soignants et l'aide soignant touchent 100 000 € (100000 €) en 2026.",
    "qu'il",
    "L'œuvre d'un Œnologue à Épinal",
    (DATA / "articles" / "blog.expected.txt").read_text(encoding="utf-8"),
]
TEXT_IDS = ["empty", "stop words", "forms", "compounds and numbers", "elision", "ligatures",
            "article"]


@pytest.mark.parametrize("term", [french_term, exact_term])
@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_a_fields_analyzer_reads_the_terms_of_the_french_analysis(term, text):
    """Queries go through the analyzer; stories and snippets through the memo's sequence."""
    analyzer = TermText(term).analyzer
    assert [token.text for token in analyzer(text)] == memo_of(term).sequence(text)


@pytest.mark.parametrize("term", [french_term, exact_term])
@pytest.mark.parametrize("phrase", [True, False], ids=["positions", "frequencies"])
@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_a_field_indexes_a_text_as_its_analyzer_reads_it(term, phrase, text):
    """TermText.index skips Whoosh's tokens for speed: its postings (term, frequency, weight,
    positions) are exactly those of the analyzer that queries go through."""
    field = TermText(term, phrase=phrase, field_boost=2.0)
    assert sorted(field.index(text)) == sorted(TEXT.index(field, text))


def test_a_field_is_pickled_into_the_index_without_its_terms_and_shares_them_back():
    """The schema is pickled into the index's table of contents: its fields' memos are not
    written there, and a field read back uses the process's memo of its term function."""
    field = TermText(french_term)
    memo_of(french_term).sequence("soudeurs recrutés à Metz")
    data = pickle.dumps(field)
    assert b"soudeur" not in data
    assert pickle.loads(data).terms is memo_of(french_term)
