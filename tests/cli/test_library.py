"""`veille init`, `import`, `search` and `index rebuild` on a real instance."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import (
    search,
    store_and_index_ids,
    titles,
    watch_fixture_feeds,
)
from tests.concurrency import until
from tests.conftest import DATA
from veille.collect.pipeline import INDEX_EVERY
from veille.index.whoosh import writer
from veille.instance import open_instance
from veille.settings import load_settings


def test_commands_without_an_instance_say_how_to_create_one(veille):
    assert "run `veille init` first" in veille("search", "x", expect=1).stderr


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


@pytest.mark.slow
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


def stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process from /proc, None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return fields[0], int(fields[1])


def indexing_child(parent: int, lock: Path) -> int | None:
    """The pid of `parent`'s child that has the index lock open (so it is indexing), if any."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat(int(entry.name)) or ("", 0))[1] == parent:
            try:
                if any(fd.readlink() == lock for fd in (entry / "fd").iterdir()):
                    return int(entry.name)
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
    return None


@pytest.mark.slow
def test_the_indexing_child_of_an_import_killed_dies_with_it_and_nothing_is_lost(
    veille, tmp_path
):
    """`veille import` indexes alongside in a child process (on two cores or more). Holding
    the index lock keeps that child busy, waiting for it, when the import is killed."""
    veille("init")
    big = tmp_path / "big.jsonl"
    write_big_import(big, INDEX_EVERY + 200)
    instance = open_instance(load_settings())
    lock = instance.index_dir.parent / f"{instance.index_dir.name}.lock"
    command = [sys.executable, "-m", "veille", "import", str(big)]
    with writer.exclusive(instance.index_dir, timeout=5):
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=os.environ.copy())
        child = until(lambda: indexing_child(process.pid, lock.resolve()), 120)
        try:
            assert child, "the import started no indexing child"
            process.send_signal(signal.SIGKILL)
            process.wait()
            gone = until(lambda: (stat(child) or ("Z",))[0] == "Z", 10)  # a zombie is dead
            assert gone, f"the indexing child {child} outlived its parent: {stat(child)}"
        finally:
            process.kill()
            process.wait()
            if child and stat(child):
                os.kill(child, signal.SIGKILL)
    veille("import", str(big))
    stored, indexed = store_and_index_ids()
    assert len(stored) == INDEX_EVERY + 200 + 2 and stored == indexed


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


def test_search_without_an_index_says_how_to_restore_it(veille):
    veille("init")
    index_dir = open_instance(load_settings()).index_dir
    for segment in index_dir.iterdir():
        segment.unlink()
    assert "`veille index rebuild` restores it" in veille("search", "soudeur", expect=1).stderr
    veille("index", "rebuild")
    assert veille("search", "soudeur").stdout.startswith("0 results")


def test_index_status_says_whether_search_can_run_and_how_many_items_it_holds(veille):
    veille("init")
    instance = open_instance(load_settings())
    held = instance.index.status().items
    assert veille("index", "status").stdout == f"index available: {held} items\n"
    for segment in instance.index_dir.iterdir():
        segment.unlink()
    out = veille("index", "status", expect=1).stdout
    assert out.startswith("index missing: `veille index rebuild` restores it")
    veille("index", "rebuild")
    assert veille("index", "status").stdout == f"index available: {held} items\n"
