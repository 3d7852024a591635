"""Helpers for the command tests: search through the CLI, compare store and index, see what
a command imports."""

import json
import subprocess
import sys

from whoosh import index as whoosh_index

from veille.instance import open_instance
from veille.settings import load_settings
from veille.store import items as item_store

RSS, ATOM = "/feeds/emploi-grand-est.rss", "/feeds/formations.atom"
# Libraries some commands need, but not `veille --help` nor `veille settings`.
HEAVY = ("alembic", "apscheduler", "bs4", "feedparser", "flask", "httpx", "numpy",
         "sqlalchemy", "trafilatura", "whoosh")


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


def imported_by(*args: str) -> set[str]:
    """The modules `veille ARGS` imports, run in a fresh interpreter (the environment is the
    test's: its instance, its config)."""
    code = ("import sys\nfrom veille.cli import cli\n"
            "cli.main(sys.argv[1:], prog_name='veille', standalone_mode=False)\n"
            "print('\\n' + ' '.join(sorted(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True)
    return set(run.stdout.splitlines()[-1].split())



def within(modules: set[str], packages: tuple[str, ...]) -> set[str]:
    """Those of `modules` that are one of `packages` or inside one."""
    return {module for module in modules
            if any(module == package or module.startswith(f"{package}.") for package in packages)}
