"""France Travail's partner APIs (francetravail.io), called through veille's one HTTP client.

The publisher grants OAuth2 "client credentials" tokens, each for a set of scopes (one per
API subscription), valid `expires_in` seconds: a token is asked once per scope set and kept,
process-wide, until shortly before it expires, so that one token serves every call of every
source meanwhile. A call answered 401 (the token revoked or expired early) asks a new token
once; a 429 waits what `Retry-After` says, if that is short, and tries again a few times.
What goes wrong is a veille error whose kind the sources page words: missing or refused
credentials ("credentials"), a spent quota ("quota"), JSON of another shape ("api_changed").
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import SimpleNamespace
from urllib.parse import urlencode

from ..errors import FetchError, ParseError
from .client import Answer, Fetcher, status_kind

RENEW_BEFORE = 60.0  # seconds before its expiry a token is replaced
LONGEST_WAIT = 10.0  # a 429 asking a longer wait fails at once: the next run tries again
WAITS = 3  # 429s waited out for one call
JSON = "application/json"


@dataclass(frozen=True)
class _Token:
    value: str
    expires: float  # time.monotonic() after which it is asked again


class _Tokens:
    """Tokens by (token endpoint, client, scopes), shared by every thread of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[tuple, _Token] = {}

    def get(self, key: tuple, ask: Callable[[], tuple[str, float]]) -> str:
        with self._lock:  # one request for a token at a time: the others then find it
            token = self._tokens.get(key)
            if token is None or time.monotonic() >= token.expires:
                value, lifetime = ask()
                token = _Token(value, time.monotonic() + max(0.0, lifetime - RENEW_BEFORE))
                self._tokens[key] = token
            return token.value

    def forget(self, key: tuple, value: str) -> None:
        with self._lock:
            if (token := self._tokens.get(key)) and token.value == value:
                del self._tokens[key]


TOKENS = _Tokens()


class FranceTravail:
    """Calls to the partner APIs with the `[francetravail]` settings."""

    def __init__(self, fetcher: Fetcher, config: SimpleNamespace,
                 wait: Callable[[float], None] = time.sleep) -> None:
        if not (config.client_id and config.client_secret):
            raise FetchError("France Travail's client_id and client_secret are not set "
                             "([francetravail] settings)", "credentials")
        self.fetcher, self.config, self.wait = fetcher, config, wait

    def get(self, path: str, params: dict[str, str], scopes: str) -> Answer:
        """GET `{api_url}{path}?params` with a token for `scopes`."""
        query = f"?{urlencode(params)}" if params else ""
        return self._call("GET", f"{self.config.api_url.rstrip('/')}{path}{query}", scopes)

    def post(self, path: str, body: dict, scopes: str) -> Answer:
        """POST `body` as JSON to `{api_url}{path}` with a token for `scopes`."""
        content = json.dumps(body).encode()
        return self._call("POST", f"{self.config.api_url.rstrip('/')}{path}", scopes, content)

    def _call(self, method: str, url: str, scopes: str, content: bytes = b"") -> Answer:
        key = (self.config.token_url, self.config.client_id, scopes)
        renewed, waits = False, 0
        while True:
            token = TOKENS.get(key, lambda: self._ask_token(scopes))
            headers = {"Authorization": f"Bearer {token}", "Accept": JSON}
            if content:
                headers["Content-Type"] = JSON
            answer = self.fetcher.call(method, url, headers, content)
            if answer.status == 401 and not renewed:
                TOKENS.forget(key, token)
                renewed = True
            elif answer.status == 429 and waits < WAITS:
                self.wait(_retry_after(answer, url))
                waits += 1
            else:
                return _checked(answer, url)

    def _ask_token(self, scopes: str) -> tuple[str, float]:
        """A new token for `scopes` and its lifetime in seconds."""
        config = self.config
        form = urlencode({"grant_type": "client_credentials", "client_id": config.client_id,
                          "client_secret": config.client_secret, "scope": scopes}).encode()
        answer = self.fetcher.call("POST", config.token_url, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": JSON}, form)
        if answer.status in (400, 401, 403):
            raise FetchError(f"France Travail refused the credentials for {scopes!r}: HTTP "
                             f"{answer.status} {answer.body[:200].decode(errors='replace')}",
                             "credentials")
        granted = json_of(_checked(answer, config.token_url))
        if not (isinstance(granted, dict) and isinstance(granted.get("access_token"), str)):
            raise ParseError(f"no access_token in the answer of {config.token_url}",
                             "api_changed")
        lifetime = granted.get("expires_in", 0)
        return granted["access_token"], float(lifetime) if isinstance(lifetime, int) else 0.0


def _retry_after(answer: Answer, url: str) -> float:
    """The wait a 429 asks (seconds or an HTTP date); FetchError "quota" if it is too long."""
    said = answer.headers.get("retry-after", "1").strip()
    try:
        seconds = float(said) if said.replace(".", "", 1).isdigit() else (
            parsedate_to_datetime(said).timestamp() - time.time())
    except (TypeError, ValueError):
        seconds = 1.0
    if seconds > LONGEST_WAIT:
        raise FetchError(f"{url}: quota spent, retry after {said}", "quota")
    return max(0.0, seconds)


def _checked(answer: Answer, url: str) -> Answer:
    """The answer if it is a success; else the FetchError of its status."""
    if answer.status == 429:
        raise FetchError(f"{url}: HTTP 429, quota spent", "quota")
    if answer.status == 401:
        raise FetchError(f"{url}: HTTP 401 with a new token", "credentials")
    if not 200 <= answer.status < 300:
        raise FetchError(f"HTTP {answer.status} {answer.reason} from {url}",
                         status_kind(answer.status))
    return answer


def json_of(answer: Answer) -> object:
    """The JSON of an answer; ParseError "api_changed" if it holds none."""
    try:
        return json.loads(answer.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError(f"France Travail answered no JSON ({exc})", "api_changed") from None
