"""Collectors: one module per source kind, each with a pure `parse(source, content)`.

COLLECTORS is the one list of them; the pipeline and the CLI find a kind's parser here.
A kind whose sources need options (page selectors) names their check in OPTION_CHECKS.
"""

from collections.abc import Callable

from ..errors import ConfigError
from ..models import Entry, Source
from . import feed, page

Parser = Callable[..., list[Entry]]

COLLECTORS: dict[str, Parser] = {
    "feed": feed.parse,
    "page": page.parse,
}
OPTION_CHECKS: dict[str, Callable[[dict], dict]] = {
    "page": page.validate_options,
}
KIND_OPTIONS = {"page": "page"}  # the option key that belongs to one kind only


def check_options(kind: str, options: dict) -> dict:
    """Return the options of a `kind` source, checked; raise ConfigError naming the problem."""
    for key, owner in KIND_OPTIONS.items():
        if key in options and owner != kind:
            raise ConfigError(f'the option "{key}" is for {owner} sources, not {kind} ones')
    check = OPTION_CHECKS.get(kind)
    return check(options) if check else options


def parser_for(source: Source) -> Parser:
    try:
        return COLLECTORS[source.kind]
    except KeyError:
        kinds = ", ".join(sorted(COLLECTORS))
        raise ConfigError(
            f"source {source.name!r} has unknown kind {source.kind!r} ({kinds})"
        ) from None
