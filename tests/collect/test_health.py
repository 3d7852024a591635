"""A source's health: status, waiting longer after each failure, next run."""

from datetime import UTC, datetime, timedelta

import pytest

from veille.collect.health import is_due, next_run, status, wait_after_last_attempt
from veille.models import Source

NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)
DAY = 86400


def source(**state) -> Source:
    return Source(name="DARES", url="https://exemple.test/rss", every=3600, id=1, **state)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({}, "new"),
        ({"last_success_at": NOW}, "ok"),
        ({"last_success_at": NOW, "error_count": 2}, "failing"),
        ({"error_count": 10, "paused_at": NOW}, "paused"),
        ({"enabled": False, "paused_at": NOW}, "disabled"),
    ],
)
def test_the_status_sums_up_a_source(state, expected):
    assert status(source(**state)) == expected


@pytest.mark.parametrize(
    ("failures", "hours"), [(0, 1), (1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 24), (60, 24)]
)
def test_the_wait_doubles_at_each_failure_up_to_the_maximum(failures, hours):
    assert wait_after_last_attempt(source(error_count=failures), DAY) == hours * 3600


def test_a_long_interval_is_never_shortened_by_the_maximum_wait():
    weekly = Source(name="x", url="https://x.test", every=7 * DAY, error_count=3)
    assert wait_after_last_attempt(weekly, DAY) == 7 * DAY


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({}, NOW),
        ({"last_fetched_at": NOW - timedelta(minutes=10)}, NOW + timedelta(minutes=50)),
        ({"last_fetched_at": NOW - timedelta(hours=5)}, NOW),
        ({"last_fetched_at": NOW, "error_count": 3}, NOW + timedelta(hours=4)),
        ({"last_fetched_at": NOW, "paused_at": NOW}, None),
        ({"last_fetched_at": NOW, "enabled": False}, None),
    ],
)
def test_the_next_run_follows_the_last_attempt_and_the_wait(state, expected):
    assert next_run(source(**state), NOW, DAY) == expected


@pytest.mark.parametrize(
    ("minutes_since", "failures", "due"),
    [(59, 0, True), (25, 0, False), (60, 2, False), (100, 2, True), (60, 0, True)],
)
def test_a_scheduled_run_collects_only_a_due_source(minutes_since, failures, due):
    last = NOW - timedelta(minutes=minutes_since)
    assert is_due(source(last_fetched_at=last, error_count=failures), NOW, DAY) is due
