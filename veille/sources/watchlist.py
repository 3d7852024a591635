"""The watch list file, `config/sources.toml`: the sources `veille init` adds to the store.

    [[source]]
    name = "DARES"
    url = "https://dares.travail-emploi.gouv.fr/rss.xml"
    kind = "feed"
    every = "6h"
    tags = ["études", "emploi"]

    [[source]]                  # a listing page without a feed
    name = "Actualités de la Région"
    url = "https://exemple.test/actualites"
    kind = "page"
    [source.page]               # CSS selectors: each news block, then inside it
    item = "article.actu"
    title = "h3"                # optional: title, link, date, summary
"""

import tomllib
from pathlib import Path

from ..collect import articles, retention
from ..collectors import KINDS, check_options
from ..durations import parse_duration
from ..errors import ConfigError, VeilleError
from ..models import Source

OPTION_KEYS = ("page", *articles.OPTIONS, *retention.OPTIONS)
_KEYS = {"name", "url", "kind", "every", "tags", *OPTION_KEYS}


def read_watchlist(path: Path, default_every: str) -> list[Source]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the watch list {path}: {exc}") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: sources are [[source]] tables")
    return [
        _source(entry, default_every, f"{path}, source {number}")
        for number, entry in enumerate(entries, start=1)
    ]


def make_source(
    url: str,
    *,
    name: str = "",
    kind: str = "feed",
    every: str = "1h",
    tags: tuple[str, ...] = (),
    options: dict | None = None,
) -> Source:
    """Return a validated Source; `veille sources add`, the watch list and OPML use this."""
    if kind not in KINDS:
        raise ConfigError(f"unknown source kind {kind!r}: expected one of {', '.join(KINDS)}")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"source URL must start with http:// or https://, got {url!r}")
    return Source(
        name=name.strip() or url,
        url=url,
        kind=kind,
        every=parse_duration(every),
        tags=tuple(tag.strip().lower() for tag in tags if tag.strip()),
        options=retention.check_options(
            articles.check_options(check_options(kind, dict(options or {})))
        ),
    )


def _source(entry: object, default_every: str, where: str) -> Source:
    if not isinstance(entry, dict) or "url" not in entry:
        raise ConfigError(f"{where}: needs at least a url")
    unknown = set(entry) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    try:
        return make_source(
            entry["url"],
            name=entry.get("name", ""),
            kind=entry.get("kind", "feed"),
            every=entry.get("every", default_every),
            tags=tuple(entry.get("tags", ())),
            options={key: entry[key] for key in OPTION_KEYS if key in entry},
        )
    except VeilleError as exc:
        raise ConfigError(f"{where}: {exc}") from None
