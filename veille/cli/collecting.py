"""Commands that collect: once (`collect`), or on a schedule (`serve`, `worker`)."""

import json
from dataclasses import asdict

import click

from ..collect import pipeline
from ..collect.scheduler import run_worker
from ..models import SourceReport
from ..store import items as item_store
from ..store import sources as source_store
from .base import current_instance, err, progress


@click.command()
@click.option("--source", "source_ids", type=int, multiple=True, help="Source id (repeatable).")
@click.option("--all", "all_sources", is_flag=True, help="Every active source (not paused).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def collect(source_ids: tuple[int, ...], all_sources: bool, as_json: bool) -> None:
    """Collect sources once and print what each gave.

    The exit status is 0 even when sources failed: their errors are recorded and shown.
    A paused source is collected only when named with --source.
    """
    if not source_ids and not all_sources:
        raise click.UsageError("name sources with --source ID or use --all")
    instance = current_instance()
    with instance.engine.connect() as conn:
        chosen = (
            source_store.all_sources(conn, active_only=True)
            if all_sources
            else [source_store.get(conn, source_id) for source_id in source_ids]
        )
    done = []

    def on_report(report: SourceReport) -> None:
        done.append(report)
        err(f"[{len(done)}/{len(chosen)}] {report.source}: {_outcome(report)}")

    reports = pipeline.collect(instance, chosen, on_report=on_report)
    if as_json:
        rows = [{**asdict(r), "failed": r.failed} for r in reports]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_summary(reports)


@click.command()
@click.option("--source", "source_id", type=int, required=True, help="Source id.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True,
              help="How many of its latest items.")
def refetch(source_id: int, limit: int) -> None:
    """Fetch again the full articles of a source's latest items and store their text.

    For a source with full_text (after changing its selector, say), or to try it on one.
    """
    instance = current_instance()
    with instance.engine.connect() as conn:
        source = source_store.get(conn, source_id)
        stored = item_store.latest(conn, limit, source_id)
    with progress("refetching", len(stored)) as advance:
        counts = pipeline.refetch(instance, source, stored, on_item=advance)
    click.echo(f"{source.name}: {counts.updated} items updated, {counts.unchanged} unchanged")


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: [web] host).")
@click.option("--port", type=int, default=None, help="Port (default: [web] port).")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Web processes (default: [web] workers, else the machine's cores); above "
                   "one, under gunicorn, the scheduler in a `veille worker` of its own.")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Run the web UI and the collection scheduler: one process, or web processes beside
    one scheduler process (--workers)."""
    # The one place veille reaches for the web package, and only when asked to serve.
    from webui.server import serve as serve_web

    serve_web(host, port, workers)


@click.command()
def worker() -> None:
    """Run the collection scheduler alone (deployments with several web processes).

    One at a time per instance: a second waits, says so, and takes over when the first ends.
    """
    run_worker(current_instance())


def _outcome(report: SourceReport) -> str:
    if report.failed:
        return f"failed: {report.error}"
    if report.not_modified:
        return "unchanged (not modified)"
    blocked = f", {report.blocked} left out by rules" if report.blocked else ""
    return (f"{report.fetched} fetched, {report.new} new, {report.updated} updated, "
            f"{report.unchanged} unchanged{blocked}")


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
