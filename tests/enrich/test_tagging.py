"""The three taggers together, on texts as typeset as news writes them."""

import pytest

from tests.text.typography import TYPESET

TYPED = ("Une cheffe de chantier gros oeuvre et des aides-soignantes : avoir l'esprit "
         "d'équipe, un curriculum vitae et un certificat, au 1er mars, à Pont-à-Mousson et "
         "à Saint-Avold")
EXPECTED = {"jobs": {"F1202", "J1501"}, "skills": {"300465"},
            "places": {"commune:54431", "commune:57606"}}


def found(taggers, text: str) -> dict[str, set[str]]:
    tags = taggers.tag("Recrutements", text)
    return {"jobs": set(tags.rome), "skills": {tag.code for tag in tags.skills},
            "places": {tag.place.key for tag in tags.places}}


def test_the_typed_text_names_its_jobs_skills_and_places(taggers):
    assert found(taggers, TYPED) == EXPECTED


@pytest.mark.parametrize("name", TYPESET)
def test_a_text_typeset_is_tagged_as_the_same_text_typed(taggers, name):
    typeset = TYPESET[name](TYPED)
    assert typeset != TYPED
    assert found(taggers, typeset) == EXPECTED
