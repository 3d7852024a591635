"""The watched sources as documentalists manage them, from the CLI or the web: try one
before saving it, add, change, pause, delete, collect now, exchange OPML; each change is
written to the audit log with who made it."""

from dataclasses import dataclass, field

from ..collect import pipeline
from ..collect.health import Health, of
from ..collectors import APIS
from ..durations import format_duration, parse_duration
from ..errors import ParseError, VeilleError
from ..fetch.client import Fetcher
from ..instance import Instance
from ..models import Item, Source, SourceReport
from ..store import audit
from ..store import sources as source_store
from ..store.schema import utcnow
from . import opml

PREVIEW_ENTRIES = 10
OPML_TITLE = "veille : sources"


def source_options(
    selectors: dict[str, str], full_text: bool, full_text_selector: str | None,
    keep_for: str | None,
) -> dict:
    """A source's options from what a person gives: page selectors (a page source), full
    articles (and their element), how long its news is kept. make_source checks them."""
    options: dict = {"page": selectors} if selectors else {}
    if full_text or full_text_selector:
        options["full_text"] = True
    if full_text_selector:
        options["full_text_selector"] = full_text_selector
    if keep_for:
        options["keep_for"] = keep_for
    return options


def listing(instance: Instance) -> list[Health]:
    """Every source with its status and next run, in the order of their ids."""
    with instance.engine.connect() as conn:
        sources = source_store.all_sources(conn)
    return [_health(instance, source) for source in sources]


def listed(instance: Instance, source_id: int) -> Health:
    """One source with its status and next run; NotFound for an unknown id."""
    with instance.engine.connect() as conn:
        return _health(instance, source_store.get(conn, source_id))


def _health(instance: Instance, source: Source) -> Health:
    return of(source, utcnow(), parse_duration(instance.settings.collect.max_backoff))


def health_json(found: Health) -> dict:
    """A source and its health as `veille sources list --json` prints it."""
    source = found.source
    return {
        "id": source.id,
        "name": source.name,
        "url": source.url,
        "kind": source.kind,
        "every": format_duration(source.every),
        "tags": list(source.tags),
        "options": source.options,
        "status": found.status,
        "enabled": source.enabled,
        "paused_at": _iso(source.paused_at),
        "error_count": source.error_count,
        "last_error": source.last_error,
        "last_error_kind": source.last_error_kind,
        "last_error_at": _iso(source.last_error_at),
        "last_success_at": _iso(source.last_success_at),
        "next_run": _iso(found.next_run),
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


@dataclass
class Preview:
    """What a source gives now, read as a collection would read it, stored nowhere."""

    total: int  # entries read
    items: list[Item]  # the first of them, as they would be stored
    watched: Source | None  # the source already watching this URL, if any


def preview(instance: Instance, source: Source, limit: int = PREVIEW_ENTRIES) -> Preview:
    """Fetch `source` (call its API) and read its entries without storing anything (nor its
    articles); FetchError, ParseError or ConfigError say why it cannot be collected."""
    try:
        items = _read_now(instance, source)
    except VeilleError:
        raise
    except Exception as exc:  # noqa: BLE001 - content that breaks a parser is unreadable content
        raise ParseError(f"{type(exc).__name__}: {exc}") from exc
    with instance.engine.connect() as conn:
        watched = source_store.by_url(conn, source.url)
    return Preview(len(items), items[:limit], watched if watched and watched.id != source.id
                   else None)


def _read_now(instance: Instance, source: Source) -> list[Item]:
    with Fetcher(instance.settings.fetch) as fetcher:
        if source.kind in APIS:
            return pipeline.read_api(instance, fetcher, source)[1]
        return pipeline.read_items(source, fetcher.fetch(source.url))


def add(instance: Instance, source: Source, actor: str) -> Source:
    """Watch a new source (ConfigError if its URL is watched already)."""
    with instance.engine.begin() as conn:
        added = source_store.add(conn, source)
        audit.record(conn, actor, "source-add", _target(added), _described(added))
    return added


def change(instance: Instance, source_id: int, source: Source, actor: str) -> Source:
    """Give a source the definition of `source` (name, URL, kind, interval, tags, options);
    its collection state stays."""
    with instance.engine.begin() as conn:
        before = source_store.get(conn, source_id)
        changed = source_store.change(conn, source_id, source)
        audit.record(conn, actor, "source-change", _target(changed),
                     {"before": _described(before), "after": _described(changed)})
    return changed


def set_paused(instance: Instance, source_id: int, paused: bool, actor: str) -> None:
    """Pause a source, or resume it (resuming forgets its failures)."""
    with instance.engine.begin() as conn:
        source_store.set_paused(conn, source_id, paused)
        source = source_store.get(conn, source_id)
        audit.record(conn, actor, "source-pause" if paused else "source-resume",
                     _target(source), {"name": source.name, "url": source.url})


def remove(instance: Instance, source_id: int, actor: str) -> tuple[Source, int]:
    """Stop watching a source: the items it brought stay searchable, its own rules and
    fetch log go. Return it and how many items it leaves."""
    with instance.engine.begin() as conn:
        kept = source_store.items_count(conn, source_id)
        source = source_store.remove(conn, source_id)
        audit.record(conn, actor, "source-delete", _target(source),
                     {**_described(source), "items_kept": kept})
    return source, kept


def collect_now(instance: Instance, source_id: int, actor: str) -> SourceReport:
    """Collect one source at once, as the scheduler does (its failure is recorded on it)."""
    with instance.engine.connect() as conn:
        source = source_store.get(conn, source_id)
    report = pipeline.run_source(instance, source)
    with instance.engine.begin() as conn:
        audit.record(conn, actor, "source-collect", _target(source),
                     {"new": report.new, "updated": report.updated, "error": report.error})
    return report


@dataclass
class Imported:
    """What an OPML import did: sources added, already watched, and outlines left out."""

    added: list[Source] = field(default_factory=list)
    known: list[Source] = field(default_factory=list)
    skipped: list[opml.Skipped] = field(default_factory=list)


def import_opml(instance: Instance, content: bytes, actor: str) -> Imported:
    """Watch the feeds of an OPML document (folders become tags); ParseError if it is not
    one. A feed whose URL is watched already is left as it is."""
    found = opml.read_opml(content, instance.settings.sources.default_every)
    imported = Imported(skipped=found.skipped)
    with instance.engine.begin() as conn:
        for source in found.sources:
            stored, new = source_store.ensure(conn, source)
            (imported.added if new else imported.known).append(stored)
        if imported.added:
            audit.record(conn, actor, "source-import-opml", "sources",
                         {"added": [source.url for source in imported.added]})
    return imported


def export_opml(instance: Instance) -> bytes:
    """Every source as OPML, for a feed reader or another veille."""
    with instance.engine.connect() as conn:
        return opml.write_opml(source_store.all_sources(conn), OPML_TITLE)


def _target(source: Source) -> str:
    return f"source:{source.id}"


def _described(source: Source) -> dict:
    return {"name": source.name, "url": source.url, "kind": source.kind,
            "every": format_duration(source.every), "tags": source.tags,
            "options": source.options}
