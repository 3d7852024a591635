"""The scheduler keeps one job per enabled source and collects through run_source."""

import threading
from datetime import datetime, timedelta

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy import delete, update

from veille.collect.scheduler import (
    ALERTS_JOB,
    BULLETINS_JOB,
    INDEX_JOB,
    REFRESH_JOB,
    alert_hour_passed,
    build_scheduler,
    first_run,
    refresh_jobs,
)
from veille.fetch.client import Fetcher
from veille.instance import Instance
from veille.sources.watchlist import make_source
from veille.store import items as item_store
from veille.store import sources as source_store
from veille.store.schema import sources as sources_table
from veille.store.schema import utcnow

RSS = "/feeds/emploi-grand-est.rss"


DAY = 86400


@pytest.fixture
def fetcher(instance: Instance):
    with Fetcher(instance.settings.fetch) as shared:
        yield shared


@pytest.fixture
def paused(instance: Instance):
    """A started but paused scheduler: its jobs are real, none of them runs."""
    scheduler = build_scheduler(instance)
    scheduler.start(paused=True)
    yield scheduler
    scheduler.shutdown(wait=True)


def add_source(instance: Instance, url: str, every: str = "1h"):
    with instance.engine.begin() as conn:
        return source_store.add(conn, make_source(url, every=every))


def test_each_active_source_gets_one_job_with_a_fixed_id(instance, paused, fetcher):
    first = add_source(instance, "https://exemple.test/a.rss", "1h")
    second = add_source(instance, "https://exemple.test/b.rss", "30m")
    scheduler = paused
    refresh_jobs(scheduler, instance, fetcher)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {REFRESH_JOB, INDEX_JOB, ALERTS_JOB, BULLETINS_JOB, f"source-{first.id}",
                         f"source-{second.id}"}
    job = jobs[f"source-{second.id}"]
    assert job.trigger.interval == timedelta(minutes=30)
    assert (job.max_instances, job.coalesce, job.misfire_grace_time) == (1, True, 3600)
    assert str(scheduler.timezone) == "Europe/Paris"


def test_refreshing_follows_changed_removed_and_paused_sources(instance, paused, fetcher):
    first = add_source(instance, "https://exemple.test/a.rss", "1h")
    second = add_source(instance, "https://exemple.test/b.rss", "1h")
    scheduler = paused
    third = add_source(instance, "https://exemple.test/c.rss", "1h")
    refresh_jobs(scheduler, instance, fetcher)
    with instance.engine.begin() as conn:
        conn.execute(update(sources_table).where(sources_table.c.id == first.id).values(every=7200))
        conn.execute(delete(sources_table).where(sources_table.c.id == second.id))
        source_store.set_paused(conn, third.id, True)
    refresh_jobs(scheduler, instance, fetcher)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert f"source-{second.id}" not in jobs and f"source-{third.id}" not in jobs
    assert jobs[f"source-{first.id}"].trigger.interval == timedelta(hours=2)


@pytest.mark.parametrize(("utc", "hour", "passed"), [
    ("2026-11-26T06:59:00+00:00", 8, False),  # 07:59 in Paris (winter, UTC+1)
    ("2026-11-26T06:59:00+00:00", 7, True),
    ("2026-11-26T07:00:00+00:00", 8, True),  # 08:00 in Paris
    ("2026-07-01T06:30:00+00:00", 8, True),  # 08:30 in Paris (summer, UTC+2)
    ("2026-07-01T05:30:00+00:00", 8, False),  # 07:30 in Paris
])
def test_the_alert_hour_is_read_in_the_schedulers_time_zone(utc, hour, passed):
    assert alert_hour_passed(hour, "Europe/Paris", datetime.fromisoformat(utc)) is passed


def test_a_scheduler_started_after_the_alert_hour_sends_the_alerts_due_at_once(instance):
    scheduler = build_scheduler(instance)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(ALERTS_JOB)
        passed = alert_hour_passed(instance.settings.alerts.hour, "Europe/Paris", utcnow())
        assert (job.next_run_time <= utcnow()) is passed
    finally:
        scheduler.shutdown(wait=True)


def test_the_scheduler_looks_for_planned_bulletins_every_minute_from_its_start(instance):
    scheduler = build_scheduler(instance)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(BULLETINS_JOB)
        assert job.next_run_time <= utcnow() and job.trigger.interval == timedelta(minutes=1)
    finally:
        scheduler.shutdown(wait=True)


def test_a_source_is_next_due_one_interval_after_its_last_fetch(instance):
    source = make_source("https://exemple.test/a.rss", every="1h")
    now = utcnow()
    source.last_fetched_at = now - timedelta(minutes=10)
    assert first_run(source, now, DAY) == now + timedelta(minutes=50)
    source.last_fetched_at = now - timedelta(hours=3)
    assert first_run(source, now, DAY) == now


def test_a_never_fetched_watch_list_is_spread_over_a_minute():
    now = utcnow()
    starts = set()
    for source_id in range(1, 61):
        source = make_source("https://exemple.test/a.rss")
        source.id = source_id
        starts.add(first_run(source, now, DAY))
    assert len(starts) == 60 and max(starts) - now < timedelta(minutes=1)


def test_the_running_scheduler_collects_a_source_into_store_and_index(instance, feed_server):
    source = add_source(instance, feed_server.url(RSS))
    scheduler = build_scheduler(instance)
    collected = threading.Event()
    outcome = []

    def on_job(event) -> None:
        if event.job_id == f"source-{source.id}":
            outcome.append(event.exception)
            collected.set()

    scheduler.add_listener(on_job, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start()
    try:
        assert collected.wait(timeout=30), "the source job never ran"
    finally:
        scheduler.shutdown(wait=True)
    assert outcome == [None]
    with instance.engine.connect() as conn:
        assert item_store.count(conn) == 5
        assert item_store.pending(conn, 10) == []
        assert source_store.get(conn, source.id).last_success_at is not None
