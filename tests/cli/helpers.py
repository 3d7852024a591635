"""Helpers for the command tests: search through the CLI, compare store and index."""

import json

from whoosh import index as whoosh_index

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
