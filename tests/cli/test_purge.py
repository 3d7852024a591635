"""`veille purge`: news past its retention goes; curated, published items and resources stay."""

import json

from tests.cli.helpers import ATOM, RSS, search, watch_fixture_feeds


def every_id(veille) -> set[str]:
    found = json.loads(veille("search", "", "--json", "--limit", "100").stdout)["results"]
    return {r["id"] for r in found}


def test_news_past_the_retention_goes_but_curated_items_and_resources_stay(
    veille, feed_server, monkeypatch
):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    news = {r["id"] for r in json.loads(veille("search", "type:news", "--json", "--limit",
                                               "100").stdout)["results"]}
    assert len(news) == 9
    starred, tagged, noted, hidden, published = sorted(news)[:5]
    veille("items", "publish", published, "--sector", "H")
    veille("items", "curate", starred, "--star")
    veille("items", "curate", tagged, "--tag", "à garder")
    veille("items", "curate", noted, "--note", "Pour le bulletin")
    veille("items", "curate", hidden, "--hide")
    before = every_id(veille)
    assert "would delete 0 items" in veille("purge", "--dry-run").stdout  # no policy
    monkeypatch.setenv("VEILLE_RETENTION_NEWS_AFTER", "30d")
    dry = veille("purge", "--dry-run").stdout
    doomed = len(news) - 4
    assert f"would delete {doomed} items" in dry
    assert every_id(veille) == before
    assert f"deleted {doomed} items" in veille("purge", "--by", "Claire").stdout
    assert 'Claire purge news {"Emploi Grand Est": ' in veille("audit").stdout
    assert every_id(veille) == before - news | {starred, tagged, noted, published}
    assert search(veille, "type:resource")["total"] == 2  # the starter resources
    assert "would delete 0 items" in veille("purge", "--dry-run").stdout


def test_a_sources_keep_for_overrides_the_setting(veille, feed_server, monkeypatch):
    monkeypatch.setenv("VEILLE_RETENTION_NEWS_AFTER", "3650d")
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Court", "--keep-for", "30d")
    veille("sources", "add", feed_server.url(ATOM), "--name", "Formations")
    veille("collect", "--all")
    result = veille("purge").stdout
    assert "deleted 5 items" in result and "  Court: 5" in result
    assert search(veille, "soudeurs")["total"] == 0
    assert search(veille, "cuisinier")["total"] == 1  # kept ten years


def test_a_bad_keep_for_is_refused(veille):
    veille("init")
    assert "invalid duration" in veille("sources", "add", "https://exemple.test/flux",
                                        "--keep-for", "bientôt", expect=1).stderr
