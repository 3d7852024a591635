"""What people read for a tag's code: the labels of the ROME and of the geography the store
holds, for the codes asked about; a code the store does not know is left out."""

import pytest

from veille.tags import labels


@pytest.fixture
def conn(tagging_instance):
    with tagging_instance.engine.connect() as connection:
        yield connection


@pytest.mark.parametrize("kind, codes, expected", [
    ("rome", ["H2913", "N1101"], {"H2913": "Soudeur / Soudeuse", "N1101": "Cariste"}),
    ("domaine", ["H29"], {"H29": "Mécanique, travail des métaux et outillage"}),
    ("grand_domaine", ["H"], {"H": "Industrie"}),
    ("skill", ["100023"], {"100023": "Abattre un arbre"}),
    ("place", ["departement:57"], {"departement:57": "Moselle"}),
])
def test_each_kind_of_tag_reads_as_its_referential_names_it(conn, kind, codes, expected):
    assert labels.labels(conn, kind, codes) == expected


def test_codes_the_store_does_not_know_are_left_out(conn):
    assert labels.labels(conn, "rome", ["H2913", "Z9999"]) == {"H2913": "Soudeur / Soudeuse"}
    assert labels.labels(conn, "humeur", ["H2913"]) == {}
    assert labels.labels(conn, "rome", []) == {}


def test_a_commune_carries_its_departement_and_other_places_their_name(conn):
    keys = ["commune:57463", "epci:200039865", "departement:57", "region:44"]
    assert labels.place_labels(conn, keys) == {
        "commune:57463": "Metz (57)", "epci:200039865": "Metz Métropole",
        "departement:57": "Moselle", "region:44": "Grand Est"}


def test_a_code_is_a_place_only_of_the_kind_its_key_says(conn):
    # 44 is the région Grand Est and the département Loire-Atlantique; 99 is neither.
    assert labels.place_labels(conn, ["departement:44", "region:44", "departement:99",
                                         "canton:5701", "57"]) == {
        "departement:44": "Loire-Atlantique", "region:44": "Grand Est"}


def test_facets_holding_tags_are_labelled_by_facet_and_the_others_are_not(conn):
    facets = {"rome": [("H2913", 3)], "domaine": [("H29", 3)],
              "lieu": [("departement:57", 2), ("commune:57463", 1)],
              "source": [("Presse locale", 4)], "tag": [("moselle", 1)]}
    assert labels.facet_labels(conn, facets) == {
        "rome": {"H2913": "Soudeur / Soudeuse"},
        "domaine": {"H29": "Mécanique, travail des métaux et outillage"},
        "lieu": {"departement:57": "Moselle", "commune:57463": "Metz (57)"},
    }
    assert labels.facet_labels(conn, {"source": [("Presse locale", 4)]}) == {}
