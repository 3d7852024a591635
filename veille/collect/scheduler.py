"""Builds the APScheduler jobs from the sources; the CLI and the jobs share `run_source`.

One job per enabled source, with a fixed id, so that a source never runs twice at once.
The jobs are rebuilt from the store (not pickled in a job store): a refresh job picks up
sources added, changed or removed while veille runs, and the first run of each source is
computed from its last fetch, so a restart does not fetch everything again at once.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_SCHEDULER_SHUTDOWN
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from ..diffuse import alerts, bulletins
from ..durations import parse_duration
from ..errors import NotFound
from ..fetch.client import Fetcher
from ..instance import Instance
from ..models import Source
from ..store import sources as source_store
from ..store.leaderlock import LeaderLock, lead
from ..store.schema import utcnow
from . import health
from .pipeline import run_source

log = logging.getLogger(__name__)
REFRESH_JOB = "refresh-sources"
INDEX_JOB = "reconcile-index"
ALERTS_JOB = "email-alerts"
BULLETINS_JOB = "planned-bulletins"
LEAD_JOB = "check-lead"
BULLETINS_EVERY = 60  # seconds: a planned bulletin goes within a minute of its time
SOURCE_JOB_PREFIX = "source-"
INDEX_EVERY = 300


def build_scheduler(
    instance: Instance, scheduler_class: type[BaseScheduler] = BackgroundScheduler
) -> BaseScheduler:
    """Return a scheduler, not yet started, that keeps every active source collected.

    Its jobs share one Fetcher, so that politeness towards a host holds across sources.
    """
    config = instance.settings.scheduler
    fetcher = Fetcher(instance.settings.fetch)
    scheduler = scheduler_class(
        timezone=config.timezone,
        job_defaults={
            "max_instances": 1,
            "coalesce": True,
            "misfire_grace_time": config.misfire_grace,
        },
    )
    scheduler.add_listener(lambda _event: fetcher.close(), EVENT_SCHEDULER_SHUTDOWN)
    scheduler.add_job(
        refresh_jobs,
        IntervalTrigger(seconds=config.refresh_every),
        args=[scheduler, instance, fetcher],
        id=REFRESH_JOB,
        next_run_time=utcnow(),
    )
    # First at once: it rebuilds an index left missing, damaged or of an older schema.
    scheduler.add_job(
        instance.sync_index,
        IntervalTrigger(seconds=INDEX_EVERY),
        id=INDEX_JOB,
        next_run_time=utcnow(),
    )
    hour = alerts.alert_hour(instance.settings)
    missed = {"next_run_time": utcnow()} if alert_hour_passed(hour, config.timezone,
                                                              utcnow()) else {}
    scheduler.add_job(
        send_alerts,
        CronTrigger(hour=hour, timezone=config.timezone),
        args=[instance],
        id=ALERTS_JOB,
        **missed,
    )
    scheduler.add_job(
        send_bulletins,
        IntervalTrigger(seconds=BULLETINS_EVERY),
        args=[instance],
        id=BULLETINS_JOB,
        next_run_time=utcnow(),
    )
    return scheduler


def alert_hour_passed(hour: int, timezone: str, now: datetime) -> bool:
    """Whether today's alert hour has passed at `now`: a scheduler started after it (a
    restart, a machine off at that hour) sends the alerts due at once, not tomorrow; those
    already sent today are not due (alerts.is_due), so none goes twice."""
    return now.astimezone(ZoneInfo(timezone)).hour >= hour


def job_id(source: Source) -> str:
    return f"{SOURCE_JOB_PREFIX}{source.id}"


def refresh_jobs(scheduler: BaseScheduler, instance: Instance, fetcher: Fetcher) -> None:
    """Make the source jobs match the active sources of the store."""
    with instance.engine.connect() as conn:
        wanted = {job_id(s): s for s in source_store.all_sources(conn, active_only=True)}
    for job in scheduler.get_jobs():
        if job.id.startswith(SOURCE_JOB_PREFIX) and job.id not in wanted:
            job.remove()
    now = utcnow()
    max_backoff = parse_duration(instance.settings.collect.max_backoff)
    for identifier, source in wanted.items():
        job = scheduler.get_job(identifier)
        if job is None:
            scheduler.add_job(
                collect_source,
                IntervalTrigger(seconds=source.every),
                args=[instance, source.id, fetcher],
                id=identifier,
                name=source.name,
                next_run_time=first_run(source, now, max_backoff),
            )
        elif job.trigger.interval.total_seconds() != source.every:
            job.reschedule(IntervalTrigger(seconds=source.every))


def first_run(source: Source, now: datetime, max_backoff: int) -> datetime:
    """When a source is next due; a never-fetched watch list is spread over a minute."""
    if source.last_fetched_at is None:
        return now + timedelta(seconds=(source.id or 0) % 60)
    return health.next_run(source, now, max_backoff) or now


def collect_source(instance: Instance, source_id: int, fetcher: Fetcher) -> None:
    """Job body: collect one source as the store has it now, unless it must wait longer."""
    try:
        with instance.engine.connect() as conn:
            source = source_store.get(conn, source_id)
    except NotFound:
        return
    max_backoff = parse_duration(instance.settings.collect.max_backoff)
    if not health.is_due(source, utcnow(), max_backoff):
        return
    report = run_source(instance, source, fetcher)
    if report.failed:
        log.warning("%s failed: %s", source.name, report.error)
    else:
        log.info("%s: %d new, %d updated", source.name, report.new, report.updated)


def send_alerts(instance: Instance) -> None:
    """Job body: send the email alerts of saved searches that are due (once a day)."""
    report = alerts.send_due(instance)
    if not (report.skipped or report.error):
        log.info("alerts: %d sent, %d without anything new", len(report.sent), report.quiet)


def send_bulletins(instance: Instance) -> None:
    """Job body: send the bulletins planned for now or earlier (bulletins.send_due)."""
    for bulletin_id, outcome in bulletins.send_due(instance).items():
        log.info("planned bulletin %s: %s", bulletin_id, outcome)


def run_worker(instance: Instance) -> None:
    """Run the scheduler in the foreground until interrupted (`veille worker`), once this
    process leads the instance (veille.store.leaderlock): a second worker waits, says so, and takes
    over when the first ends, however it ends."""
    leading = Leading(instance)

    def say_leading(_waited: bool) -> None:
        log.warning("veille worker: collecting sources from %s (Ctrl+C to stop)", instance.root)

    try:
        leading.run("veille worker: another process runs the scheduler of %s; waiting to take "
                    "over", say_leading)
    except (KeyboardInterrupt, SystemExit):
        leading.stop()


def start_when_leading(instance: Instance) -> "Leading":
    """The embedded scheduler of a one-process `veille serve`, run in the background whenever
    this process leads the instance (at once unless a `veille worker` runs); stop it with
    `stop()`."""
    leading = Leading(instance)

    def say_leading(waited: bool) -> None:
        if waited:
            log.warning("veille serve: the scheduler of %s runs in this process now",
                        instance.root)

    threading.Thread(target=leading.run, name="scheduler-leader", daemon=True, args=(
        "veille serve: another process runs the scheduler of %s; this one serves, and takes "
        "the scheduler over when that one ends", say_leading)).start()
    return leading


@dataclass
class Leading:
    """The scheduler a process runs while it leads its instance: a new one each time it takes
    the lead. Every [scheduler] lead_check_every seconds the scheduler checks that the lock
    is held still (on PostgreSQL its session may end under a live process, and another
    process take over): if not, it stops and the process waits to lead again, so that two
    schedulers never run at once."""

    instance: Instance
    scheduler: BaseScheduler | None = None
    stopped: threading.Event = field(default_factory=threading.Event)

    def run(self, waiting: str, say_leading: Callable[[bool], None]) -> None:
        """Lead, run the scheduler until it stops, and lead again if it stopped for having
        lost the lock; `waiting` says another process leads (with the instance's folder)."""
        lock = self.instance.leader_lock
        while True:
            waited = lead(lock, lambda: log.warning(waiting, self.instance.root))
            if self.stopped.is_set():
                return
            self.scheduler = build_scheduler(self.instance, BlockingScheduler)
            self.scheduler.add_job(
                _check_lead, IntervalTrigger(seconds=self.instance.settings.scheduler
                                             .lead_check_every),
                args=[lock, self.scheduler], id=LEAD_JOB)
            say_leading(waited)
            self.scheduler.start()  # returns once stopped, or once the lock is lost
            if self.stopped.is_set():
                return
            lock.release()
            log.error("the scheduler of %s stops: this process no longer holds its lock (its "
                      "database session ended)", self.instance.root)

    def stop(self) -> None:
        self.stopped.set()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)


def _check_lead(lock: LeaderLock, scheduler: BaseScheduler) -> None:
    if not lock.holds():
        scheduler.shutdown(wait=False)
