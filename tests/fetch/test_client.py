"""veille.fetch, the one HTTP client, against real loopback servers."""

import gzip
import socket
import zlib

import brotli
import pytest

from tests.conftest import FEEDS, HOSTILE_ADDRESSES
from tests.feedserver import FeedServer
from veille.errors import FetchError
from veille.fetch.client import Fetcher, Validators
from veille.settings import load_settings

RSS = "/feeds/emploi-grand-est.rss"


def fetch_config(**overrides):
    """The [fetch] settings with loopback allowed, no delay and quick timeouts."""
    values = {
        "fetch.allow_private_networks": True,
        "fetch.read_timeout": 1.0,
        "fetch.per_host_delay": 0.0,
    }
    values.update({f"fetch.{key}": value for key, value in overrides.items()})
    return load_settings(env={}, overrides=values).fetch


def get(url: str, validators: Validators | None = None, **overrides):
    with Fetcher(fetch_config(**overrides)) as fetcher:
        return fetcher.fetch(url, validators or Validators())


@pytest.fixture
def guarded_server():
    """A server on 127.0.0.2, the one private address the guarded settings allow."""
    with FeedServer(FEEDS, host="127.0.0.2") as server:
        yield server


GUARDED = {"allow_private_networks": False, "allowed_networks": "127.0.0.2/32"}


def test_a_feed_comes_back_with_its_cache_validators(feed_server):
    result = get(feed_server.url(RSS))
    assert result.status == 200
    assert result.content.startswith(b"<?xml")
    assert result.etag and result.last_modified
    assert "rss" in result.content_type


def test_a_conditional_get_answered_304_is_not_modified(feed_server):
    first = get(feed_server.url(RSS))
    second = get(feed_server.url(RSS), Validators(first.etag, first.last_modified))
    assert second.not_modified and second.content == b""
    assert feed_server.statuses(RSS) == [200, 304]


def test_the_user_agent_names_veille_and_the_contact_url(feed_server):
    get(feed_server.url(RSS), contact_url="https://maison.example/contact")
    assert feed_server.user_agents[-1].startswith("veille/")
    assert "https://maison.example/contact" in feed_server.user_agents[-1]


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("br", brotli.compress)],
)
def test_compressed_bodies_are_decompressed(feed_server, encoding, compress):
    raw = (FEEDS / "emploi-grand-est.rss").read_bytes()
    feed_server.put("/packed", compress(raw), "application/rss+xml", encoding=encoding)
    assert get(feed_server.url("/packed")).content == raw


@pytest.mark.parametrize("status", [404, 500, 503])
def test_an_http_error_status_is_a_fetch_error_naming_it(feed_server, status):
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        get(feed_server.url(f"/status/{status}"))


def test_a_server_that_does_not_answer_in_time_is_a_fetch_error(feed_server):
    with pytest.raises(FetchError, match="timed out"):
        get(feed_server.url("/slow"), read_timeout=0.5)


def test_a_server_sending_a_byte_every_ten_seconds_is_cut_at_the_deadline(feed_server):
    with pytest.raises(FetchError, match="timed out|deadline"):
        get(feed_server.url("/trickle"), read_timeout=30.0, deadline=1.0)


def test_redirects_are_followed_up_to_the_limit(feed_server):
    result = get(feed_server.url("/redirect/5"), max_redirects=5)
    assert result.url == feed_server.url(RSS)
    assert result.content.startswith(b"<?xml")


@pytest.mark.parametrize("path", ["/redirect/6", "/loop"])
def test_more_redirects_than_the_limit_is_a_fetch_error(feed_server, path):
    with pytest.raises(FetchError, match="too many redirects"):
        get(feed_server.url(path), max_redirects=5)


def test_a_body_over_the_byte_cap_is_refused(feed_server):
    with pytest.raises(FetchError, match="more than the 1000 bytes allowed"):
        get(feed_server.url(RSS), max_bytes=1000)


def test_a_200_mb_body_is_refused_from_its_announced_length(feed_server):
    with pytest.raises(FetchError, match="announces 209715200 bytes"):
        get(feed_server.url("/huge"))


def test_an_endless_stream_stops_at_the_byte_cap(feed_server):
    with pytest.raises(FetchError, match="more than the 1048576 bytes allowed"):
        get(feed_server.url("/endless"), max_bytes=1024 * 1024)


def test_a_gzip_bomb_stops_at_the_byte_cap_counted_after_decompression(feed_server):
    with pytest.raises(FetchError, match="more than the 10485760 bytes allowed"):
        get(feed_server.url("/gzip-bomb"))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://exemple.test/feed.xml", "gopher://exemple.test/"]
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https"):
        get(url)


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "[::1]", "[::ffff:127.0.0.1]"]
)
def test_loopback_is_refused_by_default_and_the_error_names_the_setting(feed_server, host):
    port = feed_server.httpd.server_address[1]
    with pytest.raises(FetchError, match="VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS=1"):
        get(f"http://{host}:{port}{RSS}", allow_private_networks=False)
    assert feed_server.served == []


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_loopback_in_any_form_is_a_fetch_error_and_nothing_is_fetched(feed_server, address):
    url = address.format(port=feed_server.httpd.server_address[1])
    with pytest.raises(FetchError, match="not a valid web address|not a public address"):
        get(url, allow_private_networks=False)
    assert feed_server.served == []


@pytest.mark.parametrize("address", [a for a in HOSTILE_ADDRESSES if "::ffff:" not in a])
def test_an_address_the_client_cannot_read_is_a_fetch_error_even_where_loopback_is_allowed(
    feed_server, address
):
    with pytest.raises(FetchError, match="not a valid web address"):
        get(address.format(port=feed_server.httpd.server_address[1]))
    assert feed_server.served == []


def test_an_allowed_network_is_fetched_although_private(guarded_server):
    assert get(guarded_server.url(RSS), **GUARDED).status == 200


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/feeds/emploi-grand-est.rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_to_a_forbidden_place_is_refused(guarded_server, feed_server, target):
    target = target.format(port=feed_server.httpd.server_address[1])
    url = guarded_server.url(f"/redirect-to?url={target}")
    with pytest.raises(FetchError, match="not a public address|only http and https"):
        get(url, **GUARDED)
    assert feed_server.served == []


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Each way a download fails, and the kind its error says (veille.errors.KINDS), which the
# sources page words for a person: the URL ({server} is the loopback feed server) and the
# settings of the fetch.
FAILURES = [
    ("http://nom-inconnu.invalid/flux.rss", {}, "unknown_host"),
    ("http://127.0.0.1:{closed}/flux.rss", {}, "unreachable"),
    ("{server}/slow", {"read_timeout": 0.5}, "timeout"),
    ("{server}/trickle", {"read_timeout": 30.0, "deadline": 1.0}, "timeout"),
    ("{server}/huge", {}, "too_large"),
    ("{server}/endless", {"max_bytes": 1024 * 1024}, "too_large"),
    ("{server}/feeds/emploi-grand-est.rss", {"allow_private_networks": False},
     "blocked_address"),
    ("http://0177.0.0.1/flux.rss", {}, "invalid_address"),
    ("ftp://exemple.test/flux.rss", {}, "invalid_address"),
    ("{server}/loop", {}, "too_many_redirects"),
    ("{server}/status/404", {}, "not_found"),
    ("{server}/status/410", {}, "not_found"),
    ("{server}/status/403", {}, "forbidden"),
    ("{server}/status/500", {}, "server_error"),
    ("{server}/status/503", {}, "server_error"),
    ("{server}/status/418", {}, "http_error"),
]


@pytest.mark.parametrize(("url", "settings", "kind"), FAILURES)
def test_each_failure_says_its_kind(feed_server, url, settings, kind):
    url = url.format(server=feed_server.url("").rstrip("/"), closed=closed_port())
    with pytest.raises(FetchError) as failure:
        get(url, **settings)
    assert failure.value.kind == kind
