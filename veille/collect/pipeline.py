"""The only place that chains fetch → collector → processing → rules → store → index.

The CLI and the scheduler both call `collect` (or `run_source`, the same for one source).
A source's failure is caught here, in exactly one place, recorded on the source and in the
fetch log, and never reaches the other sources.
"""

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection

from ..collectors import APIS, parser_for
from ..durations import parse_duration
from ..enrich import rules
from ..errors import ParseError, VeilleError
from ..fetch import client
from ..instance import Instance
from ..models import (
    LOCAL_TIME,
    Entry,
    FetchResult,
    Harvest,
    Item,
    Source,
    SourceReport,
    UpsertCounts,
    stored_id,
)
from ..store import daily, fetch_log, stories
from ..store import figures as figure_store
from ..store import items as item_store
from ..store import rules as rule_store
from ..store import sources as source_store
from ..store.schema import utcnow
from ..tags import itemtags
from . import articles
from .alongside import indexing_alongside
from .processing import Origin, normalise

log = logging.getLogger(__name__)
# Items imported between two requests to index: an index commit costs far more than its
# documents. The first request comes sooner, so that the index does not wait idle.
INDEX_EVERY = 5_000
FIRST_INDEX = 1_000
# Items an import stores in one transaction. Each commit writes every page its items
# touched, and a batch's stories touch a page of the story buckets' key index per bucket
# (32 an item, at random places): at 200 a commit, that cost grew with the table to a
# fifth of the storing side at 30,000 items (bench/ingest.py); a thousand share more pages.
IMPORT_BATCH = 1_000


@dataclass
class ImportReport:
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    errors: list[tuple[int, str]] = field(default_factory=list)


def collect(
    instance: Instance,
    sources: Iterable[Source],
    on_report: Callable[[SourceReport], None] | None = None,
    fetcher: client.Fetcher | None = None,
) -> list[SourceReport]:
    """Collect each source once, then bring the index up to date with the store.

    Downloads and parsing run in a pool of `[collect] workers` threads (politeness keeps
    each host's own limits); this thread alone writes to the store, in the order sources
    finish. Reports come back in the order of `sources`. A long-lived `fetcher` (the
    scheduler's) keeps its politeness state across calls; without one, a fresh one is used.
    """
    sources = list(sources)
    reports: dict[int, SourceReport] = {}  # by the source's place in `sources`
    settings = instance.settings
    compiled = _runnable_rules(instance)
    with (
        ExitStack() as cleanup,
        ThreadPoolExecutor(settings.collect.workers, thread_name_prefix="collect") as pool,
    ):
        fetcher = fetcher or cleanup.enter_context(client.Fetcher(settings.fetch))
        futures = {
            pool.submit(_download, instance, fetcher, source): number
            for number, source in enumerate(sources)
        }
        for future in as_completed(futures):
            download = future.result()
            report = _save(instance, download, rules.of_source(compiled, download.source.id))
            reports[futures[future]] = report
            if on_report:
                on_report(report)
    instance.sync_index()
    return [reports[number] for number in range(len(sources))]


def _runnable_rules(instance: Instance) -> list[rules.Compiled]:
    """The stored rules that can run; each other one (a regular expression RE2 refuses,
    saved before rules ran on it) is skipped and reported in the log, at each collection."""
    with instance.engine.connect() as conn:
        compiled, skipped = rules.compile_stored(rule_store.all_rules(conn))
    for each in skipped:
        log.warning("rule %s is skipped: %s", each.rule.id, each.error)
    return compiled


def run_source(
    instance: Instance, source: Source, fetcher: client.Fetcher | None = None
) -> SourceReport:
    return collect(instance, [source], fetcher=fetcher)[0]


def store_items(instance: Instance, items: list[Item]) -> UpsertCounts:
    """Write items to the store (the source of truth), in a transaction of their own; the
    index follows in `sync_index`."""
    with instance.engine.begin() as conn:
        return store_items_in(conn, items)


def store_items_in(conn: Connection, items: list[Item]) -> UpsertCounts:
    """Write items within the caller's transaction, place the new ones in their story and
    tag the new and changed ones (itemtags, when the referentials are loaded)."""
    stored = item_store.existing_ids(conn, [item.id for item in items])
    daily.remove(conn, stored)  # counted again below, as they are now
    counts = item_store.upsert(conn, items)
    latest = {item.id: item for item in items}
    stories.assign(conn, [latest[item_id] for item_id in counts.new_ids])
    itemtags.tag_items(conn, [latest[item_id] for item_id in counts.new_ids + counts.updated_ids])
    daily.add(conn, [*stored, *counts.new_ids])
    return counts


def import_entries(
    instance: Instance,
    numbered: Iterable[tuple[int, Entry | ParseError]],
    origin: Origin,
    batch_size: int = IMPORT_BATCH,
    on_batch: Callable[[int], None] | None = None,
) -> ImportReport:
    """Store entries a batch at a time, indexing them alongside (index.alongside) once
    FIRST_INDEX are stored, then every INDEX_EVERY; bad lines are reported, the rest
    imported.

    `on_batch(n)` is called once a batch is in the store, with the number of entries (good
    or bad) read since the previous call. A run stopped anywhere loses nothing: what the
    store holds and the index lacks is indexed by the next sync.
    """
    report, batch, read, unindexed = ImportReport(), [], 0, 0
    due = min(FIRST_INDEX, INDEX_EVERY)
    with indexing_alongside(instance.settings, instance.sync_index) as index_pending:
        for number, entry in numbered:
            read += 1
            if isinstance(entry, ParseError):
                report.errors.append((number, str(entry)))
            else:
                batch.append(normalise(entry, origin))
            if len(batch) >= batch_size:
                report.counts.add(store_items(instance, batch))
                unindexed += len(batch)
                batch, read = [], _tell(on_batch, read)
                if unindexed >= due:
                    index_pending()
                    unindexed, due = 0, INDEX_EVERY
        if batch:
            report.counts.add(store_items(instance, batch))
    _tell(on_batch, read)
    return report


def _tell(on_batch: Callable[[int], None] | None, read: int) -> int:
    if on_batch and read:
        on_batch(read)
    return 0


@dataclass
class _Download:
    """What a worker brings back for one source: its items, or the error that stopped it."""

    source: Source
    started: datetime
    result: FetchResult | None = None  # None for an API source
    harvest: Harvest | None = None  # an API source's figures and tags
    items: list[Item] = field(default_factory=list)
    entries: int = 0
    error: str | None = None
    error_kind: str | None = None  # veille.errors.KINDS


def _download(instance: Instance, fetcher: client.Fetcher, source: Source) -> _Download:
    """Fetch, parse and normalise one source (with the articles of its new entries, if it
    asks for them); any failure is kept, never raised."""
    download = _Download(source, utcnow())
    try:
        if source.kind in APIS:
            download.harvest, download.items = read_api(instance, fetcher, source)
            download.entries = len(download.items)
            return download
        validators = client.Validators(source.etag, source.last_modified)
        download.result = result = fetcher.fetch(source.url, validators)
        if not result.not_modified:
            download.items = read_items(source, result)
            download.entries = len(download.items)
            if articles.wants_articles(source):
                download.items = _with_new_articles(instance, fetcher, source, download.items)
    except VeilleError as exc:
        download.error, download.error_kind = str(exc), exc.kind
    except Exception as exc:  # noqa: BLE001 - recorded on the source, never raised to the others
        download.error, download.error_kind = f"{type(exc).__name__}: {exc}", "unexpected"
        log.exception("unexpected error collecting %s", source.url)
    return download


def read_items(source: Source, result: FetchResult) -> list[Item]:
    """The entries of a fetched source, parsed by its kind's collector and normalised as they
    would be stored (nothing is stored); ParseError or ConfigError if they cannot be read."""
    entries = parser_for(source)(
        source, result.content, url=result.url, content_type=result.content_type
    )
    return _normalised(source, entries)


def read_api(instance: Instance, fetcher: client.Fetcher, source: Source,
             ) -> tuple[Harvest, list[Item]]:
    """What an API source gives now, its entries normalised as they would be stored (nothing
    is stored); a VeilleError says why it cannot be collected."""
    today = utcnow().astimezone(LOCAL_TIME).date()
    harvest = APIS[source.kind].harvest(source, fetcher, instance.settings, today)
    return harvest, _normalised(source, harvest.entries)


def _normalised(source: Source, entries: list[Entry]) -> list[Item]:
    origin = Origin(source.name, utcnow(), source.id, source.tags, namespace=source.url)
    return [normalise(entry, origin) for entry in entries]


def _with_new_articles(
    instance: Instance, fetcher: client.Fetcher, source: Source, items: list[Item]
) -> list[Item]:
    """Fetch the articles of the items the store does not have yet."""
    with instance.engine.connect() as conn:
        known = item_store.existing_ids(conn, [item.id for item in items])
    new = [item for item in items if item.id not in known]
    completed = articles.with_articles(fetcher, source, new, articles.ARTICLES_PER_RUN)
    return [item for item in items if item.id in known] + completed


def refetch(
    instance: Instance,
    source: Source,
    stored: list[Item],
    on_item: Callable[[int], None] | None = None,
) -> UpsertCounts:
    """Fetch again the articles of stored items of `source` and store their text (after a
    change of selector, or of the site); the index follows."""
    counts = UpsertCounts()
    with client.Fetcher(instance.settings.fetch) as fetcher:
        for item in stored:
            counts.add(store_items(instance, articles.with_articles(fetcher, source, [item], 1)))
            if on_item:
                on_item(1)
    instance.sync_index()
    return counts


def _save(
    instance: Instance, download: _Download, source_rules: list[rules.Compiled]
) -> SourceReport:
    """Store the items of a source its rules let in, and record the attempt on the source
    and in the fetch log."""
    source, result = download.source, download.result
    report = SourceReport(source=source.name, source_id=source.id, error=download.error,
                          error_kind=download.error_kind)
    if not report.failed:
        report.not_modified = result.not_modified if result else False
        report.fetched = download.entries
        kept = [item for item in download.items if rules.keeps(source_rules, item)]
        report.blocked = len(download.items) - len(kept)
        counts = store_items(instance, kept)
        report.new, report.updated, report.unchanged = counts.new, counts.updated, counts.unchanged
        if download.harvest:
            _store_harvest(instance, source, download.harvest, kept, counts)
    _record(instance, source, result, report, download.started)
    return report


def _store_harvest(instance: Instance, source: Source, harvest: Harvest, kept: list[Item],
                   counts: UpsertCounts) -> None:
    """Store an API source's figures, tag its new and changed items as the API says, note
    which items it returned, and withdraw those it has not returned for
    `[francetravail] keep_offers`."""
    now = utcnow()
    keep = parse_duration(instance.settings.francetravail.keep_offers)
    source_id = stored_id(source)
    with instance.engine.begin() as conn:
        figure_store.record(conn, source_id, harvest.figures)
        itemtags.given(conn, {item_id: harvest.tags.get(item_id, [])
                              for item_id in counts.new_ids + counts.updated_ids})
        figure_store.seen(conn, source_id, [item.id for item in kept], now)
        item_store.delete(conn, figure_store.unseen_since(conn, source_id,
                                                          now - timedelta(seconds=keep)))


def _record(
    instance: Instance,
    source: Source,
    result: FetchResult | None,
    report: SourceReport,
    started: datetime,
) -> None:
    with instance.engine.begin() as conn:
        if report.error is not None:
            pause_after = instance.settings.collect.pause_after
            source_store.record_failure(conn, stored_id(source), report.error, report.error_kind,
                                        pause_after)
        else:
            # A 304 may omit the validators: keep the ones that earned it.
            etag = (result.etag if result else None) or source.etag
            last_modified = (result.last_modified if result else None) or source.last_modified
            source_store.record_success(conn, stored_id(source), etag, last_modified)
        fetch_log.record(conn, report, started, result.status if result else None)
