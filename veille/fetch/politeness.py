"""Being a polite client: a few requests at a time per host, a pause between them, robots.txt.

A Fetcher holds one of each; the scheduler keeps one Fetcher for all its jobs, so that
concurrent jobs keep to them together, not each on its own.
"""

import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import FetchError

ROBOTS_TTL = 3600.0
# When robots.txt cannot be read (5xx, network), RFC 9309 says to assume everything is
# disallowed; try again sooner than a normal expiry.
ROBOTS_RETRY = 600.0
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass
class _Gate:
    slots: threading.BoundedSemaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class HostGates:
    """Per-host concurrency and spacing of request starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gates: dict[str, _Gate] = {}

    @contextmanager
    def slot(self, host: str, concurrency: int, delay: float) -> Iterator[None]:
        """Wait for a free slot on `host` and for `delay` seconds after the previous start."""
        with self._lock:
            gate = self._gates.setdefault(host, _Gate(threading.BoundedSemaphore(concurrency)))
        with gate.slots:
            with gate.lock:
                start = max(time.monotonic(), gate.next_start)
                gate.next_start = start + delay
            time.sleep(max(0.0, start - time.monotonic()))
            yield


@dataclass
class _Rules:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything disallowed
    expires: float
    reason: str = ""
    kind: str = "robots"  # why nothing may be fetched: robots.txt's own failure, if it failed


class RobotsCache:
    """robots.txt of each origin, read once an hour."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._origins: dict[str, _Rules] = {}
        self._loading: dict[str, threading.Lock] = {}

    def check(self, origin: str, url: str, agent: str, load: Callable[[str], tuple[int, bytes]]):
        """Raise FetchError unless `agent` may fetch `url`. `load(robots_url)` downloads."""
        rules = self._rules(origin, load)
        if rules.parser is None:
            raise FetchError(f"not fetching {url}: {rules.reason}", rules.kind)
        if not rules.parser.can_fetch(agent, url):
            raise FetchError(f"not fetching {url}: its site's robots.txt disallows it", "robots")

    def _rules(self, origin: str, load: Callable[[str], tuple[int, bytes]]) -> _Rules:
        with self._lock:
            loading = self._loading.setdefault(origin, threading.Lock())
        with loading:
            rules = self._origins.get(origin)
            if rules is None or rules.expires < time.monotonic():
                rules = self._origins[origin] = _read(f"{origin}/robots.txt", load)
            return rules


def _read(robots_url: str, load: Callable[[str], tuple[int, bytes]]) -> _Rules:
    try:
        status, body = load(robots_url)
    except FetchError as exc:
        return _Rules(None, time.monotonic() + ROBOTS_RETRY, f"{robots_url} unreachable ({exc})",
                      exc.kind)
    if status >= 500:
        reason = f"{robots_url} answered HTTP {status}"
        return _Rules(None, time.monotonic() + ROBOTS_RETRY, reason, "server_error")
    parser = urllib.robotparser.RobotFileParser(robots_url)
    if 200 <= status < 300:
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
    else:  # 4xx: no robots.txt, everything allowed
        # typeshed leaves out allow_all, which the parser sets in __init__ and read() sets so.
        parser.allow_all = True  # type: ignore[attr-defined]
    return _Rules(parser, time.monotonic() + ROBOTS_TTL)

