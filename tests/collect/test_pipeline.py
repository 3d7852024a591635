"""veille.collect.pipeline: fetch → parse → normalise → store → index, one source at a time."""

import logging
import time

from tests import catastrophic
from veille.collect import pipeline
from veille.curate import rulebook
from veille.models import Rule
from veille.sources.watchlist import make_source
from veille.store import fetch_log
from veille.store import items as item_store
from veille.store import rules as rule_store
from veille.store import sources as source_store

RSS = "/feeds/emploi-grand-est.rss"


def watch(instance, url: str, **options):
    with instance.engine.begin() as conn:
        return source_store.add(conn, make_source(url, **options))


def test_each_attempt_is_written_to_the_fetch_log(instance, feed_server):
    good = watch(instance, feed_server.url(RSS))
    broken = watch(instance, feed_server.url("/status/503"))
    for _ in range(2):
        with instance.engine.connect() as conn:
            sources = source_store.all_sources(conn)
        pipeline.collect(instance, sources)
    with instance.engine.connect() as conn:
        good_log = fetch_log.recent(conn, good.id)
        broken_log = fetch_log.recent(conn, broken.id)
        broken_now = source_store.get(conn, broken.id)
    assert [(row["outcome"], row["http_status"], row["new"]) for row in good_log] == [
        ("not_modified", 304, 0),
        ("ok", 200, 5),
    ]
    assert [row["outcome"] for row in broken_log] == ["error", "error"]
    assert "HTTP 503" in broken_log[0]["error"]
    assert broken_now.error_count == 2 and broken_now.last_error_at


def test_a_failure_is_recorded_with_its_kind_and_forgotten_after_a_success(
        instance, feed_server):
    source = watch(instance, feed_server.url(RSS))
    feed_server.put(RSS, b"<html><body>maintenance</body></html>", "text/html")
    failed = pipeline.run_source(instance, source)
    with instance.engine.connect() as conn:
        failing = source_store.get(conn, source.id)
    del feed_server.extra[RSS]
    with instance.engine.connect() as conn:
        report = pipeline.run_source(instance, source_store.get(conn, source.id))
        recovered = source_store.get(conn, source.id)
    assert (failed.error_kind, failing.last_error_kind) == ("not_a_feed", "not_a_feed")
    assert "not a feed" in failing.last_error
    assert not report.failed and report.new == 5
    assert recovered.error_count == 0 and recovered.last_success_at
    assert (recovered.last_error, recovered.last_error_kind) == (None, None)


def test_items_carry_the_source_tags_then_the_feed_categories(instance, feed_server):
    source = watch(instance, feed_server.url(RSS), name="Emploi GE", tags=("Grand Est",))
    pipeline.run_source(instance, source)
    with instance.engine.connect() as conn:
        items = {item.title: item for item, _ in item_store.iter_all(conn)}
    soudeurs = items["Soudeurs recherchés dans le bassin de Thionville"]
    assert soudeurs.tags == ("grand est", "industrie", "moselle")
    assert soudeurs.source == "Emploi GE" and soudeurs.source_id == source.id


def test_hostile_markup_in_a_feed_is_sanitised_before_it_is_stored(instance, feed_server):
    pipeline.run_source(instance, watch(instance, feed_server.url(RSS)))
    with instance.engine.connect() as conn:
        items = {item.title: item for item, _ in item_store.iter_all(conn)}
    html = items["Soudeurs recherchés dans le bassin de Thionville"].content_html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "alert" not in items["Soudeurs recherchés dans le bassin de Thionville"].content_text


def test_relative_links_are_resolved_and_tracking_parameters_dropped(instance, feed_server):
    pipeline.run_source(instance, watch(instance, feed_server.url(RSS)))
    with instance.engine.connect() as conn:
        urls = {item.url for item, _ in item_store.iter_all(conn)}
    assert feed_server.url("/actualites/vae-collective-ardennes") in urls
    assert "https://exemple.test/actualites/btp-moselle" in urls


def test_a_saved_backtracking_regex_does_not_hold_up_a_collection(instance, feed_server):
    feed_server.put("/offres.rss", catastrophic.feed())
    source = watch(instance, feed_server.url("/offres.rss"))
    rulebook.save(instance, Rule("block", "regex", catastrophic.PATTERN), "Claire")
    started = time.monotonic()
    report = pipeline.run_source(instance, source)
    assert time.monotonic() - started < catastrophic.PROMPTLY
    assert (report.failed, report.fetched, report.blocked) == (False, 1, 1)


def test_a_stored_rule_rules_cannot_run_is_skipped_and_reported_the_others_apply(
    instance, feed_server, caplog
):
    with instance.engine.begin() as conn:  # a rule saved before rules ran on RE2
        rule_store.add(conn, Rule("block", "regex", r"(\w+) \1"))
    rulebook.save(instance, Rule("block", "words", "Thionville"), "Claire")
    with caplog.at_level(logging.WARNING, logger="veille.collect.pipeline"):
        report = pipeline.run_source(instance, watch(instance, feed_server.url(RSS)))
    assert not report.failed and (report.new, report.blocked) == (4, 1)
    assert "rule 1 is skipped: unsupported regular expression '(\\\\w+) \\\\1'" in caplog.text
