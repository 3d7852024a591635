"""The `veille` command. Its commands and options are a contract (DESIGN.md, README)."""

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click
from bs4 import BeautifulSoup

from . import __version__, pipeline
from .bootstrap import initialise
from .collectors import COLLECTORS, jsonl
from .durations import format_duration
from .errors import VeilleError
from .index import writer
from .index.search import SORTS, SearchQuery, page_as_json, search
from .instance import Instance, open_instance
from .models import LOCAL_TIME, Source, SourceReport
from .processing import Origin
from .scheduler import run_worker
from .settings import load_settings
from .store import items as item_store
from .store import sources as source_store
from .store.schema import utcnow
from .watchlist import make_source


class VeilleGroup(click.Group):
    """Reports a VeilleError as one line and exit status 1, never as a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VeilleError as exc:
            raise click.ClickException(str(exc)) from exc


def _instance() -> Instance:
    return open_instance(load_settings())


def _err(message: str) -> None:
    click.echo(message, err=True)


@click.group(cls=VeilleGroup)
@click.version_option(__version__, prog_name="veille")
@click.option("-v", "--verbose", is_flag=True, help="Log what veille does.")
def cli(verbose: bool) -> None:
    """veille: the skills watch of the Maisons des compétences."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@cli.command()
def init() -> None:
    """Create the instance (database, index), add the watch list and starter resources."""
    report = initialise(load_settings())
    resources = report.resources
    click.echo(f"instance ready in {report.instance.root}")
    click.echo(f"sources added from the watch list: {len(report.sources_added)}")
    click.echo(
        f"starter resources: {resources.counts.new} new, {resources.counts.updated} updated, "
        f"{resources.counts.unchanged} unchanged"
    )
    for number, message in resources.errors:
        _err(f"resource {number}: {message}")


@cli.group()
def sources() -> None:
    """Manage the watched sources."""


@sources.command("add")
@click.argument("url")
@click.option("--kind", type=click.Choice(sorted(COLLECTORS)), default="feed", show_default=True)
@click.option("--name", default="", help="Display name (default: the URL).")
@click.option("--every", default=None, help="Collection interval, e.g. 30m, 1h, 1d.")
@click.option("--tag", "tags", multiple=True, help="Tag given to every item (repeatable).")
def sources_add(url: str, kind: str, name: str, every: str | None, tags: tuple[str, ...]) -> None:
    """Watch the source at URL."""
    instance = _instance()
    every = every or instance.settings.sources.default_every
    source = make_source(url, name=name, kind=kind, every=every, tags=tags)
    with instance.engine.begin() as conn:
        source = source_store.add(conn, source)
    click.echo(f"added source {source.id}: {source.name}")


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sources_list(as_json: bool) -> None:
    """List the watched sources and their health."""
    with _instance().engine.connect() as conn:
        rows = [_source_json(source) for source in source_store.all_sources(conn)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        health = f"{row['error_count']} errors: {row['last_error']}" if row["error_count"] else "ok"
        every = f"every {row['every']}"
        click.echo(f"{row['id']:>4}  {row['name']}  [{row['kind']}, {every}]  {health}")
        click.echo(f"      {row['url']}")


@cli.command()
@click.option("--source", "source_ids", type=int, multiple=True, help="Source id (repeatable).")
@click.option("--all", "all_sources", is_flag=True, help="Every enabled source.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def collect(source_ids: tuple[int, ...], all_sources: bool, as_json: bool) -> None:
    """Collect sources once and print what each gave.

    The exit status is 0 even when sources failed: their errors are recorded and shown.
    """
    if not source_ids and not all_sources:
        raise click.UsageError("name sources with --source ID or use --all")
    instance = _instance()
    with instance.engine.connect() as conn:
        chosen = (
            source_store.all_sources(conn, enabled_only=True)
            if all_sources
            else [source_store.get(conn, source_id) for source_id in source_ids]
        )
    done = []

    def progress(report: SourceReport) -> None:
        done.append(report)
        _err(f"[{len(done)}/{len(chosen)}] {report.source}: {_outcome(report)}")

    reports = pipeline.collect(instance, chosen, on_report=progress)
    if as_json:
        click.echo(json.dumps([_report_json(r) for r in reports], ensure_ascii=False, indent=2))
    else:
        _print_summary(reports)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", default="import", show_default=True,
              help="Source name for lines that name none.")
def import_(file: Path, source: str) -> None:
    """Import items from a JSON Lines file (one object a line); bad lines are skipped."""
    instance = _instance()
    with file.open(encoding="utf-8", errors="replace") as handle:
        total = sum(1 for line in handle if line.strip())
    origin = Origin(source=source, fetched=utcnow(), namespace="import")
    with file.open(encoding="utf-8", errors="replace") as handle, _progress(
        "importing", total
    ) as advance:
        report = pipeline.import_entries(instance, jsonl.read(handle), origin, on_batch=advance)
    for number, message in report.errors:
        _err(f"{file}:{number}: skipped: {message}")
    counts = report.counts
    click.echo(
        f"imported {len(counts.ids)} items: {counts.new} new, {counts.updated} updated, "
        f"{counts.unchanged} unchanged; {len(report.errors)} bad lines skipped"
    )


@cli.command("search")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, as /api/search does.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
def search_command(query: str, as_json: bool, limit: int, page: int, sort: str) -> None:
    """Search the index."""
    instance = _instance()
    result = search(instance.index_dir, SearchQuery(q=query, page=page, limit=limit, sort=sort))
    if as_json:
        click.echo(json.dumps(page_as_json(result), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.total} results")
    for rank, hit in enumerate(result.hits, start=(page - 1) * limit + 1):
        day = hit.published.astimezone(LOCAL_TIME)
        click.echo(f"{rank}. {hit.title}  [{hit.source}, {day:%Y-%m-%d}, {hit.kind}]")
        if hit.url:
            click.echo(f"   {hit.url}")
        click.echo(f"   {BeautifulSoup(hit.snippet, 'html.parser').get_text()}")


@cli.group("index")
def index_group() -> None:
    """Maintain the full-text index."""


@index_group.command("rebuild")
def index_rebuild() -> None:
    """Recreate the index from the store (the store is the source of truth)."""
    instance = _instance()
    with instance.engine.connect() as conn:
        total = item_store.count(conn)
    with _progress("indexing", total) as advance:
        indexed = writer.rebuild(
            instance.engine, instance.index_dir, instance.settings.index.lock_timeout, advance
        )
    click.echo(f"index rebuilt: {indexed} items")


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default: [web] host).")
@click.option("--port", type=int, default=None, help="Port (default: [web] port).")
def serve(host: str | None, port: int | None) -> None:
    """Run the web UI, with the collection scheduler inside it."""
    # The one place veille reaches for the web package, and only when asked to serve.
    from webui.server import serve as serve_web

    serve_web(host, port)


@cli.command()
def worker() -> None:
    """Run the collection scheduler alone (deployments with several web processes)."""
    run_worker(_instance())


def main() -> None:
    cli(prog_name="veille")


def _outcome(report: SourceReport) -> str:
    if report.failed:
        return f"failed: {report.error}"
    if report.not_modified:
        return "unchanged (not modified)"
    return (f"{report.fetched} fetched, {report.new} new, {report.updated} updated, "
            f"{report.unchanged} unchanged")


def _print_summary(reports: list[SourceReport]) -> None:
    failed = [r for r in reports if r.failed]
    click.echo(f"{'source':40} {'fetched':>7} {'new':>5} {'updated':>7} {'unchanged':>9}  status")
    for r in reports:
        status = "failed" if r.failed else ("not modified" if r.not_modified else "ok")
        click.echo(f"{r.source[:40]:40} {r.fetched:>7} {r.new:>5} {r.updated:>7} "
                   f"{r.unchanged:>9}  {status}")
    click.echo(f"{len(reports)} sources, {len(failed)} failed")
    for r in failed:
        click.echo(f"  {r.source}: {r.error}")


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """Yield `advance(steps)`: a bar on a terminal, a line a step otherwise (logs, CI)."""
    if sys.stderr.isatty():
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield bar.update
        return
    done = 0

    def advance(steps: int) -> None:
        nonlocal done
        done += steps
        _err(f"{label}: {done}/{total}")

    yield advance


def _report_json(report: SourceReport) -> dict:
    return {**asdict(report), "failed": report.failed}


def _source_json(source: Source) -> dict:
    return {
        "id": source.id,
        "name": source.name,
        "url": source.url,
        "kind": source.kind,
        "every": format_duration(source.every),
        "tags": list(source.tags),
        "enabled": source.enabled,
        "error_count": source.error_count,
        "last_error": source.last_error,
        "last_error_at": source.last_error_at.isoformat() if source.last_error_at else None,
        "last_success_at": source.last_success_at.isoformat() if source.last_success_at else None,
    }
