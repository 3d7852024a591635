"""Snippets: the passages where the searched words are, marked, the rest escaped."""

import html
import re

import pytest

from tests.conftest import DATA
from veille.index.querylang import parse
from veille.index.snippets import SEPARATOR, Highlighter
from veille.store.schema import utcnow
from veille.text.french import TOKEN_PATTERN, french_term

FILLER = "Une phrase sans rapport avec la recherche, répétée pour allonger le texte. "


def snippet(q: str, content: str, summary: str = "Résumé") -> str:
    parsed = parse(q, utcnow().date())
    return Highlighter(parsed).snippet({"content": content, "summary": summary})


def test_every_form_of_a_searched_word_is_marked():
    text = "Les soudeurs de Metz. Un soudeur recherché."
    assert snippet("soudeur", text).count("<mark>") == 2
    assert "<mark>soudeurs</mark>" in snippet("soudeur", text)


def test_far_apart_matches_give_two_passages_in_text_order():
    text = "Soudeur à Metz. " + FILLER * 30 + "Chaudronnier à Thionville. " + FILLER * 30
    found = snippet("soudeur OR chaudronnier", text)
    assert found.count(SEPARATOR) == 1
    assert found.index("Soudeur") < found.index("Chaudronnier")
    assert len(found) < 700


def test_a_match_deep_in_a_long_text_is_found():
    text = FILLER * 500 + "Le métier de soudeur recrute."
    assert "<mark>soudeur</mark>" in snippet("soudeur", text)


def test_the_text_around_matches_is_escaped():
    found = snippet("soudeur", "<script>alert(1)</script> soudeur & <b>chaudronnier</b>")
    assert "<script>" not in found and "&lt;script&gt;" in found and "&amp;" in found


def test_words_of_a_phrase_are_marked():
    assert "<mark>domicile</mark>" in snippet('"aide à domicile"', "L'aide à domicile recrute.")


def test_without_a_match_the_summary_is_given_escaped():
    found = snippet("soudeur", "Rien à voir.", summary="<i>Résumé</i>")
    assert found == "&lt;i&gt;Résumé&lt;/i&gt;"


def test_a_word_is_marked_exactly_when_the_index_holds_it_under_a_searched_term():
    """Words are stemmed only when they begin as a searched term does: that shortcut must
    mark exactly the words whose term is searched, for every word of a real article."""
    text = (DATA / "articles" / "blog.expected.txt").read_text(encoding="utf-8")
    words = sorted(set(re.findall(TOKEN_PATTERN, text)))
    searched = " OR ".join(word for word in words[::5] if french_term(word))
    terms = Highlighter(parse(searched, utcnow().date())).terms
    assert len(terms) > 20
    for word in words:
        assert ("<mark>" in snippet(searched, word)) == (french_term(word) in terms), word


@pytest.mark.parametrize(
    ("q", "text", "marked"),
    [
        ("emploi", "L'emploi, réemploi, emplois_aidés, emplois et l’emploi.",
         ["L'emploi", "emplois", "l’emploi"]),
        ("hui", "Aujourd'hui, hui.", ["hui"]),
        ("soudeur", "soudeur-soudeuse soudeurs2 soudeur", ["soudeur", "soudeuse", "soudeur"]),
        ("500", "En 2024 500 postes, 12 500 euros, 500.", ["500", "500"]),
        ("12 500", "12 500 euros, 12 et 500.", ["12 500"]),
    ],
)
def test_only_whole_words_are_marked(q, text, marked):
    found = snippet(q, text)
    assert re.findall(r"<mark>(.*?)</mark>", found) == [html.escape(m) for m in marked]


def test_marks_are_the_words_whose_term_is_searched_in_a_whole_article():
    text = (DATA / "articles" / "blog.expected.txt").read_text(encoding="utf-8")
    searched = "formation OR emploi OR compétences OR 2024 OR métiers"
    highlighter = Highlighter(parse(searched, utcnow().date()))
    words = re.finditer(TOKEN_PATTERN, text)
    expected = [m.span() for m in words if french_term(m.group()) in highlighter.terms]
    assert len(expected) > 5
    assert highlighter._found(text) == expected
