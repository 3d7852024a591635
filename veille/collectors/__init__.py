"""Collectors: one module per source kind, each with a pure `parse(source, content)`.

COLLECTORS is the one list of them; the pipeline and the CLI find a kind's parser here.
"""

from collections.abc import Callable

from ..errors import ConfigError
from ..models import Entry, Source
from . import feed

Parser = Callable[..., list[Entry]]

COLLECTORS: dict[str, Parser] = {
    "feed": feed.parse,
}


def parser_for(source: Source) -> Parser:
    try:
        return COLLECTORS[source.kind]
    except KeyError:
        kinds = ", ".join(sorted(COLLECTORS))
        raise ConfigError(
            f"source {source.name!r} has unknown kind {source.kind!r} ({kinds})"
        ) from None
