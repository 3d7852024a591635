"""Commands on the instance and its contents: init, import, index, migrate-store."""

from pathlib import Path

import click

from ..collect import pipeline
from ..collect.processing import Origin
from ..collectors import jsonl
from ..index.engine import REMEDY
from ..instance import Instance, move_store
from ..library import catalogue
from ..settings import load_settings
from ..sources.bootstrap import initialise
from ..store import items as item_store
from ..store.schema import utcnow
from ..tags import itemtags
from .base import closing, current_instance, err, progress


@click.command()
def init() -> None:
    """Create the instance (database, index), add the watch list and starter resources."""
    report = initialise(load_settings())
    closing(report.instance)
    resources = report.resources
    click.echo(f"instance ready in {report.instance.root}")
    click.echo(f"sources added from the watch list: {len(report.sources_added)}")
    click.echo(
        f"starter resources: {resources.counts.new} new, {resources.counts.updated} updated, "
        f"{resources.counts.unchanged} unchanged"
    )
    for number, message in resources.errors:
        err(f"resource {number}: {message}")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", default="import", show_default=True,
              help="Source name for lines that name none.")
def import_(file: Path, source: str) -> None:
    """Import items from a JSON Lines file (one object a line); bad lines are skipped."""
    instance = current_instance()
    with file.open(encoding="utf-8", errors="replace") as handle:
        total = sum(1 for line in handle if line.strip())
    origin = Origin(source=source, fetched=utcnow(), namespace="import")
    with file.open(encoding="utf-8", errors="replace") as handle, progress(
        "importing", total
    ) as advance:
        report = pipeline.import_entries(instance, jsonl.read(handle), origin, on_batch=advance)
    catalogue.ensure_records(instance, report.counts.ids)
    for number, message in report.errors:
        err(f"{file}:{number}: skipped: {message}")
    counts = report.counts
    click.echo(
        f"imported {len(counts.ids)} items: {counts.new} new, {counts.updated} updated, "
        f"{counts.unchanged} unchanged; {len(report.errors)} bad lines skipped"
    )


@click.group("index")
def index_group() -> None:
    """Maintain the full-text index."""


@index_group.command("rebuild")
def index_rebuild() -> None:
    """Recreate the index from the store (the store is the source of truth)."""
    instance = current_instance()
    with instance.engine.connect() as conn:
        total = item_store.count(conn)
    with progress("indexing", total) as advance:
        indexed = instance.index.rebuild(advance)
    click.echo(f"index rebuilt: {indexed} items")


@index_group.command("status")
def index_status() -> None:
    """Say whether the index can be searched and how many items it holds (exit status 1
    when it cannot), and whether a rebuild is under way."""
    status = current_instance().index.status()
    under_way = "; a rebuild is under way" if status.rebuilding else ""
    if status.state == "available":
        click.echo(f"index available: {status.items} items{under_way}")
        return
    click.echo(f"index {status.state}: {REMEDY}{under_way}")
    raise SystemExit(1)


@index_group.command("retag")
def index_retag() -> None:
    """Tag every stored item again with the referentials the store holds (after an import
    of a new release); documentalists' tag edits are kept; the index follows."""
    retag_items(current_instance())


def retag_items(instance: Instance) -> None:
    """Tag every stored item again, with progress; the index follows."""
    with instance.engine.connect() as conn:
        total = item_store.count(conn)
    with progress("tagging", total) as advance:
        tagged = itemtags.retag(instance.engine, advance)
    instance.sync_index()
    click.echo(f"items tagged again: {tagged}")


@click.command("migrate-store")
@click.option("--to", "url", required=True,
              help="The empty PostgreSQL database, as an SQLAlchemy URL "
                   "(postgresql+psycopg://veille@/veille).")
def migrate_store(url: str) -> None:
    """Copy this instance's database into an empty PostgreSQL database (resumable), check
    each table's counts and build the search there; files stay in the instance folder."""
    counts = move_store(current_instance(), url, progress)
    for count in counts:
        click.echo(f"{count.table}: {count.target} rows")
    click.echo(f"store copied: {sum(c.target for c in counts)} rows in {len(counts)} tables; "
               f"set [store] url (VEILLE_STORE_URL) to use it")
