"""`veille sources …`: adding, listing with health, pausing, OPML."""

import json

from tests.cli.helpers import ATOM, RSS
from tests.conftest import DATA


def test_adding_a_source_twice_is_refused_with_the_existing_one(veille, feed_server):
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi")
    result = veille("sources", "add", feed_server.url(RSS), expect=1)
    assert "already watched as source 1 (Emploi)" in result.stderr


def listed(veille) -> dict[str, dict]:
    return {row["name"]: row for row in json.loads(veille("sources", "list", "--json").stdout)}


def test_the_list_shows_status_last_error_and_next_run(veille, feed_server):
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi", "--every", "2h")
    veille("sources", "add", feed_server.url("/status/500"), "--name", "En panne")
    veille("sources", "add", feed_server.url(ATOM), "--name", "Jamais lue")
    veille("collect", "--source", "1", "--source", "2")
    rows = listed(veille)
    assert rows["Emploi"]["status"] == "ok" and rows["Emploi"]["every"] == "2h"
    assert rows["En panne"]["status"] == "failing"
    assert "HTTP 500" in rows["En panne"]["last_error"]
    assert rows["Jamais lue"]["status"] == "new"
    assert rows["Emploi"]["next_run"] > rows["Emploi"]["last_success_at"]
    text = veille("sources", "list").stdout
    assert "failing, next run:" in text and "1 failures in a row, last: HTTP 500" in text


def test_a_source_failing_too_often_is_paused_and_left_out_of_collect_all(
    veille, feed_server, monkeypatch
):
    monkeypatch.setenv("VEILLE_COLLECT_PAUSE_AFTER", "2")
    veille("init")
    veille("sources", "add", feed_server.url("/status/503"), "--name", "En panne")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi")
    veille("collect", "--all")
    veille("collect", "--all")
    assert listed(veille)["En panne"]["status"] == "paused"
    assert listed(veille)["En panne"]["next_run"] is None
    assert "1 sources, 0 failed" in veille("collect", "--all").stdout
    assert "none (paused or disabled)" in veille("sources", "list").stdout


def test_pausing_and_resuming_by_hand(veille, feed_server):
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi")
    assert "source 1 paused" in veille("sources", "pause", "1").stdout
    assert listed(veille)["Emploi"]["status"] == "paused"
    assert "0 sources" in veille("collect", "--all").stdout
    veille("sources", "resume", "1")
    assert listed(veille)["Emploi"]["status"] == "new"


def test_pausing_an_unknown_source_says_so(veille):
    veille("init")
    assert "no source with id 9" in veille("sources", "pause", "9", expect=1).stderr


def test_a_page_source_is_added_with_its_selectors(veille, feed_server):
    veille("init")
    url = feed_server.url("/actualites.html")
    veille("sources", "add", url, "--kind", "page", "--name", "Actus",
           "--select", "item=article.carte", "--select", "title=h3")
    assert listed(veille)["Actus"]["options"] == {"page": {"item": "article.carte", "title": "h3"}}


def test_a_page_source_without_an_item_selector_is_refused(veille, feed_server):
    veille("init")
    result = veille("sources", "add", feed_server.url("/a.html"), "--kind", "page", expect=1)
    assert '"item"' in result.stderr


def test_a_wrong_selector_option_is_a_usage_error(veille, feed_server):
    veille("init")
    result = veille("sources", "add", feed_server.url("/a.html"), "--kind", "page",
                    "--select", "titre=h3", expect=2)
    assert "FIELD=CSS" in result.stderr


def test_opml_import_adds_feeds_with_folder_tags_and_reports_skipped_ones(veille):
    veille("init")
    result = veille("sources", "import-opml", str(DATA / "opml" / "freshrss-categories.opml"))
    assert "sources added" in result.stdout and "skipped" in result.stderr
    again = veille("sources", "import-opml", str(DATA / "opml" / "freshrss-categories.opml"))
    assert again.stdout.startswith("0 sources added")
    assert any("grand est" in row["tags"] for row in listed(veille).values())


def test_opml_export_then_import_into_another_instance_gives_the_same_sources(
    veille, feed_server, tmp_path, monkeypatch
):
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi & co", "--tag", "Moselle",
           "--every", "3h")
    veille("sources", "add", feed_server.url("/a.html"), "--kind", "page", "--name", "Actus",
           "--select", "item=article")
    exported = tmp_path / "export.opml"
    veille("sources", "export-opml", "--output", str(exported))
    before = listed(veille)
    monkeypatch.setenv("VEILLE_INSTANCE", str(tmp_path / "other"))
    veille("init")
    assert veille("sources", "import-opml", str(exported)).stdout.startswith("2 sources added")
    after = listed(veille)
    for name in ("Emploi & co", "Actus"):
        keys = ("url", "kind", "every", "tags", "options")
        assert {k: after[name][k] for k in keys} == {k: before[name][k] for k in keys}


def test_changes_to_the_sources_are_logged_with_who_made_them(veille, feed_server):
    veille("init")
    veille("sources", "add", feed_server.url(RSS), "--name", "Emploi", "--by", "Claire")
    veille("sources", "pause", "1", "--by", "Claire")
    veille("sources", "resume", "1")
    done = [line.split()[2:5] for line in veille("audit").stdout.splitlines()]  # newest first
    assert done[1:] == [["Claire", "source-pause", "source:1"],
                        ["Claire", "source-add", "source:1"]]
    assert done[0][1:] == ["source-resume", "source:1"] and done[0][0].startswith("cli:")
