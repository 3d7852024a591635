"""The tsvector literals of an item: veille's French analysis, written for PostgreSQL."""

from veille.index.postgres.vectors import (
    MAX_POSITION,
    MAX_POSITIONS,
    item_vectors,
    quoted,
    term_of,
)


def test_words_holds_the_stemmed_title_at_weight_a_then_the_content_after_a_gap():
    words = item_vectors("Soudeurs recherchés", "Le soudeur l'été, les soudeurs.").words
    assert words == "'soudeur':1A,4,5 'recherch':2A"


def test_exact_holds_the_unstemmed_terms_of_the_title_then_the_content():
    exact = item_vectors("Soudeurs recherchés", "Le soudeur l'été, les soudeurs.").exact
    assert exact == "'soudeurs':1,7 'recherches':2 'le':3 'soudeur':4 'ete':5 'les':6"


def test_a_term_keeps_its_first_positions_and_late_words_stand_at_the_last_position():
    words = item_vectors("titre", " ".join(["mot"] * MAX_POSITION + ["fin"])).words
    held = dict(part.split(":") for part in words.split(" "))
    assert len(held["'mot'"].split(",")) == MAX_POSITIONS
    assert held["'fin'"].split(",")[-1] == str(MAX_POSITION)


def test_an_apostrophe_inside_a_term_is_doubled_as_literals_write_it():
    exact = item_vectors("", "aujourd'hui O'Neil").exact
    assert exact == "'aujourd''hui':1 'o''neil':2"


def test_the_lexemes_of_each_vector_are_its_terms_once_each():
    vectors = item_vectors("L'eau de l'eau", "Aujourd'hui")
    assert [term_of(lexeme) for lexeme in vectors.lexemes["w"]] == ["eau", "aujourd'hui"]
    assert [term_of(lexeme) for lexeme in vectors.lexemes["e"]] == ["eau", "de", "aujourd'hui"]


def test_a_term_reads_back_from_its_lexeme_whatever_quotes_and_backslashes_it_holds():
    for term in ["l'eau", "\\", "\\'", "''\\\\'", "a'b\\c"]:
        assert term_of(quoted(term) + ":") == term
