"""`veille rules`: try a rule on the latest items, save it, apply it to stored items; the
next collections leave out what it blocks."""

import json
import time

from tests import catastrophic
from tests.cli.helpers import search, titles, watch_fixture_feeds
from veille.instance import open_instance
from veille.models import Rule
from veille.settings import load_settings
from veille.store import rules as rule_store


def sources(veille) -> dict[str, int]:
    return {s["name"]: s["id"] for s in json.loads(veille("sources", "list", "--json").stdout)}


def test_a_block_rule_is_previewed_saved_applied_and_then_collection_leaves_it_out(
    veille, feed_server
):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    soudeurs = ["Soudeurs recherchés dans le bassin de Thionville"]
    assert titles(search(veille, "soudeurs")) == soudeurs
    preview = veille("rules", "preview", "--block", "--words", "Thionville SOUDEURS")
    assert "of the latest 9 items, this rule leaves out 1:" in preview.stdout
    assert "Soudeurs recherchés dans le bassin de Thionville" in preview.stdout
    assert search(veille, "soudeurs")["total"] == 1  # a preview saves nothing
    added = veille("rules", "add", "--block", "--words", "Thionville SOUDEURS")
    assert "rule 1 saved" in added.stdout
    assert "would delete 1 items" in veille("rules", "apply", "1", "--dry-run").stdout
    assert search(veille, "soudeurs")["total"] == 1
    assert "deleted 1 items" in veille("rules", "apply", "1", "--by", "Claire").stdout
    log = veille("audit").stdout
    assert " rule-add rule:1 " in log and 'Claire rule-apply rule:1 {"deleted": 1}' in log
    assert search(veille, "soudeurs")["total"] == 0
    feed_server.put("/feeds/emploi-grand-est.rss",
                    (feed_server.root / "emploi-grand-est.rss").read_bytes()
                    .replace(b"<rss", b"<!-- changed --><rss"))
    again = veille("collect", "--all")
    assert "1 left out by rules" in again.stderr
    assert search(veille, "soudeurs")["total"] == 0


def test_keep_rules_of_one_source_leave_its_other_items_out(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    formations = sources(veille)["Formations"]
    veille("rules", "add", "--keep", "--regex", r"cuisin|maintenance", "--for-source",
           str(formations))
    veille("collect", "--all")
    found = json.loads(veille("search", "", "--json", "--limit", "100").stdout)["results"]
    from_formations = sorted(r["title"] for r in found if r["source"] == "Formations")
    assert from_formations == [
        "Cuisinier : titre professionnel, session de printemps à Reims",
        "Technicien de maintenance industrielle : une formation à Épinal",
    ]
    assert search(veille, "soudeurs")["total"] == 1  # the other source keeps everything
    listed = veille("rules", "list").stdout
    assert f"1: keep regex 'cuisin|maintenance' (source {formations})" in listed


def test_a_rule_that_cannot_work_is_refused_with_a_message(veille):
    veille("init")
    result = veille("rules", "add", "--block", "--regex", "(promo", expect=1)
    assert "invalid regular expression '(promo'" in result.stderr
    assert "say --keep or --block" in veille("rules", "preview", "--words", "x",
                                             expect=2).stderr
    assert "name one of" in veille("rules", "add", "--block", expect=2).stderr
    assert "no rule 7" in veille("rules", "delete", "7", expect=1).stderr
    assert veille("audit").stdout == ""  # nothing was changed
    assert veille("rules", "list", "--json").stdout.strip() == "[]"


def test_a_backtracking_regex_is_tried_and_saved_promptly(veille, feed_server):
    veille("init")
    feed_server.put("/offres.rss", catastrophic.feed())
    veille("sources", "add", feed_server.url("/offres.rss"), "--name", "Offres du jour")
    veille("collect", "--all")
    for command in ("preview", "add"):
        started = time.monotonic()
        result = veille("rules", command, "--block", "--regex", catastrophic.PATTERN)
        assert time.monotonic() - started < catastrophic.PROMPTLY, command
        assert "of the latest 1 items, this rule leaves out 1:" in result.stdout


def test_a_regex_rules_cannot_run_in_linear_time_is_refused_in_one_line(veille):
    veille("init")
    for command in ("preview", "add"):
        result = veille("rules", command, "--block", "--regex", r"(\w+) \1", expect=1)
        assert result.stderr.splitlines() == [
            "Error: unsupported regular expression '(\\\\w+) \\\\1': \\1 is not allowed "
            "(rules run on RE2: no back-references, no assertions such as (?=…), (?<=…) or \\b)"]
    assert veille("rules", "list", "--json").stdout.strip() == "[]"


def test_a_stored_rule_rules_cannot_run_any_more_is_listed_as_skipped(veille):
    veille("init")
    with open_instance(load_settings()).engine.begin() as conn:  # saved before RE2
        rule_store.add(conn, Rule("block", "regex", r"\bpromo\b"))
    veille("rules", "add", "--block", "--words", "promo")
    listed = veille("rules", "list").stdout.splitlines()
    assert listed[0].startswith("1: block regex '\\\\bpromo\\\\b' (all sources) — skipped: "
                                "unsupported regular expression")
    assert listed[1] == "2: block words 'promo' (all sources)"
    assert "would delete 0 items" in veille("rules", "apply", "2", "--dry-run").stdout
