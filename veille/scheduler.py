"""Builds the APScheduler jobs from the sources; the CLI and the jobs share `run_source`.

One job per enabled source, with a fixed id, so that a source never runs twice at once.
The jobs are rebuilt from the store (not pickled in a job store): a refresh job picks up
sources added, changed or removed while veille runs, and the first run of each source is
computed from its last fetch, so a restart does not fetch everything again at once.
"""

import logging
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from .errors import NotFound
from .instance import Instance
from .models import Source
from .pipeline import run_source
from .store import sources as source_store
from .store.schema import utcnow

log = logging.getLogger(__name__)
REFRESH_JOB = "refresh-sources"
INDEX_JOB = "reconcile-index"
SOURCE_JOB_PREFIX = "source-"
INDEX_EVERY = 300


def build_scheduler(
    instance: Instance, scheduler_class: type[BaseScheduler] = BackgroundScheduler
) -> BaseScheduler:
    """Return a scheduler, not yet started, that keeps every enabled source collected."""
    config = instance.settings.scheduler
    scheduler = scheduler_class(
        timezone=config.timezone,
        job_defaults={
            "max_instances": 1,
            "coalesce": True,
            "misfire_grace_time": config.misfire_grace,
        },
    )
    scheduler.add_job(
        refresh_jobs,
        IntervalTrigger(seconds=config.refresh_every),
        args=[scheduler, instance],
        id=REFRESH_JOB,
        next_run_time=utcnow(),
    )
    scheduler.add_job(instance.sync_index, IntervalTrigger(seconds=INDEX_EVERY), id=INDEX_JOB)
    return scheduler


def job_id(source: Source) -> str:
    return f"{SOURCE_JOB_PREFIX}{source.id}"


def refresh_jobs(scheduler: BaseScheduler, instance: Instance) -> None:
    """Make the source jobs match the enabled sources of the store."""
    with instance.engine.connect() as conn:
        wanted = {job_id(s): s for s in source_store.all_sources(conn, enabled_only=True)}
    for job in scheduler.get_jobs():
        if job.id.startswith(SOURCE_JOB_PREFIX) and job.id not in wanted:
            job.remove()
    now = utcnow()
    for identifier, source in wanted.items():
        job = scheduler.get_job(identifier)
        if job is None:
            scheduler.add_job(
                collect_source,
                IntervalTrigger(seconds=source.every),
                args=[instance, source.id],
                id=identifier,
                name=source.name,
                next_run_time=first_run(source, now),
            )
        elif job.trigger.interval.total_seconds() != source.every:
            job.reschedule(IntervalTrigger(seconds=source.every))


def first_run(source: Source, now: datetime) -> datetime:
    """When a source is next due; a never-fetched watch list is spread over a minute."""
    if source.last_fetched_at:
        return max(source.last_fetched_at + timedelta(seconds=source.every), now)
    return now + timedelta(seconds=(source.id or 0) % 60)


def collect_source(instance: Instance, source_id: int) -> None:
    """Job body: collect one source as it is in the store now."""
    try:
        with instance.engine.connect() as conn:
            source = source_store.get(conn, source_id)
    except NotFound:
        return
    report = run_source(instance, source)
    if report.failed:
        log.warning("%s failed: %s", source.name, report.error)
    else:
        log.info("%s: %d new, %d updated", source.name, report.new, report.updated)


def run_worker(instance: Instance) -> None:
    """Run the scheduler in the foreground until interrupted (`veille worker`)."""
    scheduler = build_scheduler(instance, BlockingScheduler)
    log.warning("veille worker: collecting sources from %s (Ctrl+C to stop)", instance.root)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)
