"""Reading the French administrative geography from decoupage-administratif's JSON: all of
France (INSEE COG 2026), the Grand Est as the derived CSV beside it lists it, and broken
copies refused with a message naming the file and the entry."""

import csv
import json
from pathlib import Path

import pytest

from tests.referentials.subset import GEO_DIR, geo_subset
from veille.refdata import Commune
from veille.referentials import geo
from veille.referentials.reading import ReferentialError


@pytest.fixture(scope="module")
def france(shared_data: Path) -> geo.Geo:
    return geo.read(shared_data / GEO_DIR)


def test_all_of_france_is_read(france):
    assert france.version == "6.0.0"  # from the folder's name
    assert len(france.regions) == 26
    assert len(france.departements) == 109
    assert len(france.epcis) == 1_255
    assert len(france.communes) == 34_969  # current communes only
    assert len({commune.code for commune in france.communes}) == 34_969


def test_the_grand_est_has_the_communes_of_the_derived_list(france, shared_data):
    with (shared_data / "geo-fr" / "grand_est_communes_2026.csv").open(encoding="utf-8") as f:
        listed = {row["code_insee"] for row in csv.DictReader(f)}
    grand_est = {commune.code for commune in france.communes if commune.region == "44"}
    assert len(grand_est) == 5_115
    assert grand_est == listed
    assert {d.code for d in france.departements if d.region == "44"} == {
        "08", "10", "51", "52", "54", "55", "57", "67", "68", "88"}


def test_a_commune_has_its_departement_region_epci_population_and_postcodes(france):
    by_code = {commune.code: commune for commune in france.communes}
    metz = by_code["57463"]
    assert metz == Commune("57463", "Metz", "57", "44", "200039865", metz.population,
                           ("57000", "57050", "57070"))
    assert metz.population > 100_000
    epcis = {epci.code: epci for epci in france.epcis}
    assert epcis["200039865"].name == "Metz Métropole"
    assert by_code["88413"].name == "Saint-Dié-des-Vosges"
    assert by_code["29083"].epci == ""  # Île-de-Sein belongs to no EPCI


def test_communes_deleguees_and_arrondissements_are_left_out(france):
    names = {commune.name for commune in france.communes}
    assert "Arbignieu" not in names  # commune déléguée of Arboys en Bugey
    assert "Marseille 1er Arrondissement" not in names
    assert {"Marseille", "Bar-le-Duc"} <= names


def test_the_release_comes_from_package_json_or_the_folder_name(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    assert geo.release(data) == ""
    assert geo.release(tmp_path / "decoupage-administratif-5.3.0") == "5.3.0"
    (tmp_path / "package.json").write_text('{"name": "x", "version": "7.1.0"}', encoding="utf-8")
    assert geo.release(data) == "7.1.0"


@pytest.fixture
def folder(shared_data: Path, tmp_path: Path) -> Path:
    """The Meuse only (its 499 communes), to break."""
    return geo_subset(shared_data, tmp_path / "decoupage-administratif-6.0.0", ["55"])


def test_a_small_copy_is_read(folder):
    meuse = geo.read(folder)
    assert meuse.version == "6.0.0"
    assert len(meuse.communes) == 499
    assert {commune.departement for commune in meuse.communes} == {"55"}
    assert all(commune.epci for commune in meuse.communes)


def _edit(folder: Path, name: str, change) -> None:
    entries = json.loads((folder / name).read_text(encoding="utf-8"))
    (folder / name).write_text(json.dumps(change(entries)), encoding="utf-8")


def remove_epci(folder: Path) -> None:
    (folder / "epci.json").unlink()


def truncate_communes(folder: Path) -> None:
    content = (folder / "communes.json").read_bytes()
    (folder / "communes.json").write_bytes(content[: len(content) // 2])


def drop_a_name(folder: Path) -> None:
    _edit(folder, "communes.json", lambda entries: [entries[0], {
        key: value for key, value in entries[1].items() if key != "nom"}, *entries[2:]])


def move_a_departement_to_no_region(folder: Path) -> None:
    _edit(folder, "departements.json",
          lambda entries: [{**entries[0], "region": "99"}, *entries[1:]])


def empty_regions(folder: Path) -> None:
    (folder / "regions.json").write_text("  \n", encoding="utf-8")


def not_a_list(folder: Path) -> None:
    (folder / "regions.json").write_text('{"code": "44"}', encoding="utf-8")


def repeat_a_commune(folder: Path) -> None:
    _edit(folder, "communes.json", lambda entries: [*entries, entries[0]])


@pytest.mark.parametrize("damage, message", [
    (remove_epci, "lacks epci.json of decoupage-administratif"),
    (truncate_communes, "communes.json is not valid JSON (line 1, column "),
    (drop_a_name, "communes.json, entry 2: no nom"),
    (move_a_departement_to_no_region, "departements.json, entry 1: 01 is in region 99, which "
                                      "regions.json lacks"),
    (empty_regions, "regions.json is empty"),
    (not_a_list, "regions.json should hold a list of entries"),
    (repeat_a_commune, "communes.json lists code 55001 twice"),
])
def test_a_broken_geography_is_refused_naming_the_file_and_the_fault(folder, damage, message):
    damage(folder)
    with pytest.raises(ReferentialError) as refused:
        geo.read(folder)
    assert message in str(refused.value)
