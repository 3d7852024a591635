"""`veille collect` end to end: sources on a loopback server, the store, the index."""

import json

from tests.cli.helpers import (
    RSS,
    search,
    store_and_index_ids,
    titles,
    watch_fixture_feeds,
)
from tests.conftest import DATA


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
    assert [listed[name]["last_error_kind"] for name in ("En panne", "Trop lente", "Page")] == [
        "server_error", "timeout", "not_a_feed"]
    assert all(listed[name]["error_count"] == 1 for name in ("En panne", "Trop lente", "Page"))
    assert listed["Emploi Grand Est"]["error_count"] == 0
    assert listed["Emploi Grand Est"]["last_success_at"]
    assert search(veille, "soudeur")["total"] == 1


def test_collect_needs_sources_named_or_all(veille):
    veille("init")
    assert "--all" in veille("collect", expect=2).stderr


def test_the_same_article_in_two_feeds_is_one_item_with_two_sources(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    relay = (DATA / "feeds" / "emploi-grand-est.rss").read_text(encoding="utf-8")
    feed_server.put("/relais.rss", relay.replace("Emploi et formation", "Relais").encode())
    veille("sources", "add", feed_server.url("/relais.rss"), "--name", "Relais")
    [relay_report] = json.loads(veille("collect", "--source", "3", "--json").stdout)
    assert (relay_report["new"], relay_report["unchanged"]) == (0, 5)
    stored, indexed = store_and_index_ids()
    assert len(stored) == 11 and stored == indexed
    found = search(veille, "soudeur")
    assert found["total"] == 1 and found["results"][0]["source"] == "Emploi Grand Est"


def test_refetch_reports_what_it_updated(veille, feed_server):
    feed_server.put("/resumes.rss", b'<rss version="2.0"><channel><title>R</title><item>'
                    b"<title>Blog</title><link>" + feed_server.url("/articles/blog").encode()
                    + b"</link><description>Un r\xc3\xa9sum\xc3\xa9.</description></item>"
                    b"</channel></rss>")
    veille("init")
    veille("sources", "add", feed_server.url("/resumes.rss"), "--full-text")
    veille("collect", "--all")
    feed_server.put("/articles/blog", (DATA / "articles" / "blog.html").read_bytes(), "text/html")
    result = veille("refetch", "--source", "1", "--limit", "5")
    assert "1 items updated, 0 unchanged" in result.stdout
    assert "refetching: 1/1" in result.stderr
