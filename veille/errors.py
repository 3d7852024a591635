"""The errors veille reports as a message rather than a traceback.

Lower layers raise these; the edges (CLI, web, `pipeline.run_source`) turn them into a
message, an HTTP status or a recorded source failure, each in exactly one place.

Each error also carries a `kind`: a short code saying what went wrong in terms a person can
act on (the site's name is unknown, the site refuses robots, the server failed…), set where
the error is made, which alone knows. The message is the technical detail, in English, for
the log and the command line; the web UI says the kind in the page's language and keeps the
message behind a "Détails" disclosure. A source's last failure is stored with its kind.
"""

# What went wrong, by kind: the codes `kind` takes. The web UI names each one (a test checks
# it has a sentence for every code here).
KINDS = (
    "unknown_host",  # the site's name does not resolve (no such site, or no DNS)
    "unreachable",  # the server refuses or drops the connection, or TLS fails
    "timeout",  # no answer in time, or the download deadline passed
    "too_large",  # more bytes than [fetch] max_bytes
    "blocked_address",  # a loopback, private or link-local address the settings refuse
    "invalid_address",  # no valid http(s) address
    "robots",  # the site's robots.txt disallows veille
    "too_many_redirects",
    "not_found",  # HTTP 404 or 410
    "forbidden",  # HTTP 401 or 403
    "server_error",  # HTTP 5xx
    "http_error",  # another HTTP status that is no success
    "not_a_feed",  # the answer is no feed veille reads (RSS, Atom, RDF, JSON Feed)
    "not_a_page",  # the answer is no web page, or the page's selectors find no news
    "unreadable",  # content that could not be read otherwise
    "credentials",  # an API's credentials are missing, or its publisher refuses them
    "quota",  # an API's rate limit or quota is spent (HTTP 429 beyond the waits allowed)
    "api_changed",  # an API answers JSON veille does not recognise (its publisher changed it)
    "config",  # a setting or a source definition is wrong
    "mail_unset",  # no SMTP server is set
    "mail_failed",  # the SMTP server could not be reached, or refused
    "mail_address",  # not an email address
    "unexpected",  # a fault of veille itself (logged with its traceback)
    "other",
)


class VeilleError(Exception):
    """An error with a message meant for the person running veille, and its `kind`."""

    kind = "other"

    def __init__(self, message: str = "", kind: str | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            assert kind in KINDS, kind
            self.kind = kind


class ConfigError(VeilleError):
    """A setting, a config file or a source definition is wrong."""

    kind = "config"


class FetchError(VeilleError):
    """A source could not be downloaded (network, HTTP status, limits, refused address)."""

    kind = "unreachable"


class ParseError(VeilleError):
    """Downloaded or imported content could not be turned into items."""

    kind = "unreadable"


class NotFound(VeilleError):
    """The thing asked for does not exist."""


class NoFigures(NotFound):
    """The figures asked for are not loaded (no BMO survey, that year or that place): its
    message, unlike NotFound's, is written for the user."""


class Forbidden(VeilleError):
    """The person asking may not make this change: the thing is someone else's, or theirs
    only to read."""


class InvalidRequest(VeilleError):
    """A parameter given by a user or a script is not acceptable."""


class IndexUnavailable(VeilleError):
    """The search index is missing or unreadable; `veille index rebuild` restores it."""
