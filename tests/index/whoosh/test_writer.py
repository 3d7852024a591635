"""Writing a Whoosh index: rebuilds that repair it, progress by batch, the one-writer lock,
and what its status says of a missing, damaged, outdated or rebuilding index."""

import shutil
import threading
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from tests.index.conformance.test_writing import ITEMS, indexed_ids, item, pending_ids
from veille.collect.pipeline import store_items
from veille.errors import VeilleError
from veille.index.engine import IndexStatus
from veille.index.whoosh import writer
from veille.index.whoosh.schema import document


def test_rebuild_recreates_an_index_whose_files_were_deleted(instance):
    store_items(instance, ITEMS)
    instance.sync_index()
    for file in instance.index_dir.iterdir():
        file.unlink()
    assert instance.index.rebuild() == 3
    assert indexed_ids(instance.index) == ["a", "b", "c"]
    assert indexed_ids(instance.index, "cuisinier") == ["b"]


def test_rebuild_recreates_a_missing_index_folder(instance):
    store_items(instance, ITEMS)
    for file in instance.index_dir.iterdir():
        file.unlink()
    instance.index_dir.rmdir()
    instance.index.rebuild()
    assert indexed_ids(instance.index) == ["a", "b", "c"]


def test_rebuild_replaces_a_corrupted_index(instance):
    store_items(instance, ITEMS)
    instance.sync_index()
    for file in instance.index_dir.iterdir():
        file.write_bytes(b"\x00 not a whoosh file \xff" * 10)
    instance.index.rebuild()
    assert indexed_ids(instance.index) == ["a", "b", "c"]
    assert not instance.index_dir.with_name("index.new").exists()
    assert not instance.index_dir.with_name("index.old").exists()


def test_rebuild_drops_documents_the_store_does_not_hold(instance):
    store_items(instance, ITEMS)
    instance.sync_index()
    stray = whoosh_index.open_dir(instance.index_dir).writer()
    stray.add_document(**document(item("stray", "Orphelin")))
    stray.commit()
    instance.index.rebuild()
    assert indexed_ids(instance.index) == ["a", "b", "c"]


@pytest.mark.parametrize("count", [0, 3, writer.BATCH + 2])
def test_rebuild_progress_adds_up_to_the_item_count(instance, count):
    store_items(instance, [item(f"i{n:04}", f"Article {n}") for n in range(count)])
    calls: list[int] = []
    assert instance.index.rebuild(progress=calls.append) == count
    assert sum(calls) == count
    assert all(0 <= call <= writer.BATCH for call in calls)


class LockHolder(threading.Thread):
    """Holds the index lock from another thread until told to let go."""

    def __init__(self, index_dir: Path, timeout: float = 5) -> None:
        super().__init__(daemon=True)
        self.index_dir, self.timeout = index_dir, timeout
        self.holding, self.release = threading.Event(), threading.Event()
        self.errors: list[BaseException] = []

    def run(self) -> None:
        try:
            with writer.exclusive(self.index_dir, self.timeout):
                self.holding.set()
                self.release.wait(30)
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            self.errors.append(exc)

    def __enter__(self) -> "LockHolder":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.release.set()
        self.join(30)


def test_a_second_writer_gives_up_after_its_timeout_with_a_clear_message(tmp_path):
    index_dir = tmp_path / "index"
    with LockHolder(index_dir) as holder:
        assert holder.holding.wait(5)
        with pytest.raises(VeilleError, match=r"index .*index is busy.* more than 0\.2 s"):
            with writer.exclusive(index_dir, timeout=0.2):
                pass
    assert holder.errors == []


def test_a_second_writer_waits_until_the_first_lets_go(tmp_path):
    index_dir = tmp_path / "index"
    with writer.exclusive(index_dir, timeout=5):
        waiter = LockHolder(index_dir, timeout=30)
        waiter.start()
        assert not waiter.holding.wait(0.5), "the second writer did not wait for the first"
    assert waiter.holding.wait(5), "the second writer never got the lock"
    waiter.release.set()
    waiter.join(30)
    assert waiter.errors == []


def test_the_lock_is_released_when_the_holder_fails(tmp_path):
    index_dir = tmp_path / "index"
    with pytest.raises(RuntimeError):
        with writer.exclusive(index_dir, timeout=1):
            raise RuntimeError("writer crashed")
    with writer.exclusive(index_dir, timeout=0):
        pass


def test_sync_refuses_to_write_while_another_writer_holds_the_lock(instance):
    store_items(instance, ITEMS)
    with LockHolder(instance.index_dir) as holder:
        assert holder.holding.wait(5)
        with pytest.raises(VeilleError, match="busy"):
            writer.sync(instance.engine, instance.index_dir, timeout=0.1)
    assert pending_ids(instance) == ["a", "b", "c"]


def test_the_status_of_a_missing_index_folder_is_missing(instance):
    shutil.rmtree(instance.index_dir)
    assert instance.index.status() == IndexStatus("missing", 0, rebuilding=False)


def test_the_status_of_an_index_of_another_version_is_outdated(instance):
    instance.index_dir.with_name("index.version").write_text("1", encoding="ascii")
    assert instance.index.status().state == "outdated"


@pytest.mark.parametrize("damage", [b"", b"\x00 not a whoosh file \xff" * 10])
def test_the_status_of_a_damaged_index_is_not_available_until_the_next_sync(instance, damage):
    store_items(instance, ITEMS)
    instance.sync_index()
    for file in instance.index_dir.iterdir():
        file.write_bytes(damage)
    assert instance.index.status().state in ("missing", "unreadable")
    instance.sync_index()
    assert instance.index.status() == IndexStatus("available", 3, rebuilding=False)


def test_a_rebuild_is_under_way_while_its_fresh_index_is_written_under_the_lock(instance):
    fresh = instance.index_dir.with_name("index.new")
    fresh.mkdir()  # what a rebuild killed half-way leaves behind: no rebuild under way
    assert instance.index.status().rebuilding is False
    with LockHolder(instance.index_dir) as holder:
        assert holder.holding.wait(5)
        assert instance.index.status() == IndexStatus("available", 0, rebuilding=True)
    assert instance.index.status().rebuilding is False
