"""`veille sources …`: the watch list, its health, and OPML exchange with feed readers."""

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from ..collectors import APIS, KINDS
from ..collectors.page import KEYS as PAGE_FIELDS
from ..models import LOCAL_TIME
from ..sources import sourcebook
from ..sources.apisources import api_source
from ..sources.watchlist import make_source
from .base import actor_option, current_instance, err, who


@click.group()
def sources() -> None:
    """Manage the watched sources."""


@sources.command("add")
@click.argument("url", required=False)
@click.option("--kind", type=click.Choice(sorted(KINDS)), default="feed", show_default=True)
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
@click.option("--rome", "romes", multiple=True, metavar="CODE",
              help="For an API kind (no URL): a ROME job, e.g. H2913 (repeatable).")
@click.option("--lieu", "places", multiple=True, metavar="KEY",
              help="For an API kind: a département or commune, by key, INSEE code or name "
                   "(repeatable).")
@actor_option
def sources_add(
    url: str | None, kind: str, name: str, every: str | None, tags: tuple[str, ...],
    selectors: tuple[str, ...], full_text: bool, full_text_selector: str | None,
    keep_for: str | None, romes: tuple[str, ...], places: tuple[str, ...], actor: str | None,
) -> None:
    """Watch the source at URL (an API kind takes --rome and --lieu instead)."""
    instance = current_instance()
    every = every or instance.settings.sources.default_every
    if kind in APIS:
        source = api_source(instance, kind, romes, places, name=name, every=every, tags=tags)
    elif url:
        options = sourcebook.source_options(_selectors(selectors), full_text,
                                            full_text_selector, keep_for)
        source = make_source(url, name=name, kind=kind, every=every, tags=tags, options=options)
    else:
        raise click.UsageError(f"a {kind} source needs its URL")
    source = sourcebook.add(instance, source, who(actor))
    click.echo(f"added source {source.id}: {source.name}")


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sources_list(as_json: bool) -> None:
    """List the watched sources with their status, last error and next run."""
    rows = [sourcebook.health_json(found) for found in sourcebook.listing(current_instance())]
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
@actor_option
def sources_pause(source_id: int, actor: str | None) -> None:
    """Stop collecting a source until it is resumed."""
    sourcebook.set_paused(current_instance(), source_id, True, who(actor))
    click.echo(f"source {source_id} paused")


@sources.command("resume")
@click.argument("source_id", type=int)
@actor_option
def sources_resume(source_id: int, actor: str | None) -> None:
    """Collect a paused source again (its failure count starts again from zero)."""
    sourcebook.set_paused(current_instance(), source_id, False, who(actor))
    click.echo(f"source {source_id} resumed")


@sources.command("import-opml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@actor_option
def sources_import_opml(file: Path, actor: str | None) -> None:
    """Watch the feeds of an OPML file (from FreshRSS, Miniflux…); folders become tags."""
    imported = sourcebook.import_opml(current_instance(), file.read_bytes(), who(actor))
    for skipped in imported.skipped:
        err(f"skipped {skipped.name or skipped.url}: {skipped.reason}")
    click.echo(f"{len(imported.added)} sources added, {len(imported.known)} already watched, "
               f"{len(imported.skipped)} skipped")


@sources.command("export-opml")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def sources_export_opml(output: Path | None) -> None:
    """Write every source as OPML, for another feed reader or another veille."""
    document = sourcebook.export_opml(current_instance())
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
