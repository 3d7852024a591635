"""How plain words are read: a question or the words of a few keywords, as the index's
terms. What they find, and in what order, is the conformance suite's
(conformance/test_ranking.py)."""

import pytest

from veille.index import ranking
from veille.index.querytree import Words


@pytest.mark.parametrize(
    "text, question",
    [
        ("Combien d'employeurs ?", True),
        ("Combien d'employeurs", True),
        ("En quelle année le CPF a-t-il été créé", True),
        ("Qui finance le permis de conduire", True),
        ("Qu'est-ce que la VAE", True),
        ("d'où vient le CPF", True),
        ("soudeur Moselle ?", True),
        ("soudeur Moselle", False),
        ("questionnaire emploi", False),
        ("formations qui recrutent", False),
        ("ou", False),
        ("", False),
    ],
)
def test_is_question(text, question):
    assert ranking.is_question(text) is question


@pytest.mark.parametrize(
    "text, words",
    [
        ("soudeur Moselle", [("soudeur",), ("mosel",)]),
        ("les soudeurs de la Moselle", [("soudeur",), ("mosel",)]),
        ("aide-soignant apprentissage", [("aid", "soign"), ("apprentissag",)]),
        ("bac+2 soudeur soudeurs", [("bac", "2"), ("soudeur",)]),
        ("Combien d'employeurs ?", [("employeur",)]),
        ("100 000 offres", [("100000",), ("offre",)]),
        ("le la les", []),
    ],
)
def test_significant_words(text, words):
    assert ranking.significant_words(text) == words


@pytest.mark.parametrize(
    "text, every",
    [
        ("soudeur", True),
        ("soudeur Moselle", True),
        ("aide-soignant apprentissage Nancy", True),
        ("formation soudeur Moselle alternance", False),
        ("Combien de soudeurs en Moselle ?", False),
    ],
)
def test_plain_words_need_every_keyword_and_any_word_of_a_question(text, every):
    found = ranking.plain_words(text)
    assert found == Words(tuple(ranking.significant_words(text)), every)


@pytest.mark.parametrize("text", ["", "le la les", "Combien ?", "qu'il", "?"])
def test_plain_words_without_a_significant_word_finds_nothing(text):
    assert ranking.plain_words(text) is None


@pytest.mark.parametrize(
    "text, asked",
    [
        ("En quelle année le canal fut-il inauguré ?", {"anne"}),
        ("Quel est le nom de sa sœur ?", {"nom"}),
        ("Quels métiers recrutent en Moselle ?", {"meti"}),
        ("Comment s'appelle son père ?", {"appel"}),
        ("Comment la ville a-t-elle grandi ?", set()),
        ("Combien de soudeurs en Moselle ?", set()),
        ("soudeur Moselle", set()),
    ],
)
def test_asked_terms_are_the_words_naming_what_a_question_asks(text, asked):
    assert ranking.asked_terms(text) == asked


def test_a_question_weighs_less_the_word_naming_what_it_asks():
    found = ranking.plain_words("En quelle année le canal fut-il inauguré ?")
    assert found.weights == (ranking.ASKED_WEIGHT, 1.0, 1.0)
    assert ranking.plain_words("Combien de soudeurs en Moselle ?").weights == ()
    assert ranking.plain_words("soudeur Moselle").weights == ()
