"""`veille migrate-store --to URL`: an embedded instance (SQLite, Whoosh) copied into an
empty PostgreSQL database, ids kept, resumable after an interruption, each table's counts
checked; the copy searched as the original was."""

import json
import os
import subprocess
import sys
from contextlib import contextmanager

import pytest

from tests.accounts.support import ANNE, add_account, password_hash
from tests.cli.helpers import search, titles
from tests.conftest import DATA
from veille.accounts import sessions
from veille.errors import VeilleError
from veille.instance import move_store, open_instance
from veille.models import User
from veille.settings import load_settings
from veille.store import copying
from veille.store import users as user_store
from veille.store.database import connect
from veille.store.schema import metadata


class Interrupted(Exception):
    """The copy stopped from outside (a signal, a lost connection)."""


def fill(veille) -> None:
    """An instance holding items, sources, resources, an account, its session and a
    dossier."""
    veille("init")
    veille("import", str(DATA / "import" / "items.jsonl"))
    instance = open_instance(load_settings())
    user = add_account(instance, ANNE, "advisor")
    sessions.start(instance, user.id)
    ids = [r["id"] for r in search(veille, "")["results"]]
    veille("dossiers", "create", "Forum")
    veille("dossiers", "add", "Forum", ids[0], "--note", "à lire")


def answers(found: dict) -> tuple[int, list[str]]:
    return found["total"], titles(found)


def on(url: str, *args: str) -> str:
    """`veille ARGS` on the instance whose store is now `url`, in a process of its own (as a
    user would run it, its connections closed when it ends)."""
    env = {**os.environ, "VEILLE_STORE_URL": url}
    return subprocess.run([sys.executable, "-m", "veille", *args], env=env, check=True,
                          capture_output=True, text=True).stdout


def counted(url: str) -> dict[str, int]:
    engine = connect(url)
    with engine.connect() as conn:
        counts = {t.name: copying.count(conn, t) for t in metadata.sorted_tables}
    engine.dispose()
    return counts


def test_a_copied_instance_is_searched_as_the_original(veille, postgres):
    fill(veille)
    queries = ("", "compétences", "métier*")
    before = {query: answers(search(veille, query)) for query in queries}
    target = postgres.database()
    stored = counted(str(open_instance(load_settings()).engine.url))["items"]
    shown = veille("migrate-store", "--to", target).stdout
    assert f"\nitems: {stored} rows\n" in shown and "store copied:" in shown
    after = {query: answers(json.loads(on(target, "search", query, "--json")))
             for query in queries}
    assert after == before
    on(target, "dossiers", "create", "Après")  # a new id, past the copied ones
    assert on(target, "dossiers", "list").splitlines() == ["Après: 0 documents",
                                                           "Forum: 1 document"]


def test_an_interrupted_copy_is_resumed_where_it_stopped(veille, postgres):
    fill(veille)
    target = postgres.database()

    @contextmanager
    def stopping(label: str, total: int):
        def advance(steps: int) -> None:
            if label == "copying items":
                raise Interrupted
        yield advance

    source = str(open_instance(load_settings()).engine.url)
    engine = connect(target)
    with pytest.raises(Interrupted):
        copying.copy_store(connect(source), engine, stopping, batch=2)
    engine.dispose()
    assert counted(target)["items"] == 2
    veille("migrate-store", "--to", target)
    assert counted(target) == counted(source)
    assert json.loads(on(target, "search", "", "--json"))["total"] == counted(source)["items"]


def test_a_database_in_use_is_refused(veille, postgres):
    fill(veille)
    target = postgres.migrated()
    engine = connect(target)
    with engine.begin() as conn:
        user_store.add(conn, User("bruno@maison.test", "admin", password_hash()))
    engine.dispose()
    failed = veille("migrate-store", "--to", target, expect=1)
    assert failed.stderr.strip().splitlines()[-1].startswith("Error: the database ")
    assert "is not empty" in failed.stderr and "Traceback" not in failed.stderr


def test_only_postgresql_is_a_target(veille, tmp_path):
    veille("init")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    failed = veille("migrate-store", "--to", other, expect=1)
    assert failed.stderr == f"Error: migrate-store copies to PostgreSQL, not to {other}\n"


def test_counts_that_differ_are_an_error_and_a_second_run_completes_the_copy(veille, postgres):
    """A row stored in the source while the copy is under way, in a table already copied
    (audit_log comes first): the counts tell, the copy says so and is not done."""
    fill(veille)
    instance = open_instance(load_settings())
    target = postgres.database()

    @contextmanager
    def writing(label: str, total: int):
        if label == "copying users":
            veille("sources", "add", "https://exemple.test/flux.xml", "--name", "Pendant")
        yield lambda steps: None

    with pytest.raises(VeilleError, match=r"^counts differ after the copy .*audit_log \d+ in "
                                          r"the source, \d+ copied"):
        move_store(instance, target, writing)
    shown = veille("migrate-store", "--to", target).stdout
    assert "store copied:" in shown
    assert counted(target) == counted(str(instance.engine.url))
