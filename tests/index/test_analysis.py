"""The French analyzers: what a word becomes in the index and in a query."""

import pytest

from veille.index.analysis import exact, french


def tokens(analyzer, text: str) -> list[str]:
    return [token.text for token in analyzer(text)]


@pytest.mark.parametrize(
    "elided, bare",
    [
        ("l'apprentissage", "apprentissage"),
        ("l’apprentissage", "apprentissage"),
        ("L'Apprentissage", "apprentissage"),
        ("d'emploi", "emploi"),
        ("d’emploi", "emploi"),
        ("qu'ingénieur", "ingénieur"),
        ("qu’ingénieur", "ingénieur"),
        ("jusqu'ici", "ici"),
        ("jusqu’ici", "ici"),
        ("lorsqu'employeurs", "employeurs"),
    ],
)
def test_an_elided_article_glued_to_a_word_is_dropped(elided, bare):
    assert tokens(french(), elided) == tokens(french(), bare) != []


def test_straight_and_typographic_apostrophes_give_the_same_tokens():
    straight = "le contrat d'apprentissage, aujourd'hui"
    typographic = "le contrat d’apprentissage, aujourd’hui"
    assert tokens(french(), straight) == tokens(french(), typographic)
    assert tokens(exact(), straight) == tokens(exact(), typographic)


@pytest.mark.parametrize(
    "accented, plain",
    [
        ("compétences", "competences"),
        ("métiers", "metiers"),
        ("Épinal", "epinal"),
        ("diplôme", "diplome"),
        ("électricienne", "electricienne"),
        ("CléA", "CLEA"),
    ],
)
def test_accents_are_folded(accented, plain):
    assert tokens(french(), accented) == tokens(french(), plain) != []


@pytest.mark.parametrize(
    "plural, singular",
    [
        ("soudeurs", "soudeur"),
        ("formations", "formation"),
        ("métiers", "métier"),
        ("compétences", "compétence"),
        ("chaudronniers", "chaudronnier"),
        ("aides-soignantes", "aide-soignante"),
    ],
)
def test_plural_and_singular_reach_the_same_stem(plural, singular):
    assert tokens(french(), plural) == tokens(french(), singular) != []


@pytest.mark.parametrize("word", ["le", "la", "les", "des", "du", "à", "et", "pour", "qu'il"])
def test_french_stop_words_are_dropped(word):
    assert tokens(french(), word) == []


@pytest.mark.parametrize("word", ["an", "are", "or", "us"])
def test_english_stop_words_are_french_words_kept(word):
    """"un an", the ARE benefit, "l'or", "les us et coutumes": not English filler here."""
    assert tokens(french(), word) != []


def test_stop_words_are_dropped_from_a_sentence_keeping_the_rest():
    assert tokens(french(), "le soudeur des formations à Metz") == tokens(
        french(), "soudeur formations Metz"
    )


@pytest.mark.parametrize(
    "acronym", ["CPF", "RNCP", "VAE", "BTS", "CAP", "GRETA", "CléA", "ARE"]
)
def test_acronyms_are_kept_whole_and_lowercased(acronym):
    folded = acronym.lower().replace("é", "e")
    assert tokens(french(), acronym) == [folded]


def test_an_acronym_does_not_collide_with_a_common_word():
    assert set(tokens(french(), "VAE")).isdisjoint(tokens(french(), "il va"))


def test_exact_keeps_stop_words_and_does_not_stem():
    assert tokens(exact(), "Les soudeurs des formations") == [
        "les",
        "soudeurs",
        "des",
        "formations",
    ]


def test_exact_lowercases_folds_accents_and_splits_elisions():
    assert tokens(exact(), "L'Épreuve d’évaluation") == ["epreuve", "evaluation"]
