"""Typography users do not type, through every search engine: a text typeset one way
is found by the same text typed, and the other way round (tests/text/typography.py)."""

import pytest

from tests.index.conformance.test_search import ids, item, paris
from tests.text.typography import TYPESET
from veille.index.search import SearchQuery

TYPED = ("Curriculum vitae et main-d'oeuvre : le financement de 100 000 aides-soignantes "
         "au 1er janvier, 50 m2 par stagiaire, l'école du XIXe arrondissement")


@pytest.mark.parametrize("name", TYPESET)
@pytest.mark.parametrize("query", ['"{}"', 'titre:"{}"'], ids=["phrase", "title phrase"])
def test_a_text_typed_and_the_same_text_typeset_find_each_other(index, name, query):
    typeset = TYPESET[name](TYPED)
    assert typeset != TYPED
    engine = index(item("typed", TYPED, TYPED, published=paris(2026, 3, 1)),
                   item("typeset", typeset, typeset, published=paris(2026, 3, 2)),
                   item("other", "Curriculum vitae", "Les aides-soignantes au 1er janvier",
                        published=paris(2026, 3, 3)))
    for text in (TYPED, typeset):
        assert sorted(ids(engine.search(SearchQuery(q=query.format(text))))) == [
            "typed", "typeset"], text


@pytest.mark.parametrize("quoted", [
    "« aide à domicile »", "«aide à domicile»", "“aide à domicile”", "„aide à domicile“",
    "‹ aide à domicile ›", '"aide à domicile"', "«\u00a0aide à domicile\u00a0»",
])
def test_guillemets_and_typographic_quotes_search_a_phrase(index, quoted):
    engine = index(
        item("phrase", "Une aide à domicile recrutée", published=paris(2026, 3, 1)),
        item("apart", "À domicile, une aide au permis", published=paris(2026, 3, 2)))
    assert ids(engine.search(SearchQuery(q=quoted))) == ["phrase"]
    assert ids(engine.search(SearchQuery(q=f"-{quoted}"))) == ["apart"]


@pytest.mark.parametrize("dash", "-‐‑‒–—−－")
def test_a_dash_of_any_kind_before_a_word_excludes_it(index, dash):
    engine = index(item("cdi", "Soudeur en CDI", published=paris(2026, 3, 1)),
                   item("interim", "Soudeur en intérim", published=paris(2026, 3, 2)))
    assert ids(engine.search(SearchQuery(q=f"soudeur {dash}intérim"))) == ["cdi"]
