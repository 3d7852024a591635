"""The only place that chains fetch → collector → processing → store → index.

The CLI and the scheduler both call `collect` (or `run_source`, the same for one source).
A source's failure is caught here, in exactly one place, recorded on the source and in the
fetch log, and never reaches the other sources.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from . import fetch
from .collectors import parser_for
from .errors import ParseError, VeilleError
from .instance import Instance
from .models import Entry, FetchResult, Item, Source, SourceReport, UpsertCounts
from .processing import Origin, normalise
from .store import fetch_log
from .store import items as item_store
from .store import sources as source_store
from .store.schema import utcnow

log = logging.getLogger(__name__)


@dataclass
class ImportReport:
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    errors: list[tuple[int, str]] = field(default_factory=list)


def collect(
    instance: Instance,
    sources: Iterable[Source],
    on_report: Callable[[SourceReport], None] | None = None,
) -> list[SourceReport]:
    """Collect each source once, then bring the index up to date with the store."""
    reports = []
    with fetch.make_client(instance.settings.fetch) as client:
        for source in sources:
            report = _collect_source(instance, client, source)
            reports.append(report)
            if on_report:
                on_report(report)
    instance.sync_index()
    return reports


def run_source(instance: Instance, source: Source) -> SourceReport:
    return collect(instance, [source])[0]


def store_items(instance: Instance, items: list[Item]) -> UpsertCounts:
    """Write items to the store (the source of truth); the index follows in `sync_index`."""
    with instance.engine.begin() as conn:
        return item_store.upsert(conn, items)


def import_entries(
    instance: Instance,
    numbered: Iterable[tuple[int, Entry | ParseError]],
    origin: Origin,
    batch_size: int = 200,
    on_batch: Callable[[int], None] | None = None,
) -> ImportReport:
    """Store and index entries a batch at a time; bad lines are reported, the rest imported.

    `on_batch(n)` is called once a batch is in the store and the index, with the number of
    entries (good or bad) read since the previous call.
    """
    report, batch, read = ImportReport(), [], 0
    for number, entry in numbered:
        read += 1
        if isinstance(entry, ParseError):
            report.errors.append((number, str(entry)))
        else:
            batch.append(normalise(entry, origin))
        if len(batch) >= batch_size:
            _import_batch(instance, batch, report)
            batch, read = [], _tell(on_batch, read)
    _import_batch(instance, batch, report)
    _tell(on_batch, read)
    return report


def _import_batch(instance: Instance, batch: list[Item], report: ImportReport) -> None:
    if batch:
        report.counts.add(store_items(instance, batch))
    instance.sync_index()


def _tell(on_batch: Callable[[int], None] | None, read: int) -> int:
    if on_batch and read:
        on_batch(read)
    return 0


def _collect_source(instance: Instance, client: httpx.Client, source: Source) -> SourceReport:
    report = SourceReport(source=source.name, source_id=source.id)
    started, result = utcnow(), None
    try:
        validators = fetch.Validators(source.etag, source.last_modified)
        result = fetch.fetch(client, instance.settings.fetch, source.url, validators)
        if result.not_modified:
            report.not_modified = True
        else:
            _store_result(instance, source, result, report)
    except Exception as exc:  # noqa: BLE001 - recorded on the source, never raised to the others
        report.error = str(exc) if isinstance(exc, VeilleError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, VeilleError):
            log.exception("unexpected error collecting %s", source.url)
    _record(instance, source, result, report, started)
    return report


def _store_result(
    instance: Instance, source: Source, result: FetchResult, report: SourceReport
) -> None:
    parse = parser_for(source)
    entries = parse(source, result.content, url=result.url, content_type=result.content_type)
    origin = Origin(
        source=source.name,
        source_id=source.id,
        fetched=utcnow(),
        tags=source.tags,
        namespace=source.url,
    )
    counts = store_items(instance, [normalise(entry, origin) for entry in entries])
    report.fetched = len(entries)
    report.new, report.updated, report.unchanged = counts.new, counts.updated, counts.unchanged


def _record(
    instance: Instance,
    source: Source,
    result: FetchResult | None,
    report: SourceReport,
    started: datetime,
) -> None:
    with instance.engine.begin() as conn:
        if report.failed:
            source_store.record_failure(conn, source.id, report.error)
        else:
            # A 304 may omit the validators: keep the ones that earned it.
            etag = result.etag or source.etag
            last_modified = result.last_modified or source.last_modified
            source_store.record_success(conn, source.id, etag, last_modified)
        fetch_log.record(conn, report, started, result.status if result else None)
