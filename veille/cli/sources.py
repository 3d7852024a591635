"""`veille sources …`: the watch list, its health, and OPML exchange with feed readers."""

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from ..collectors import COLLECTORS
from ..durations import format_duration, parse_duration
from ..health import next_run, status
from ..models import LOCAL_TIME, Source
from ..opml import read_opml, write_opml
from ..store import sources as source_store
from ..store.schema import utcnow
from ..watchlist import make_source
from .base import cli, current_instance, err

PAGE_FIELDS = ("item", "title", "link", "date", "summary")


@cli.group()
def sources() -> None:
    """Manage the watched sources."""


@sources.command("add")
@click.argument("url")
@click.option("--kind", type=click.Choice(sorted(COLLECTORS)), default="feed", show_default=True)
@click.option("--name", default="", help="Display name (default: the URL).")
@click.option("--every", default=None, help="Collection interval, e.g. 30m, 1h, 1d.")
@click.option("--tag", "tags", multiple=True, help="Tag given to every item (repeatable).")
@click.option("--select", "selectors", multiple=True, metavar="FIELD=CSS",
              help=f"For --kind page: CSS selector of {', '.join(PAGE_FIELDS)} (repeatable).")
@click.option("--full-text", is_flag=True,
              help="Fetch each new entry's page and keep its article's text.")
@click.option("--full-text-selector", metavar="CSS",
              help="The article's element on those pages (default: found automatically).")
@click.option("--keep-for", metavar="DURATION",
              help="How long its news is kept (e.g. 540d; default: [retention] news_after).")
def sources_add(
    url: str, kind: str, name: str, every: str | None, tags: tuple[str, ...],
    selectors: tuple[str, ...], full_text: bool, full_text_selector: str | None,
    keep_for: str | None,
) -> None:
    """Watch the source at URL."""
    instance = current_instance()
    options: dict = {"page": _selectors(selectors)} if selectors else {}
    if full_text or full_text_selector:
        options["full_text"] = True
    if full_text_selector:
        options["full_text_selector"] = full_text_selector
    if keep_for:
        options["keep_for"] = keep_for
    every = every or instance.settings.sources.default_every
    source = make_source(url, name=name, kind=kind, every=every, tags=tags, options=options)
    with instance.engine.begin() as conn:
        source = source_store.add(conn, source)
    click.echo(f"added source {source.id}: {source.name}")


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sources_list(as_json: bool) -> None:
    """List the watched sources with their status, last error and next run."""
    instance = current_instance()
    max_backoff = parse_duration(instance.settings.collect.max_backoff)
    with instance.engine.connect() as conn:
        rows = [_source_json(s, max_backoff) for s in source_store.all_sources(conn)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['id']:>4}  {row['name']}  [{row['kind']}, every {row['every']}]  "
                   f"{row['status']}, next run: {_when(row['next_run'])}")
        click.echo(f"      {row['url']}")
        if row["error_count"]:
            click.echo(f"      {row['error_count']} failures in a row, last: {row['last_error']}")


@sources.command("pause")
@click.argument("source_id", type=int)
def sources_pause(source_id: int) -> None:
    """Stop collecting a source until it is resumed."""
    with current_instance().engine.begin() as conn:
        source_store.set_paused(conn, source_id, True)
    click.echo(f"source {source_id} paused")


@sources.command("resume")
@click.argument("source_id", type=int)
def sources_resume(source_id: int) -> None:
    """Collect a paused source again (its failure count starts again from zero)."""
    with current_instance().engine.begin() as conn:
        source_store.set_paused(conn, source_id, False)
    click.echo(f"source {source_id} resumed")


@sources.command("import-opml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def sources_import_opml(file: Path) -> None:
    """Watch the feeds of an OPML file (from FreshRSS, Miniflux…); folders become tags."""
    instance = current_instance()
    found = read_opml(file.read_bytes(), instance.settings.sources.default_every)
    added = 0
    with instance.engine.begin() as conn:
        for source in found.sources:
            _, new = source_store.ensure(conn, source)
            added += new
    for skipped in found.skipped:
        err(f"skipped {skipped.name or skipped.url}: {skipped.reason}")
    known = len(found.sources) - added
    click.echo(f"{added} sources added, {known} already watched, {len(found.skipped)} skipped")


@sources.command("export-opml")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def sources_export_opml(output: Path | None) -> None:
    """Write every source as OPML, for another feed reader or another veille."""
    with current_instance().engine.connect() as conn:
        document = write_opml(source_store.all_sources(conn), "veille : sources")
    if output:
        output.write_bytes(document)
    else:
        sys.stdout.buffer.write(document)


def _selectors(pairs: tuple[str, ...]) -> dict[str, str]:
    selectors = {}
    for pair in pairs:
        field, sep, css = pair.partition("=")
        if not sep or field not in PAGE_FIELDS:
            raise click.BadParameter(f"{pair!r}: expected FIELD=CSS, FIELD one of "
                                     f"{', '.join(PAGE_FIELDS)}", param_hint="--select")
        selectors[field] = css
    return selectors


def _when(moment: str | None) -> str:
    if moment is None:
        return "none (paused or disabled)"
    return f"{datetime.fromisoformat(moment).astimezone(LOCAL_TIME):%Y-%m-%d %H:%M}"


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _source_json(source: Source, max_backoff: int) -> dict:
    return {
        "id": source.id,
        "name": source.name,
        "url": source.url,
        "kind": source.kind,
        "every": format_duration(source.every),
        "tags": list(source.tags),
        "options": source.options,
        "status": status(source),
        "enabled": source.enabled,
        "paused_at": _iso(source.paused_at),
        "error_count": source.error_count,
        "last_error": source.last_error,
        "last_error_at": _iso(source.last_error_at),
        "last_success_at": _iso(source.last_success_at),
        "next_run": _iso(next_run(source, utcnow(), max_backoff)),
    }
