"""A source's health: its status, how long it waits after failures, when it runs next.

The scheduler and every view of the sources (CLI, web) read it from here, so they agree.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..models import Source


@dataclass(frozen=True)
class Health:
    """A source as its views show it: with its status and when it runs next."""

    source: Source
    status: str
    next_run: datetime | None


def of(source: Source, now: datetime, max_backoff: int) -> Health:
    return Health(source, status(source), next_run(source, now, max_backoff))


def status(source: Source) -> str:
    """One of: new, ok, failing, paused, disabled."""
    if not source.enabled:
        return "disabled"
    if source.paused_at:
        return "paused"
    if source.error_count:
        return "failing"
    return "ok" if source.last_success_at else "new"


def wait_after_last_attempt(source: Source, max_backoff: int) -> int:
    """Seconds between two attempts: the interval, doubled at each failure in a row (up to
    `max_backoff`, or the interval itself if longer), so a broken site is asked less often."""
    if not source.error_count:
        return source.every
    doubled = source.every * 2 ** min(source.error_count - 1, 30)
    return min(doubled, max(source.every, max_backoff))


def next_run(source: Source, now: datetime, max_backoff: int) -> datetime | None:
    """When the source is next due (`now` if it is due already); None if it does not run by
    itself (paused, disabled)."""
    if status(source) in ("paused", "disabled"):
        return None
    if source.last_fetched_at is None:
        return now
    wait = wait_after_last_attempt(source, max_backoff)
    return max(source.last_fetched_at + timedelta(seconds=wait), now)


def is_due(source: Source, now: datetime, max_backoff: int) -> bool:
    """Whether a scheduled run should collect the source now.

    The scheduler's runs come every interval, counted from when they start, while the wait
    is counted from when the last attempt ended: half an interval of slack absorbs that.
    """
    due = next_run(source, now, max_backoff)
    return due is not None and due - timedelta(seconds=source.every / 2) <= now
