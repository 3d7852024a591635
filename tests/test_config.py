"""The shipped config: the watch list and the starter resources are valid and complete."""

from pathlib import Path

from veille.collectors.documents import parse_markdown
from veille.sources.watchlist import read_watchlist

CONFIG = Path(__file__).parents[1] / "config"
EXPECTED_SOURCES = {
    "Centre Inffo", "Céreq", "France compétences", "DARES", "France Stratégie", "INSEE",
    "L'Est Républicain", "DNA – Dernières Nouvelles d'Alsace",
}


def test_the_watch_list_names_the_french_sources_each_with_kind_interval_and_tags():
    sources = read_watchlist(CONFIG / "sources.toml", "1h")
    assert EXPECTED_SOURCES <= {source.name for source in sources}
    for source in sources:
        assert source.kind == "feed"
        assert source.every >= 3600
        assert source.tags
        assert source.url.startswith("https://")


def test_there_are_ten_to_twenty_starter_resources_all_readable():
    documents = sorted((CONFIG / "resources").glob("*.md"))
    assert 10 <= len(documents) <= 20
    for path in documents:
        entry = parse_markdown(path.name, path.read_bytes())
        assert entry.kind == "resource"
        assert entry.title and entry.summary and entry.tags and entry.published
        assert len(entry.content) > 500
