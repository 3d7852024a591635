"""Collectors: one module per source kind.

COLLECTORS lists the kinds read from what their URL serves, each with a pure
`parse(source, content)`; APIS the kinds that call an API, each with `harvest(source,
fetcher, settings, today)` and the address naming such a source. KINDS is every kind. A kind
whose sources need options (page selectors, an API's jobs and places) names their check in
OPTION_CHECKS.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from ..errors import ConfigError
from ..fetch.client import Fetcher
from ..models import Entry, Harvest, Source
from . import feed, francetravail_offres, francetravail_stats, page

Parser = Callable[..., list[Entry]]

COLLECTORS: dict[str, Parser] = {
    "feed": feed.parse,
    "page": page.parse,
}


@dataclass(frozen=True)
class Api:
    """A source kind that calls an API: what one collection gives, and the address naming a
    source of that kind (from the settings and the source's options)."""

    harvest: Callable[[Source, Fetcher, SimpleNamespace, date], Harvest]
    address: Callable[[SimpleNamespace, dict], str]


APIS: dict[str, Api] = {
    "francetravail-offres": Api(francetravail_offres.harvest, francetravail_offres.address),
    "francetravail-stats": Api(francetravail_stats.harvest, francetravail_stats.address),
}
KINDS = (*COLLECTORS, *APIS)
OPTION_CHECKS: dict[str, Callable[[dict], dict]] = {
    "page": page.validate_options,
    "francetravail-offres": francetravail_offres.check_options,
    "francetravail-stats": francetravail_stats.check_options,
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
