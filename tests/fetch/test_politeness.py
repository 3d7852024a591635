"""Politeness: robots.txt is honoured and each host gets its requests one at a time."""

import threading
import time

import pytest

from tests.conftest import FEEDS
from tests.feedserver import FeedServer
from veille.errors import FetchError
from veille.fetch.client import Fetcher
from veille.settings import load_settings

RSS = "/feeds/emploi-grand-est.rss"


def fetcher(**overrides) -> Fetcher:
    values = {"fetch.allow_private_networks": True, "fetch.per_host_delay": 0.0}
    values.update({f"fetch.{key}": value for key, value in overrides.items()})
    return Fetcher(load_settings(env={}, overrides=values).fetch)


def test_a_url_that_robots_txt_disallows_is_not_fetched(feed_server):
    feed_server.put("/robots.txt", b"User-agent: *\nDisallow: /feeds/\n", "text/plain")
    with fetcher() as client, pytest.raises(FetchError, match="robots.txt disallows"):
        client.fetch(feed_server.url(RSS))
    assert feed_server.statuses(RSS) == []


def test_rules_for_veille_are_the_ones_applied(feed_server):
    robots = b"User-agent: *\nDisallow: /\n\nUser-agent: veille\nAllow: /feeds/\n"
    feed_server.put("/robots.txt", robots, "text/plain")
    with fetcher() as client:
        assert client.fetch(feed_server.url(RSS)).status == 200


def test_without_robots_txt_everything_is_allowed_and_it_is_read_once(feed_server):
    with fetcher() as client:
        client.fetch(feed_server.url(RSS))
        client.fetch(feed_server.url("/feeds/formations.atom"))
    assert feed_server.statuses("/robots.txt") == [404]


@pytest.mark.parametrize("status", [500, 503])
def test_a_robots_txt_in_error_means_nothing_is_fetched_for_now(feed_server, status):
    feed_server.put("/robots.txt", b"", "text/plain", status=status)
    with fetcher() as client, pytest.raises(FetchError, match=f"robots.txt answered HTTP {status}"):
        client.fetch(feed_server.url(RSS))
    assert feed_server.statuses(RSS) == []


def test_robots_txt_can_be_ignored_by_setting(feed_server):
    feed_server.put("/robots.txt", b"User-agent: *\nDisallow: /\n", "text/plain")
    with fetcher(respect_robots_txt=False) as client:
        assert client.fetch(feed_server.url(RSS)).status == 200


def fetch_together(url: str, count: int, **settings) -> None:
    """Fetch `url` from `count` threads started at the same moment, sharing one Fetcher."""
    start = threading.Barrier(count)
    with fetcher(**settings) as client:

        def visit() -> None:
            start.wait()
            client.fetch(url)

        threads = [threading.Thread(target=visit) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def test_a_host_gets_one_request_at_a_time_by_default(slow_server):
    fetch_together(slow_server.url(RSS), 4, per_host_concurrency=1)
    assert slow_server.most_in_flight == 1
    assert slow_server.statuses(RSS) == [200] * 4


def test_requests_to_one_host_are_spaced_by_the_delay(feed_server):
    began = time.monotonic()
    with fetcher(per_host_delay=0.3) as client:
        for _ in range(3):
            client.fetch(feed_server.url(RSS))
    # robots.txt, then the feed three times: the fourth request starts three delays after
    # the first, which cannot start before `began` (arrivals only come later still).
    assert len(feed_server.started) == 4
    assert feed_server.started[-1] - began >= 3 * 0.3


@pytest.fixture
def slow_server():
    with FeedServer(FEEDS, latency=0.2) as server:
        yield server


def test_a_robots_txt_refusal_is_of_its_own_kind_and_a_failing_one_of_the_failure_s(
        feed_server):
    feed_server.put("/robots.txt", b"User-agent: *\nDisallow: /\n", "text/plain")
    with fetcher() as client, pytest.raises(FetchError) as refused:
        client.fetch(feed_server.url(RSS))
    feed_server.put("/robots.txt", b"", "text/plain", status=500)
    with fetcher() as client, pytest.raises(FetchError) as failing:
        client.fetch(feed_server.url(RSS))
    assert (refused.value.kind, failing.value.kind) == ("robots", "server_error")


def test_a_site_whose_name_is_unknown_is_that_not_a_robots_txt_problem():
    with fetcher() as client, pytest.raises(FetchError, match="robots.txt unreachable") as failed:
        client.fetch("http://nom-inconnu.invalid/flux.rss")
    assert failed.value.kind == "unknown_host"
