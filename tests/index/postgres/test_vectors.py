"""The tsvector literals of an item: veille's French analysis, written for PostgreSQL."""

from veille.index.postgres.vectors import MAX_POSITION, MAX_POSITIONS, item_vectors


def test_words_holds_the_stemmed_title_at_weight_a_then_the_content_after_a_gap():
    words, _ = item_vectors("Soudeurs recherchés", "Le soudeur l'été, les soudeurs.")
    assert words == "'soudeur':1A,4,5 'recherch':2A"


def test_exact_holds_the_unstemmed_terms_of_the_title_then_the_content():
    _, exact = item_vectors("Soudeurs recherchés", "Le soudeur l'été, les soudeurs.")
    assert exact == "'soudeurs':1,7 'recherches':2 'le':3 'soudeur':4 'ete':5 'les':6"


def test_a_term_keeps_its_first_positions_and_late_words_stand_at_the_last_position():
    words, _ = item_vectors("titre", " ".join(["mot"] * MAX_POSITION + ["fin"]))
    held = dict(part.split(":") for part in words.split(" "))
    assert len(held["'mot'"].split(",")) == MAX_POSITIONS
    assert held["'fin'"].split(",")[-1] == str(MAX_POSITION)


def test_an_apostrophe_inside_a_term_is_doubled_as_literals_write_it():
    _, exact = item_vectors("", "aujourd'hui O'Neil")
    assert exact == "'aujourd''hui':1 'o''neil':2"
