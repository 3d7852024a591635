"""The one HTTP client of veille: limits, cache validators, redirects, politeness, SSRF guard.

Every download of the project goes through a `Fetcher`, so that a hostile or broken server
costs at most `deadline` seconds and `max_bytes` bytes (counted after decompression), nothing
reaches an address inside the operator's network unless the settings say it may
(netguard.py), and every site is fetched politely (politeness.py).
"""

import time
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import FetchError
from ..models import FetchResult
from .netguard import AddressPolicy, guarded_transport, parse_networks
from .politeness import ROBOTS_MAX_BYTES, HostGates, RobotsCache

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.7"
)
ROBOTS_AGENT = "veille"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass
class Answer:
    """A response read within the limits (without body for redirects and 304s)."""

    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


@dataclass(frozen=True)
class Validators:
    """Cache validators from the previous successful fetch, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """Downloads with one connection pool, host gates and robots.txt cache; use it as a
    context manager, from any number of threads."""

    def __init__(self, config: SimpleNamespace) -> None:
        self.config = config
        self.gates = HostGates()
        self.robots = RobotsCache()
        networks = parse_networks(config.allowed_networks)
        policy = AddressPolicy(config.allow_private_networks, networks)
        self.client = httpx.Client(
            transport=guarded_transport(policy, httpx.Limits(max_connections=200)),
            follow_redirects=False,
            headers={
                "User-Agent": f"veille/{__version__} (+{config.contact_url})",
                "Accept": ACCEPT,
            },
        )

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, validators: Validators = Validators()) -> FetchResult:
        """GET `url`, following at most `max_redirects` redirects, each hop checked."""
        deadline = time.monotonic() + self.config.deadline
        for _hop in range(self.config.max_redirects + 1):
            origin = _origin(url)
            if self.config.respect_robots_txt:
                self.robots.check(origin, url, ROBOTS_AGENT, self._robots)
            answer = self._send("GET", url, origin, _conditional_headers(validators), deadline)
            if answer.status in _REDIRECTS and answer.headers.get("location"):
                url = urljoin(url, answer.headers["location"])
                continue
            return _result(answer, url)
        raise FetchError(f"too many redirects (more than {self.config.max_redirects}) from {url}",
                         "too_many_redirects")

    def call(self, method: str, url: str, headers: dict[str, str], content: bytes = b"") -> Answer:
        """One request to a web API, whatever status it answers: no redirect followed and no
        robots.txt read (an API is called as its publisher documents it, not crawled), within
        the limits, the address guard and the host gates of every download."""
        deadline = time.monotonic() + self.config.deadline
        return self._send(method, url, _origin(url), headers, deadline, content=content)

    def _robots(self, robots_url: str) -> tuple[int, bytes]:
        """Download a robots.txt (redirects not followed; a small cap) for RobotsCache."""
        deadline = time.monotonic() + self.config.deadline
        answer = self._send("GET", robots_url, _origin(robots_url), {}, deadline,
                            ROBOTS_MAX_BYTES)
        return answer.status, answer.body

    def _send(
        self, method: str, url: str, origin: str, headers: dict, deadline: float,
        max_bytes: int | None = None, content: bytes = b"",
    ) -> Answer:
        """One request, its body read within the limits (the body of a 304 or 3xx is dropped)."""
        config = self.config
        with self.gates.slot(origin, config.per_host_concurrency, config.per_host_delay):
            remaining = max(0.001, deadline - time.monotonic())
            timeout = httpx.Timeout(
                min(config.read_timeout, remaining), connect=min(config.connect_timeout, remaining)
            )
            try:
                with self.client.stream(method, url, headers=headers, content=content or None,
                                        timeout=timeout) as response:
                    body = b""
                    if response.status_code not in _REDIRECTS and response.status_code != 304:
                        body = _read_body(response, url, max_bytes or config.max_bytes, deadline)
                    return Answer(
                        response.status_code, response.reason_phrase, response.headers, body
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out fetching {url} ({type(exc).__name__})",
                                 "timeout") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {url}: {exc or type(exc).__name__}") from exc


def _check_url(url: str) -> None:
    """Raise FetchError unless `url` is an http(s) address naming a host that the standard
    library and httpx both read. Checked here, before any request (and at every redirect
    hop), so that an address httpx refuses (an IPv4 one with leading zeros, digits of another
    script, a broken IDNA label) is the fetch error every caller handles, not httpx's own."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it: a port that is no number raises
        httpx.URL(url).host  # noqa: B018 - httpx reads the host (IDNA) only when asked
    except (httpx.InvalidURL, ValueError) as exc:  # UnicodeError (IDNA) is a ValueError
        raise FetchError(f"refusing to fetch {url}: not a valid web address ({exc})",
                         "invalid_address") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refusing to fetch {url}: only http and https URLs are fetched",
                         "invalid_address")
    if not parts.hostname:
        raise FetchError(f"refusing to fetch {url}: the URL names no host", "invalid_address")


def _origin(url: str) -> str:
    _check_url(url)
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _conditional_headers(validators: Validators) -> dict[str, str]:
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _result(answer: Answer, url: str) -> FetchResult:
    result = FetchResult(
        url=url,
        status=answer.status,
        content_type=answer.headers.get("content-type", ""),
        etag=answer.headers.get("etag"),
        last_modified=answer.headers.get("last-modified"),
    )
    if answer.status == 304:
        result.not_modified = True
        return result
    if answer.status >= 400 or answer.status < 200:
        raise FetchError(f"HTTP {answer.status} {answer.reason} from {url}",
                         status_kind(answer.status))
    result.content = answer.body
    return result


def status_kind(status: int) -> str:
    """The kind of failure an HTTP status that is no success means (veille.errors.KINDS)."""
    if status in (404, 410):
        return "not_found"
    if status in (401, 403):
        return "forbidden"
    return "server_error" if status >= 500 else "http_error"


def _read_body(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes and not response.headers.get(
        "content-encoding"
    ):
        raise FetchError(
            f"{url} announces {declared} bytes, more than the {max_bytes} bytes allowed",
            "too_large")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url} sent more than the {max_bytes} bytes allowed", "too_large")
        if time.monotonic() > deadline:
            raise FetchError(f"{url} took longer than the download deadline", "timeout")
        chunks.append(chunk)
    return b"".join(chunks)
