"""veille.fetch, the one HTTP client, against a real loopback server."""

import pytest

from veille.errors import FetchError
from veille.fetch import Validators, fetch, is_public_address, make_client
from veille.settings import load_settings

RSS = "/feeds/emploi-grand-est.rss"


def fetch_config(**overrides):
    """The [fetch] settings with loopback allowed and quick timeouts, plus `overrides`."""
    values = {"fetch.allow_private_networks": True, "fetch.read_timeout": 1.0}
    values.update({f"fetch.{key}": value for key, value in overrides.items()})
    return load_settings(env={}, overrides=values).fetch


def get(url: str, validators: Validators | None = None, **overrides):
    config = fetch_config(**overrides)
    with make_client(config) as client:
        return fetch(client, config, url, validators or Validators())


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


@pytest.mark.parametrize("status", [404, 500, 503])
def test_an_http_error_status_is_a_fetch_error_naming_it(feed_server, status):
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        get(feed_server.url(f"/status/{status}"))


def test_a_server_that_does_not_answer_in_time_is_a_fetch_error(feed_server):
    with pytest.raises(FetchError, match="timed out"):
        get(feed_server.url("/slow"), read_timeout=0.5)


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


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::127.0.0.1", False),
        ("2002:7f00:1::", False),
        ("ff02::1", False),
    ],
)
def test_public_addresses_are_the_globally_routable_unicast_ones(address, public):
    assert is_public_address(address) is public
