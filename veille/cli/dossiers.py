"""Commands on dossiers: baskets of items and resources."""

import click

from .. import dossiers
from ..models import LOCAL_TIME
from ..store import dossiers as dossier_store
from ..store.schema import utcnow
from .base import actor_option, cli, current_instance, who


@cli.group("dossiers")
def dossiers_group() -> None:
    """Gather items and resources in dossiers, and export them."""


@dossiers_group.command("create")
@click.argument("name")
@click.option("--description", default="", help="What the dossier is about.")
@actor_option
def create(name: str, description: str, actor: str | None) -> None:
    """Create an empty dossier."""
    dossiers.create(current_instance(), name, description, who(actor))
    click.echo(f"dossier {name!r} created")


@dossiers_group.command("list")
def list_dossiers() -> None:
    """The dossiers, with how many documents each holds."""
    with current_instance().engine.connect() as conn:
        for dossier in dossier_store.all_dossiers(conn):
            click.echo(f"{dossier.name}: {dossier.size} documents")


@dossiers_group.command("add")
@click.argument("name")
@click.argument("item_id")
@click.option("--note", default="", help="Why it is there, for the readers of the dossier.")
@click.option("--at", type=click.IntRange(1), default=None,
              help="Its position (1: first; default: last). An item already there moves.")
@actor_option
def add(name: str, item_id: str, note: str, at: int | None, actor: str | None) -> None:
    """Put an item or a resource (by id) in a dossier, or move it there."""
    dossiers.put(current_instance(), name, item_id, note, at, who(actor))
    click.echo(f"{item_id} in {name!r}")


@dossiers_group.command("remove")
@click.argument("name")
@click.argument("item_id")
@actor_option
def remove(name: str, item_id: str, actor: str | None) -> None:
    """Take an item out of a dossier (it stays in veille)."""
    dossiers.take_out(current_instance(), name, item_id, who(actor))
    click.echo(f"{item_id} taken out of {name!r}")


@dossiers_group.command("delete")
@click.argument("name")
@actor_option
def delete(name: str, actor: str | None) -> None:
    """Delete a dossier (its items stay in veille)."""
    dossiers.delete(current_instance(), name, who(actor))
    click.echo(f"dossier {name!r} deleted")


@dossiers_group.command("export")
@click.argument("name")
@click.option("--format", "as_format", type=click.Choice(["html", "csv"]), default="html",
              show_default=True, help="A printable page, or a table.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="The file to write (default: standard output).")
def export(name: str, as_format: str, output) -> None:
    """Export a dossier, its documents in order with their notes."""
    dossier, found = dossiers.contents(current_instance(), name)
    if as_format == "csv":
        dossiers.write_csv(found, output)
    else:
        output.write(dossiers.printable(dossier, found, utcnow().astimezone(LOCAL_TIME).date()))
