"""The errors veille reports as a message rather than a traceback.

Lower layers raise these; the edges (CLI, web, `pipeline.run_source`) turn them into a
message, an HTTP status or a recorded source failure, each in exactly one place.
"""


class VeilleError(Exception):
    """An error with a message meant for the person running veille."""


class ConfigError(VeilleError):
    """A setting, a config file or a source definition is wrong."""


class FetchError(VeilleError):
    """A source could not be downloaded (network, HTTP status, limits, refused address)."""


class ParseError(VeilleError):
    """Downloaded or imported content could not be turned into items."""


class NotFound(VeilleError):
    """The thing asked for does not exist."""


class NoFigures(NotFound):
    """The figures asked for are not loaded (no BMO survey, that year or that place): its
    message, unlike NotFound's, is written for the user."""


class InvalidRequest(VeilleError):
    """A parameter given by a user or a script is not acceptable."""


class IndexUnavailable(VeilleError):
    """The search index is missing or unreadable; `veille index rebuild` restores it."""
