"""The French analyzers: what a word becomes in the index and in a query."""

import pytest
from whoosh.fields import TEXT

from tests.conftest import DATA
from veille.index.analysis import TermText, base_form, exact_term, french_term


def french():
    return TermText(french_term).analyzer


def exact():
    return TermText(exact_term).analyzer


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


@pytest.mark.parametrize(
    "written, other",
    [
        ("aide-soignant", "aide soignant"),
        ("aide-soignant", "aides-soignants"),
        ("aide-soignant", "Aides-Soignantes"),
        ("aide-soignant", "aide–soignant"),  # an en dash, as word processors write it
        ("l'aide-soignante", "aide soignante"),
        ("d’auxiliaires-puéricultrices", "auxiliaire puériculteur"),
        ("Saint-Étienne", "saint etienne"),
        ("bac+2", "bac 2"),
        ("agent-e d'entretien", "agent entretien"),
    ],
)
def test_hyphenated_compounds_give_the_tokens_of_their_parts(written, other):
    assert tokens(french(), written) == tokens(french(), other) != []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("100 000", ["100000"]),
        ("100\u00a0000", ["100000"]),  # no-break space
        ("100\u202f000", ["100000"]),  # narrow no-break space, as typography writes it
        ("100000", ["100000"]),
        ("1 300 000 dossiers", ["1300000", "dossi"]),
        ("en 2026", ["2026"]),
        ("en 2019 500 000 emplois", ["2019", "500000", "emploi"]),
        ("niveau 4", ["niveau", "4"]),
        ("bac+2", ["bac", "2"]),
        ("2020-2021", ["2020", "2021"]),
        ("03 87 12 34 56", ["03", "87", "12", "34", "56"]),  # pairs of digits stay apart
    ],
)
def test_numbers_are_kept_and_groups_of_thousands_joined(text, expected):
    assert tokens(french(), text) == expected


def test_exact_joins_groups_of_thousands_too():
    assert tokens(exact(), "Les 100 000 offres") == ["les", "100000", "offres"]


@pytest.mark.parametrize(
    "acronym", ["CACES", "ARS", "DARES", "RS", "BAFA", "EPIDE", "INSEE", "DEA", "SIAE", "OPCO"]
)
def test_more_acronyms_are_kept_whole(acronym):
    assert tokens(french(), acronym) == [acronym.lower()]


@pytest.mark.parametrize(
    "acronym, word",
    [("VAE", "il va"), ("CACES", "le CAC 40"), ("CléA", "une clé"), ("BTS", "le BT"),
     ("DEA", "de")],
)
def test_an_acronym_does_not_stem_into_another_word(acronym, word):
    assert set(tokens(french(), acronym)).isdisjoint(tokens(french(), word))


@pytest.mark.parametrize(
    "word",
    ["quel", "Quelle", "quels", "quelles", "lequel", "combien", "comment", "pourquoi", "où",
     "Où", "quand", "quoi", "qui", "que", "qu'est-ce", "est-ce"],
)
def test_question_words_are_stop_words(word):
    assert tokens(french(), word) == []


def test_a_question_keeps_only_its_significant_words():
    assert tokens(french(), "Combien d'aides-soignants sont recrutés en Moselle ?") == tokens(
        french(), "aides-soignants recrutés Moselle"
    )


@pytest.mark.parametrize("text", ["a", "il a", "a-t-il", "y a-t-il", "l'", "permis B"])
def test_single_letters_are_dropped(text):
    assert all(len(token) > 1 for token in tokens(french(), text))


@pytest.mark.parametrize(
    "one, other",
    [
        ("emplois", "emploi"),
        ("détenus", "détenu"),
        ("vendeuse", "vendeur"),
        ("vendeuses", "vendeurs"),
        ("soudeuse", "soudeur"),
        ("formatrice", "formateur"),
        ("directrices", "directeur"),
        ("infirmière", "infirmier"),
        ("infirmières", "infirmiers"),
        ("conseillère", "conseiller"),
        ("cuisinière", "cuisinier"),
        ("salariée", "salarié"),
        ("employées", "employé"),
        ("nombreuses", "nombreux"),
        ("électricienne", "électricien"),
    ],
)
def test_plural_and_feminine_forms_meet(one, other):
    assert tokens(french(), one) == tokens(french(), other) != []


@pytest.mark.parametrize(
    "word", ["mere", "frere", "jeux", "enjeux", "bus", "vae", "dares", "2026", "aujourd'hui"]
)
def test_short_words_acronyms_and_plurals_in_eux_keep_their_ending(word):
    """"mère" is not "mer", "enjeux" not "enjeur", "DARES" not "dare": base_form leaves them."""
    assert base_form(word) == word


@pytest.mark.parametrize("term", [french_term, exact_term])
@pytest.mark.parametrize("phrase", [True, False], ids=["positions", "frequencies"])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "le la les",
        "Le soudeur et la soudeuse : soudeur, soudeurs.",
        "Les aides-soignants et l'aide soignant touchent 100 000 € (100000 €) en 2026.",
        "qu'il",
        (DATA / "articles" / "blog.expected.txt").read_text(encoding="utf-8"),
    ],
    ids=["empty", "stop words", "forms", "compounds and numbers", "elision", "article"],
)
def test_a_field_indexes_a_text_as_its_analyzer_reads_it(term, phrase, text):
    """TermText.index skips Whoosh's tokens for speed: its postings (term, frequency, weight,
    positions) are exactly those of the analyzer that queries go through."""
    field = TermText(term, phrase=phrase, field_boost=2.0)
    assert sorted(field.index(text)) == sorted(TEXT.index(field, text))
