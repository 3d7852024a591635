"""Items are tagged as they are stored (ROME jobs, domaines, places), the tags reach the
index, its facets and /api/search, and a documentalist's edits survive re-tagging."""

import json
from pathlib import Path

import pytest

from tests.referentials.subset import geo_subset, rome_subset
from veille.errors import InvalidRequest
from veille.instance import Instance
from veille.store import audit
from veille.store import items as item_store
from veille.store import tags as tag_store
from veille.tags import itemtags, storetaggers
from webui import create_app

GEO_FOLDER = "decoupage-administratif-6.0.0"
WELDERS = {
    "id": "soudeurs-metz",
    "title": "Metz : les soudeurs très recherchés",
    "content": "<p>L'industrie manque de soudeurs. À Metz, une formation ouvre en septembre "
               "pour les demandeurs d'emploi.</p>",
    "url": "https://exemple.test/import/soudeurs-metz",
    "published": "2026-05-04T09:00:00+02:00",
    "source": "Observatoire régional (import)",
    "kind": "news",
}
NURSES = {
    "id": "aides-soignants-reims",
    "title": "Reims recrute des aides-soignants",
    "content": "Le centre hospitalier de Reims cherche des aides-soignants pour l'été.",
    "url": "https://exemple.test/import/aides-soignants-reims",
    "published": "2026-05-05T09:00:00+02:00",
    "source": "Observatoire régional (import)",
    "kind": "news",
}


def write_jsonl(path: Path, *entries: dict) -> Path:
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    return path


def tags_of(instance: Instance, item_id: str) -> dict[str, tuple]:
    with instance.engine.connect() as conn:
        return tag_store.effective_of(conn, [item_id]).get(item_id, {})


def search(client, **args) -> dict:
    response = client.get("/api/search", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_an_imported_item_is_tagged_with_its_job_and_places(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, NURSES)))
    tags = tags_of(tagging_instance, "soudeurs-metz")
    assert tags["rome"] == ("H2913",)  # Soudeur / Soudeuse
    assert tags["domaine"] == ("H29",)
    assert tags["grand_domaine"] == ("H",)
    # Metz, its EPCI (Metz Métropole), its département (Moselle) and its région (Grand Est).
    assert set(tags["place"]) == {"commune:57463", "epci:200039865", "departement:57",
                                  "region:44"}
    assert set(tags_of(tagging_instance, "aides-soignants-reims")["place"]) >= {
        "commune:51454", "departement:51", "region:44"}


def test_the_tags_are_searched_and_counted(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, NURSES)))
    client = create_app({"TESTING": True}).test_client()
    moselle = search(client, lieu="57")
    assert [hit["id"] for hit in moselle["results"]] == ["soudeurs-metz"]
    assert [hit["id"] for hit in search(client, lieu="57463")["results"]] == ["soudeurs-metz"]
    assert [hit["id"] for hit in search(client, rome="H2913")["results"]] == ["soudeurs-metz"]
    assert [hit["id"] for hit in search(client, domaine="H29")["results"]] == ["soudeurs-metz"]
    everything = search(client)
    assert everything["total"] == 2
    assert ["departement:57", 1] in everything["facets"]["lieu"]
    assert ["region:44", 2] in everything["facets"]["lieu"]  # the Grand Est holds both
    assert ["H2913", 1] in everything["facets"]["rome"]
    assert ["H29", 1] in everything["facets"]["domaine"]
    # Disjunctive: selecting the Moselle still counts the Marne.
    assert ["departement:51", 1] in moselle["facets"]["lieu"]
    # A code is a place of any kind (44: the Grand Est, and the Loire-Atlantique); a key is one.
    assert search(client, lieu="44")["total"] == 2
    assert search(client, lieu="region:44")["total"] == 2
    assert search(client, lieu="departement:44")["total"] == 0
    assert search(client, lieu="epci:200039865")["total"] == 1
    # A place by its name: a département, a région, a commune (case and accents aside).
    assert [hit["id"] for hit in search(client, lieu="Moselle")["results"]] == ["soudeurs-metz"]
    assert [hit["id"] for hit in search(client, lieu="metz")["results"]] == ["soudeurs-metz"]
    assert search(client, lieu="Grand Est")["total"] == 2
    assert search(client, lieu="Moselle", q="soudeurs")["total"] == 1
    assert search(client, lieu="Atlantide")["total"] == 0  # no such place: nothing found
    # The same filters in the query language.
    assert [hit["id"] for hit in search(client, q="lieu:Moselle")["results"]] == ["soudeurs-metz"]
    assert search(client, q="lieu:57463")["total"] == 1
    assert search(client, q='lieu:"Grand Est" -lieu:Marne')["total"] == 1
    assert search(client, q="rome:h2913")["total"] == 1
    assert search(client, q="métier:soudeuses")["total"] == 1
    assert search(client, q="domaine:J15 OR domaine:H29")["total"] == 2
    assert search(client, q="domaine:H")["total"] == 1
    assert search(client, q="lieu:Atlantide")["total"] == 0
    veille("index", "rebuild")  # a rebuild reads the tags too
    assert [hit["id"] for hit in search(client, lieu="57")["results"]] == ["soudeurs-metz"]


BRAZERS = {
    "id": "braseuses-thionville",
    "title": "Thionville : l'aéronautique forme des braseuses",
    "content": "Un atelier de Thionville recrute des braseurs et des braseuses.",
    "url": "https://exemple.test/import/braseuses-thionville",
    "published": "2026-05-06T09:00:00+02:00",
    "source": "Observatoire régional (import)",
    "kind": "news",
}


def test_a_job_searched_finds_its_other_appellations(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, NURSES, BRAZERS)))
    client = create_app({"TESTING": True}).test_client()
    found = search(client, q="soudeur")
    # Braseur / Braseuse is an appellation of H2913 (Soudeur / Soudeuse): the words first.
    assert [hit["id"] for hit in found["results"]] == ["soudeurs-metz", "braseuses-thionville"]
    assert [hit["id"] for hit in search(client, q="soudeur thionville")["results"]] == [
        "braseuses-thionville"]
    assert search(client, q="soudeur", synonymes="non")["total"] == 1
    assert search(client, q="-soudeur")["total"] == 1  # the nurses only
    assert client.get("/api/search?q=soudeur&synonymes=peut-etre").status_code == 400


def test_without_referentials_items_are_stored_untagged(instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    with instance.engine.connect() as conn:
        assert item_store.count(conn) == 1
        assert storetaggers.taggers(conn) is None
    assert tags_of(instance, "soudeurs-metz") == {}
    client = create_app({"TESTING": True}).test_client()
    found = search(client, q="soudeurs")
    assert found["total"] == 1
    assert found["facets"]["rome"] == [] and found["facets"]["lieu"] == []
    assert search(client, lieu="57")["total"] == 0


def test_a_manual_removal_and_addition_survive_retagging(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    with tagging_instance.engine.begin() as conn:
        assert tag_store.edit(conn, "soudeurs-metz", add=[("rome", "H2914")],
                              remove=[("place", "departement:57")], actor="doc@maison.test")
    changed = dict(WELDERS, content=WELDERS["content"] + " <p>Mise à jour.</p>")
    veille("import", str(write_jsonl(tmp_path / "again.jsonl", changed)))  # tagged again
    tags = tags_of(tagging_instance, "soudeurs-metz")
    assert tags["rome"] == ("H2913", "H2914")
    assert "departement:57" not in tags["place"] and "commune:57463" in tags["place"]
    with tagging_instance.engine.connect() as conn:
        assert ("place", "departement:57") in tag_store.auto_of(conn, "soudeurs-metz")
    client = create_app({"TESTING": True}).test_client()
    assert search(client, lieu="57")["total"] == 0
    assert search(client, lieu="57463")["total"] == 1
    assert search(client, rome="H2914")["total"] == 1


def test_a_documentalist_edits_tags_with_the_cli(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    done = veille("items", "tag", "soudeurs-metz", "--add", "rome:h2914", "--add", "lieu:54395",
                  "--remove", "lieu:57", "--by", "doc@maison.test").stdout
    assert done.splitlines()[0] == "changed: soudeurs-metz"
    assert "  rome: H2913, H2914" in done.splitlines()
    tags = tags_of(tagging_instance, "soudeurs-metz")
    # Nancy comes with Meurthe-et-Moselle; the Moselle is gone, Metz stays.
    assert {"commune:54395", "departement:54", "commune:57463"} <= set(tags["place"])
    assert "departement:57" not in tags["place"]
    assert "doc@maison.test tag item:soudeurs-metz" in veille("audit").stdout
    client = create_app({"TESTING": True}).test_client()
    assert search(client, lieu="54")["total"] == 1
    assert search(client, lieu="57")["total"] == 0
    assert search(client, rome="H2914")["total"] == 1

    refused = veille("items", "tag", "soudeurs-metz", "--add", "lieu:99999", expect=1)
    assert "no place '99999'" in refused.stderr
    refused = veille("items", "tag", "soudeurs-metz", "--add", "métier", expect=1)
    assert "kind:value" in refused.stderr
    assert "no item with id nope" in veille("items", "tag", "nope", "--add", "rome:H2913",
                                            expect=1).stderr


def test_an_edit_is_stored_logged_and_searchable_in_one_call(tagging_instance, veille,
                                                              tmp_path):
    """The use case the web page and the command call: no transaction or index sync of
    theirs to forget."""
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    edited = itemtags.edit(tagging_instance, "soudeurs-metz", ["rome:H2914"], ["lieu:57"],
                           "doc@maison.test")
    assert edited.changed and edited.tags["rome"] == ("H2913", "H2914")
    assert "departement:57" not in edited.tags["place"]
    with tagging_instance.engine.connect() as conn:
        (logged,) = audit.latest(conn, 1)
    assert (logged.actor, logged.action, logged.target) == ("doc@maison.test", "tag",
                                                            "item:soudeurs-metz")
    client = create_app({"TESTING": True}).test_client()
    assert search(client, rome="H2914")["total"] == 1
    assert search(client, lieu="57")["total"] == 0
    again = itemtags.edit(tagging_instance, "soudeurs-metz", ["rome:H2914"], [],
                          "doc@maison.test")
    assert not again.changed and again.tags == edited.tags


def test_a_refused_edit_changes_nothing(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    before = tags_of(tagging_instance, "soudeurs-metz")
    with pytest.raises(InvalidRequest, match="no place '99999'"):
        itemtags.edit(tagging_instance, "soudeurs-metz", ["rome:H2914", "lieu:99999"], [],
                      "doc@maison.test")
    assert tags_of(tagging_instance, "soudeurs-metz") == before
    with tagging_instance.engine.connect() as conn:
        assert audit.latest(conn, 10) == []


def test_retag_tags_what_was_stored_before_the_referentials(tagging_instance, veille,
                                                            tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, NURSES)))
    with tagging_instance.engine.begin() as conn:
        tag_store.edit(conn, "soudeurs-metz", add=[], remove=[("rome", "H2913")],
                       actor="doc@maison.test")
        # As if stored before the referentials were imported: no automatic tags.
        tag_store.replace_auto(conn, {"soudeurs-metz": [], "aides-soignants-reims": []})
    veille("index", "rebuild")
    client = create_app({"TESTING": True}).test_client()
    assert search(client, lieu="57")["total"] == 0
    assert veille("index", "retag").stdout == "items tagged again: 2\n"
    assert search(client, lieu="57")["total"] == 1
    assert search(client, lieu="51")["total"] == 1
    assert search(client, rome="H2913")["total"] == 0  # removed by hand, still removed
    assert "rome" not in tags_of(tagging_instance, "soudeurs-metz")


def test_retag_without_referentials_says_what_to_do(instance, veille):
    assert "veille referentials import" in veille("index", "retag", expect=1).stderr


def test_the_taggers_follow_the_referentials_imported(instance, veille, shared_data, tmp_path):
    """Built once per release: another import (here the same release of the geography with
    other départements) builds them again, and `index retag` uses them."""
    veille("referentials", "import",
           str(rome_subset(shared_data, tmp_path / "rome", ["H2913", "J1501"])))
    veille("referentials", "import",
           str(geo_subset(shared_data, tmp_path / "meuse" / GEO_FOLDER, ["55"])))
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    tags = tags_of(instance, "soudeurs-metz")
    assert tags["rome"] == ("H2913",) and "place" not in tags  # no Metz in the Meuse
    veille("referentials", "import",
           str(geo_subset(shared_data, tmp_path / "moselle" / GEO_FOLDER, ["57"])))
    veille("index", "retag")
    assert "commune:57463" in tags_of(instance, "soudeurs-metz")["place"]
    client = create_app({"TESTING": True}).test_client()
    assert search(client, lieu="Moselle")["total"] == 1


def test_the_cli_searches_with_the_vocabulary(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, BRAZERS)))
    assert veille("search", "soudeur").stdout.startswith("2 results")
    assert veille("search", "--no-synonyms", "soudeur").stdout.startswith("1 results")
    assert veille("search", "lieu:Moselle").stdout.startswith("2 results")


def test_a_job_removed_takes_the_domaines_only_it_brought(tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    veille("items", "tag", "soudeurs-metz", "--add", "rome:H2914", "--add", "rome:J1501")
    veille("items", "tag", "soudeurs-metz", "--remove", "rome:H2913", "--remove", "rome:J1501")
    tags = tags_of(tagging_instance, "soudeurs-metz")
    # H2914 (another welding job) keeps H29 and H; the nurses' J15 and J leave with J1501.
    assert tags["rome"] == ("H2914",)
    assert tags["domaine"] == ("H29",) and tags["grand_domaine"] == ("H",)


def test_skills_are_a_facet_a_filter_and_a_trend(tagging_instance, veille, tmp_path):
    lesson = dict(WELDERS, id="cours-soudage", title="Un module sur les techniques de soudage",
                  content="Le lycée de Metz ouvre un module sur les techniques de soudage.")
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", lesson, NURSES)))
    assert tags_of(tagging_instance, "cours-soudage")["skill"] == ("100007",)
    client = create_app({"TESTING": True}).test_client()
    assert ["100007", 1] in search(client)["facets"]["competence"]
    assert [hit["id"] for hit in search(client, competence="100007")["results"]] == [
        "cours-soudage"]
    assert search(client, q="compétence:100007")["total"] == 1
    trend = client.get("/api/trends", query_string={"competence": "100007", "from": "2026-05-01",
                                                     "to": "2026-05-31"}).get_json()
    assert sum(count for _, count in trend["series"]) == 1
