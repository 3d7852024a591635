"""The shared matcher: words compared as normalised words (case, accents, ligatures,
apostrophes and hyphens aside), whole words only, leftmost-longest phrases, and what the
context rules read of each word (a capital, capitals, a sentence start)."""

import json
import re

import pytest

from tests.conftest import DATA
from veille.enrich.matcher import Matcher, fold, read, words
from veille.text.french import exact_term


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aide-soignante", ("aide", "soignante")),
        ("aide soignante", ("aide", "soignante")),
        ("d'élevage", ("d", "elevage")),
        ("d’ÉLEVAGE", ("d", "elevage")),  # curly apostrophe, capitals
        ("Main-d'œuvre", ("main", "d", "oeuvre")),
        ("Vandœuvre-lès-Nancy", ("vandoeuvre", "les", "nancy")),
        ("aide-soignant·e·s", ("aide", "soignant", "e", "s")),  # inclusive writing
        ("Île-de-France, 2 500 postes", ("ile", "de", "france", "2", "500", "postes")),
    ],
)
def test_text_is_compared_as_normalised_words(text, expected):
    assert words(text) == expected


def test_folding_lowercases_and_spells_ligatures_out():
    assert [fold(word) for word in ("Épinal", "ŒUVRE", "Châlons", "naïve")] == [
        "epinal", "oeuvre", "chalons", "naive"]


def test_the_taggers_fold_the_words_of_the_tagging_set_as_the_index_does():
    """One folding for the product: a word tagged is the word searched ("Vandœuvre")."""
    items = [json.loads(line) for path in sorted((DATA / "tagging").glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    raw = {word for item in items for text in (item["title"], item["content"])
           for word in re.findall(r"[^\W_]+", text)}
    assert len(raw) > 1_000
    assert {word: fold(word) for word in raw} == {word: exact_term(word) for word in raw}


def phrases(*pairs: tuple[str, str]) -> Matcher[str]:
    matcher: Matcher[str] = Matcher()
    for phrase, value in pairs:
        matcher.add(words(phrase), value)
    return matcher


PLACES = phrases(("Metz", "metz"), ("Bar", "bar"), ("Bar-le-Duc", "bar-le-duc"),
                 ("Saint-Dié-des-Vosges", "saint-die"), ("la Marne", "commune"),
                 ("Marne", "departement"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Emploi à Metz", ["metz"]),
        ("Emploi à Metzervisse", []),  # whole words only
        ("à Bar-le-Duc, un bar", ["bar-le-duc", "bar"]),  # the longest phrase hides "Bar"
        ("à Bar le Duc", ["bar-le-duc"]),  # hyphens or spaces alike
        ("SAINT-DIÉ-DES-VOSGES", ["saint-die"]),
        ("Saint-Die-des-Vosges et Metz", ["saint-die", "metz"]),  # without accents
        ("dans la Marne", ["commune"]),
    ],
)
def test_the_leftmost_longest_phrases_are_found(text, expected):
    found = [next(iter(match.values)) for match in PLACES.find(read(text).words)]
    assert found == expected


def test_a_refused_phrase_leaves_the_shorter_ones_and_the_next_words():
    text = read("dans la Marne")
    found = PLACES.find(text.words, accept=lambda match: "commune" not in match.values)
    assert [(m.start, m.end, set(m.values)) for m in found] == [(2, 3, {"departement"})]


def test_a_phrase_may_stand_for_several_values_and_be_removed():
    matcher = phrases(("Saint-Louis", "68297"), ("Saint-Louis", "57618"))
    assert matcher.values(words("saint louis")) == {"68297", "57618"}
    matcher.remove(words("Saint-Louis"))
    assert matcher.values(words("saint louis")) == frozenset()
    assert list(matcher.find(words("à Saint-Louis"))) == []


@pytest.mark.parametrize(
    ("text", "word", "capital", "upper", "opening"),
    [
        ("Soudeurs recherchés à Metz", "metz", True, False, False),
        ("Soudeurs recherchés à Metz", "soudeurs", True, False, True),  # the text's start
        ("Fin de phrase. Berger recrute.", "berger", True, False, True),
        ("Selon Mme Berger, rien.", "berger", True, False, False),
        ("Selon M. Berger, rien.", "berger", True, False, False),  # "M." ends no sentence
        ("Titre\nBerger recrute", "berger", True, False, True),  # a new line
        ("Les ATSEM recrutés", "atsem", True, True, False),
        ("« Boulanger » dit-il", "boulanger", True, False, True),
    ],
)
def test_each_word_keeps_how_it_was_written(text, word, capital, upper, opening):
    read_text = read(text)
    index = read_text.words.index(word)
    assert (read_text.capital[index], read_text.upper[index], read_text.opening[index]) == (
        capital, upper, opening)


def test_the_words_of_a_match_are_given_back_as_written():
    text = read("Des aides-soignantes à Saint-Dié.")
    assert text.original(1, 3) == "aides-soignantes"
    assert text.within_sentence(1, 3) and not read("un CAP. Cuisine").within_sentence(1, 3)
    assert text.joined(1) and not text.joined(2)  # a hyphen is not a space
    assert not read("Metz, Nancy").joined(1)
