"""The real-world corpus: every feedparser test feed, served on loopback, imported as OPML
and collected in one `veille collect --all` — no crash, every failure explained, every
well-formed feed with entries turned into items."""

import io
import json
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import func, select

from veille.instance import open_instance
from veille.settings import load_settings
from veille.sources.opml import write_opml
from veille.sources.watchlist import make_source
from veille.store.schema import item_sources

CONTENT_TYPES = {".xml": "application/xml", ".json": "application/feed+json"}


@pytest.fixture
def corpus(shared_data: Path, feed_server) -> dict[str, Path]:
    """Serve every corpus file; return their URLs."""
    root = shared_data / "feedparser-corpus" / "tests"
    urls = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        feed_server.put(f"/corpus/{relative}", path.read_bytes(), CONTENT_TYPES[path.suffix])
        urls[feed_server.url(f"/corpus/{relative}")] = path
    return urls


def has_entries(path: Path) -> bool:
    return bool(feedparser.parse(io.BytesIO(path.read_bytes())).entries)


@pytest.mark.slow
def test_the_whole_corpus_is_collected_without_a_crash(veille, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_COLLECT_WORKERS", "16")
    monkeypatch.setenv("VEILLE_FETCH_PER_HOST_CONCURRENCY", "16")  # one host serves them all
    opml = tmp_path / "corpus.opml"
    sources = [make_source(url, name=path.name) for url, path in corpus.items()]
    opml.write_bytes(write_opml(sources, "corpus feedparser"))
    veille("init")
    added = veille("sources", "import-opml", str(opml)).stdout
    assert added.startswith(f"{len(corpus)} sources added")

    result = veille("collect", "--all", "--json")

    reports = json.loads(result.stdout)
    assert len(reports) == len(corpus) > 1300
    assert all(report["error"] for report in reports if report["failed"])
    listed = json.loads(veille("sources", "list", "--json").stdout)
    assert all(row["last_success_at"] or row["last_error"] for row in listed)
    instance = open_instance(load_settings())
    with instance.engine.connect() as conn:
        with_items = dict(conn.execute(
            select(item_sources.c.source_id, func.count()).group_by(item_sources.c.source_id)
        ).all())
    path_of = {row["id"]: corpus[row["url"]] for row in listed}
    expected = {
        source_id for source_id, path in path_of.items()
        if "wellformed" in path.parts and has_entries(path)
    }
    missing = sorted(path_of[source_id].name for source_id in expected - set(with_items))
    assert missing == [], f"well-formed feeds with entries that gave no item: {missing[:20]}"
