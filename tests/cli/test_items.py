"""`veille items curate` and `veille audit`: curation is stored first, logged, and reaches
the index; it survives collections and rebuilds."""

import csv
import io
import json

from tests.cli.helpers import search, watch_fixture_feeds

SOUDEURS = "Soudeurs recherchés dans le bassin de Thionville"


def soudeurs_id(veille) -> str:
    (found,) = search(veille, "soudeurs")["results"]
    return found["id"]


def curate(veille, item_id: str, *options: str) -> dict:
    return json.loads(veille("items", "curate", item_id, *options, "--by", "Claire").stdout)


def curations(veille) -> list[str]:
    """The curation lines of the audit log (adding the sources is logged too)."""
    return [line for line in veille("audit").stdout.splitlines() if " curate " in line]


def test_starring_tagging_and_noting_an_item_reach_the_index_and_the_log(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    item_id = soudeurs_id(veille)
    done = curate(veille, item_id, "--star", "--tag", "Métallurgie", "--tag", "Diagnostic",
                  "--note", "Pour l'atelier de mars")
    assert (done["starred"], done["tags"], done["note"]) == (
        True, ["métallurgie", "diagnostic"], "Pour l'atelier de mars")
    assert [r["title"] for r in search(veille, "tag:métallurgie")["results"]] == [SOUDEURS]
    done = curate(veille, item_id, "--untag", "diagnostic", "--unstar")
    assert (done["starred"], done["tags"]) == (False, ["métallurgie"])
    assert search(veille, "tag:diagnostic")["total"] == 0
    log = curations(veille)
    assert len(log) == 2 and all(" Claire curate item:" in line for line in log)
    assert '"starred": false' in log[0] and '"note": "Pour l\'atelier de mars"' in log[1]


def test_a_hidden_item_leaves_searches_until_shown_again(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    item_id = soudeurs_id(veille)
    curate(veille, item_id, "--hide")
    assert search(veille, "soudeurs")["total"] == 0
    assert item_id not in {r["id"] for r in json.loads(
        veille("search", "", "--json", "--limit", "100").stdout)["results"]}
    curate(veille, item_id, "--show")
    assert search(veille, "soudeurs")["total"] == 1


def test_curation_survives_a_new_collection_and_a_rebuild(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    item_id = soudeurs_id(veille)
    curate(veille, item_id, "--tag", "métallurgie")
    feed = (feed_server.root / "emploi-grand-est.rss").read_bytes()
    feed_server.put("/feeds/emploi-grand-est.rss",
                    feed.replace(b"bassin de Thionville", b"bassin de Thionville et Metz"))
    assert "1 updated" in veille("collect", "--all").stderr
    assert search(veille, "tag:métallurgie")["total"] == 1
    veille("index", "rebuild")
    assert search(veille, "tag:métallurgie")["total"] == 1
    assert curate(veille, item_id)["tags"] == ["métallurgie"]  # nothing asked: unchanged
    assert len(curations(veille)) == 1


def test_curating_an_unknown_item_says_so(veille):
    veille("init")
    assert "no item with id nothing" in veille("items", "curate", "nothing", "--star",
                                                 expect=1).stderr


def test_promoting_a_news_item_makes_a_record_prefilled_from_it(veille, feed_server,
                                                               monkeypatch):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    (news,) = search(veille, "soudeurs")["results"]
    item_id = news["id"]
    result = veille("items", "promote", item_id, "--by", "Claire")
    assert result.stdout.startswith(f"new: {SOUDEURS} [")
    assert veille("items", "promote", item_id).stdout.startswith("unchanged: ")
    kinds = sorted(r["kind"] for r in search(veille, "soudeurs")["results"])
    assert kinds == ["news", "resource"]
    (record,) = (row for row in csv.DictReader(io.StringIO(veille("resources", "export-csv")
                                                             .stdout)) if row["title"] == SOUDEURS)
    assert (record["title"], record["publisher"]) == (SOUDEURS, "Emploi Grand Est")
    assert (record["identifier"], record["date"]) == (news["url"], "2026-03-18")
    assert "promote item:" in veille("audit").stdout
    monkeypatch.setenv("VEILLE_RETENTION_NEWS_AFTER", "1d")
    veille("purge")
    assert sorted(r["kind"] for r in search(veille, "soudeurs")["results"]) == kinds
    assert "is a resource already" in veille("items", "promote", record["id"], expect=1).stderr
