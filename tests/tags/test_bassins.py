"""The BMO's bassins d'emploi are places: an item naming a commune lies in its bassin
(`bassin:4431`, METZ), which the `lieu` filter, `lieu:` in the query language, the facet
and a documentalist's tags accept by key, code or name ("bassin de Metz"); an item stored
before the bassins is placed in its bassin when they come."""

import json

import pytest

from tests.cli.test_referentials import moselle_survey
from tests.referentials.subset import BMO_DIR, GEO_DIR, geo_subset, rome_subset
from tests.tags.test_itemtags import NURSES, WELDERS, search, tags_of, write_jsonl
from veille.tags import itemtags
from veille.tags.entry import meant
from webui import create_app

METZ = "bassin:4431"


@pytest.fixture
def client(labour_instance, veille, tmp_path):
    """The app on a store holding the referentials and the BMO 2024, with the welders of
    Metz and the nurses of Reims imported."""
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, NURSES)))
    return create_app({"TESTING": True}).test_client()


def test_an_item_naming_metz_lies_in_its_bassin(client, labour_instance):
    assert set(tags_of(labour_instance, "soudeurs-metz")["place"]) == {
        "commune:57463", "epci:200039865", "bassin:4431", "departement:57", "region:44"}
    assert "bassin:4404" in tags_of(labour_instance, "aides-soignants-reims")["place"]


@pytest.mark.parametrize("lieu", [METZ, "4431", "bassin de Metz", "Bassin d'emploi de METZ",
                                  "bassin d’emploi Metz"])
def test_the_lieu_filter_takes_a_bassin_by_key_code_or_name(client, lieu):
    found = search(client, lieu=lieu)
    assert [result["id"] for result in found["results"]] == ["soudeurs-metz"]


def test_a_bassin_is_named_as_one_never_by_the_towns_name(client):
    assert search(client, q='lieu:"bassin houiller"')["total"] == 0  # Forbach is not named
    assert search(client, q='lieu:"bassin de Metz"')["total"] == 1
    assert search(client, q="lieu:Metz")["total"] == 1  # the commune
    assert METZ not in dict(search(client, q="lieu:Reims")["facets"]["lieu"])


def test_the_lieu_facet_counts_and_names_the_bassin(client):
    assert dict(search(client)["facets"]["lieu"])[METZ] == 1
    page = client.get("/search", query_string={"q": "soudeurs"}).get_data(as_text=True)
    assert "METZ (bassin d&#39;emploi)" in page


def test_a_documentalist_tags_a_bassin_and_a_commune_brings_its_bassin(client,
                                                                        labour_instance):
    assert meant(labour_instance.engine, "lieu", "bassin de Metz") == (
        "lieu:bassin:4431", "METZ (bassin d'emploi)")
    assert meant(labour_instance.engine, "lieu", "bassin:4433")[1] == (
        "SARREBOURG (bassin d'emploi)")
    itemtags.edit(labour_instance, "aides-soignants-reims", ["lieu:57630"], [], "doc")  # Sarrebourg
    itemtags.edit(labour_instance, "aides-soignants-reims", ["lieu:bassin:4432"], [], "doc")
    places = tags_of(labour_instance, "aides-soignants-reims")["place"]
    assert {"commune:57630", "bassin:4433", "bassin:4432"} <= set(places)


def test_items_stored_before_the_bassins_lie_in_them_once_imported(veille, shared_data,
                                                                   tmp_path):
    veille("init")
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    veille("referentials", "import", str(rome_subset(shared_data, tmp_path / "rome", ["H2913"])))
    veille("referentials", "import",
           str(geo_subset(shared_data, tmp_path / "geo" / GEO_DIR.split("/")[-1], ["57"])))
    assert json.loads(veille("search", "--json", f"lieu:{METZ}").stdout)["total"] == 0
    done = veille("referentials", "import", str(moselle_survey(shared_data,
                                                               tmp_path / BMO_DIR)))
    assert "items tagged again: " in done.stdout
    assert json.loads(veille("search", "--json", f"lieu:{METZ}").stdout)["total"] == 1
