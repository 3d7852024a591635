"""The `veille` command end to end: sources on a loopback server, the store, the index."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from whoosh import index as whoosh_index

from tests.conftest import DATA
from veille.instance import open_instance
from veille.settings import load_settings
from veille.store import items as item_store

RSS, ATOM = "/feeds/emploi-grand-est.rss", "/feeds/formations.atom"


def search(veille, query: str) -> dict:
    return json.loads(veille("search", query, "--json").stdout)


def titles(found: dict) -> list[str]:
    return [result["title"] for result in found["results"]]


def store_and_index_ids() -> tuple[set[str], set[str]]:
    instance = open_instance(load_settings())
    with instance.engine.connect() as conn:
        stored = item_store.all_ids(conn)
    with whoosh_index.open_dir(instance.index_dir).searcher() as searcher:
        indexed = {fields["id"] for fields in searcher.all_stored_fields()}
    return stored, indexed


def watch_fixture_feeds(veille, feed_server) -> None:
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi Grand Est", "--tag", "test")
    veille("sources", "add", feed_server.url(ATOM), "--name", "Formations", "--every", "30m")


def test_collect_stores_and_indexes_rss_and_atom_entries(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    result = veille("collect", "--all")
    assert "Emploi Grand Est" in result.stdout and "Formations" in result.stdout
    assert "2 sources, 0 failed" in result.stdout
    assert "[2/2]" in result.stderr
    stored, indexed = store_and_index_ids()
    assert len(stored) == 11 and stored == indexed


def test_a_search_for_a_word_finds_it_after_an_elided_article(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    found = titles(search(veille, "apprentissage"))
    # "l'apprentissage" (straight apostrophe) and "d’apprentissage" (typographic one).
    assert "Moselle : les entreprises du bâtiment misent sur les jeunes" in found
    assert "Aides-soignants : une formation en alternance à Nancy" in found


def test_a_search_without_accents_finds_accented_text(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    found = titles(search(veille, "competences numeriques metiers"))
    assert found[0] == "Compétences numériques : un plan régional pour les métiers de l'industrie"
    assert "Technicien de maintenance industrielle : une formation à Épinal" in titles(
        search(veille, "epinal")
    )


def test_a_second_collect_gets_304s_and_reports_them_unchanged(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    second = json.loads(veille("collect", "--all", "--json").stdout)
    assert [report["not_modified"] for report in second] == [True, True]
    assert all(report["new"] == 0 and not report["failed"] for report in second)
    assert feed_server.statuses(RSS) == [200, 304]
    assert "not modified" in veille("collect", "--all").stdout


def test_a_changed_entry_is_reported_updated_not_duplicated(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    fixture = (DATA / "feeds" / "emploi-grand-est.rss").read_text(encoding="utf-8")
    changed = fixture.replace("sessions accélérées", "sessions accélérées dès avril")
    feed_server.put(RSS, changed.encode("utf-8"))
    reports = json.loads(veille("collect", "--all", "--json").stdout)
    assert (reports[0]["new"], reports[0]["updated"], reports[0]["unchanged"]) == (0, 1, 4)
    stored, indexed = store_and_index_ids()
    assert len(stored) == 11 and stored == indexed
    assert titles(search(veille, "avril")) == ["Soudeurs recherchés dans le bassin de Thionville"]


def test_failing_sources_are_recorded_and_the_others_still_collected(veille, feed_server):
    veille("init")
    veille("sources", "add", feed_server.url("/status/500"), "--name", "En panne")
    veille("sources", "add", feed_server.url("/slow"), "--name", "Trop lente")
    veille("sources", "add", feed_server.url("/feeds/page-sans-flux.html"), "--name", "Page")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi Grand Est")
    result = veille("collect", "--all")
    assert "4 sources, 3 failed" in result.stdout
    listed = {s["name"]: s for s in json.loads(veille("sources", "list", "--json").stdout)}
    assert "HTTP 500" in listed["En panne"]["last_error"]
    assert "timed out" in listed["Trop lente"]["last_error"]
    assert "not a feed" in listed["Page"]["last_error"]
    assert all(listed[name]["error_count"] == 1 for name in ("En panne", "Trop lente", "Page"))
    assert listed["Emploi Grand Est"]["error_count"] == 0
    assert listed["Emploi Grand Est"]["last_success_at"]
    assert search(veille, "soudeur")["total"] == 1


def test_collect_needs_sources_named_or_all(veille):
    veille("init")
    assert "--all" in veille("collect", expect=2).stderr


def test_commands_without_an_instance_say_how_to_create_one(veille):
    assert "run `veille init` first" in veille("search", "x", expect=1).stderr


def test_adding_a_source_twice_is_refused_with_the_existing_one(veille, feed_server):
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi")
    result = veille("sources", "add", feed_server.url(RSS), expect=1)
    assert "already watched as source 1 (Emploi)" in result.stderr


def test_init_indexes_the_starter_resources_and_can_run_again(veille):
    first = veille("init")
    assert "2 new" in first.stdout
    again = veille("init")
    assert "0 new, 0 updated, 2 unchanged" in again.stdout
    found = search(veille, "compétences")
    assert {r["kind"] for r in found["results"]} == {"resource"}
    assert found["total"] == 1


def test_import_skips_a_broken_line_naming_it_and_imports_the_rest(veille):
    veille("init")
    result = veille("import", str(DATA / "import" / "items.jsonl"))
    assert "items.jsonl:4: skipped: invalid JSON" in result.stderr
    assert "5 new" in result.stdout and "1 bad lines skipped" in result.stdout
    assert "imp-005" in {r["id"] for r in search(veille, "sobriété numérique")["results"]}


def test_importing_again_updates_and_never_duplicates(veille, tmp_path):
    veille("init")
    source = DATA / "import" / "items.jsonl"
    veille("import", str(source))
    before = store_and_index_ids()
    again = veille("import", str(source))
    assert "0 new, 0 updated, 5 unchanged" in again.stdout
    edited = tmp_path / "edited.jsonl"
    edited.write_text(source.read_text().replace("écoconception", "écoconception web"))
    assert "0 new, 1 updated, 4 unchanged" in veille("import", str(edited)).stdout
    assert store_and_index_ids() == before
    assert titles(search(veille, "écoconception web")) == [
        "Le numérique responsable, une compétence d'avenir"
    ]


def write_big_import(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            item = {
                "id": f"big-{n:05d}",
                "title": f"Offre de formation numéro {n} en maintenance industrielle",
                "content": "Une formation qualifiante pour les salariés du Grand Est. " * 20,
                "published": "2026-06-01T10:00:00+02:00",
                "source": "Import massif",
            }
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


def test_an_import_killed_halfway_then_run_again_leaves_store_and_index_equal(
    veille, tmp_path
):
    veille("init")
    big = tmp_path / "big.jsonl"
    write_big_import(big, 3000)
    command = [sys.executable, "-m", "veille", "import", str(big)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    progress = process.stderr.readline()  # printed once the first batch is stored and indexed
    assert progress.startswith("importing: ") and process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    stored, _ = store_and_index_ids()
    assert 0 < len(stored) < 3000 + 2
    veille("import", str(big))
    stored, indexed = store_and_index_ids()
    assert len(stored) == 3000 + 2 and stored == indexed


def test_index_rebuild_recreates_the_index_from_the_store_with_progress(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    stored, _ = store_and_index_ids()
    index_dir = open_instance(load_settings()).index_dir
    for segment in index_dir.iterdir():
        segment.unlink()
    result = veille("index", "rebuild")
    assert "index rebuilt: 11 items" in result.stdout
    assert "indexing: 11/11" in result.stderr
    assert store_and_index_ids() == (stored, stored)
    assert search(veille, "soudeur")["total"] == 1
