"""The one HTTP client of veille: limits, cache validators, redirects and the SSRF guard.

Every download of the project goes through `fetch`, so that a hostile or broken server can
cost at most `deadline` seconds and `max_bytes` bytes, and so that nothing reaches an address
inside the operator's network unless `[fetch] allow_private_networks` says it may.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from .errors import FetchError
from .models import FetchResult

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
)
_REDIRECTS = {301, 302, 303, 307, 308}
_ALLOW_HINT = (
    "set [fetch] allow_private_networks = true "
    "(or VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS=1) to allow it"
)


@dataclass(frozen=True)
class Validators:
    """Cache validators from the previous successful fetch, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


def make_client(config: SimpleNamespace) -> httpx.Client:
    """Return a client set up from the `[fetch]` settings; close it when done."""
    return httpx.Client(
        timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
        follow_redirects=False,
        headers={
            "User-Agent": f"veille/{__version__} (+{config.contact_url})",
            "Accept": ACCEPT,
        },
    )


def fetch(
    client: httpx.Client,
    config: SimpleNamespace,
    url: str,
    validators: Validators = Validators(),
) -> FetchResult:
    """GET `url`, following at most `max_redirects` redirects, each hop checked."""
    deadline = time.monotonic() + config.deadline
    for _hop in range(config.max_redirects + 1):
        _check_url(url, config.allow_private_networks)
        headers = _conditional_headers(validators)
        try:
            with client.stream("GET", url, headers=headers) as response:
                _check_peer(response, url, config.allow_private_networks)
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    url = urljoin(url, location)
                    continue
                return _result(response, url, config, deadline)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out fetching {url} ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {exc or type(exc).__name__}") from exc
    raise FetchError(f"too many redirects (more than {config.max_redirects}) from {url}")


def is_public_address(address: str) -> bool:
    """True when `address` is a globally routable unicast address.

    IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, 6to4 `2002::/16`) are
    judged by the IPv4 address they carry.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def _check_url(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refusing to fetch {url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"refusing to fetch {url}: the URL names no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {parts.hostname}: {exc}") from exc
    for info in infos:
        address = info[4][0]
        if not is_public_address(address):
            raise FetchError(
                f"refusing to fetch {url}: {parts.hostname} is {address}, "
                f"not a public address; {_ALLOW_HINT}"
            )


def _check_peer(response: httpx.Response, url: str, allow_private: bool) -> None:
    """Check the address actually connected to, which DNS may have changed since the check."""
    if allow_private:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream else None
    if peer and not is_public_address(peer[0]):
        raise FetchError(
            f"refusing to fetch {url}: connected to {peer[0]}, not a public address; "
            f"{_ALLOW_HINT}"
        )


def _conditional_headers(validators: Validators) -> dict[str, str]:
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _result(
    response: httpx.Response, url: str, config: SimpleNamespace, deadline: float
) -> FetchResult:
    result = FetchResult(
        url=url,
        status=response.status_code,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
    if response.status_code == 304:
        result.not_modified = True
        return result
    if response.status_code >= 400 or response.status_code < 200:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase} from {url}")
    result.content = _read_body(response, url, config.max_bytes, deadline)
    return result


def _read_body(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"{url} announces {declared} bytes, more than the {max_bytes} bytes allowed"
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url} sent more than the {max_bytes} bytes allowed")
        if time.monotonic() > deadline:
            raise FetchError(f"{url} took longer than the download deadline")
        chunks.append(chunk)
    return b"".join(chunks)
