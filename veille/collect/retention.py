"""Retention: news older than its source's policy is deleted, unless someone curated it.

A source's `keep_for` option (a duration: `540d`), else the `[retention] news_after`
setting, says how long its news is kept; without either, forever. Starred, tagged, noted
or promoted items are never deleted, nor those of a dossier, nor those someone wrote a
personal note on, nor resources.
`veille purge --dry-run` says what would go.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from ..durations import parse_duration
from ..errors import ConfigError
from ..instance import Instance
from ..store import audit
from ..store import curation as curation_store
from ..store import dossiers as dossier_store
from ..store import items as item_store
from ..store import notes as note_store
from ..store import resources as resource_store
from ..store import sources as source_store
from ..store.schema import utcnow

OPTIONS = ("keep_for",)


def check_options(options: dict) -> dict:
    """Check a source's retention option; raise ConfigError."""
    if "keep_for" in options:
        if not isinstance(options["keep_for"], str):
            raise ConfigError('the option "keep_for" is a duration, like "540d"')
        parse_duration(options["keep_for"])
    return options


@dataclass
class Purge:
    by_source: Counter = field(default_factory=Counter)  # source name → items deleted
    titles: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_source.values())


def purge(instance: Instance, actor: str, dry_run: bool = False) -> Purge:
    """Delete (or, with `dry_run`, count) the news past its source's retention."""
    default = instance.settings.retention.news_after
    report, now, doomed = Purge(), utcnow(), []
    with instance.engine.connect() as conn:
        policies = {source.id: source.options.get("keep_for") or default
                    for source in source_store.all_sources(conn)}
        policies[None] = default
        curated = {kept.item_id for kept in curation_store.of_all(conn).values()
                   if kept.starred or kept.note or kept.tags or kept.published}
        curated |= resource_store.promoted(conn) | dossier_store.in_any(conn)
        curated |= note_store.noted(conn)
        for source_id, keep_for in policies.items():
            if not keep_for:
                continue
            cutoff = now - timedelta(seconds=parse_duration(keep_for))
            for old in item_store.news_before(conn, source_id, cutoff):
                if old.id not in curated:
                    doomed.append(old.id)
                    report.by_source[old.source] += 1
                    report.titles.append(old.title)
    if doomed and not dry_run:
        with instance.engine.begin() as conn:
            item_store.delete(conn, doomed)  # their daily counts stay: trends keep them
            audit.record(conn, actor, "purge", "news", dict(report.by_source))
        instance.sync_index()
    return report
