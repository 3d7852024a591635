"""Commands on dossiers: baskets of items and resources. They name the team's dossiers;
`--owner EMAIL` names one person's instead (the command line acts for the Maison)."""

import click

from ..accounts.users import normalise_email
from ..diffuse import dossiers, maison
from ..errors import NotFound
from ..instance import Instance
from ..models import LOCAL_TIME, User
from ..store import dossiers as dossier_store
from ..store import users as user_store
from ..store.schema import utcnow
from .base import actor_option, current_instance, who

owner_option = click.option(
    "--owner", "owner_email", default=None, metavar="EMAIL",
    help="The dossier of this account (default: the team's dossiers).")


@click.group("dossiers")
def dossiers_group() -> None:
    """Gather items and resources in dossiers, and export them."""


@dossiers_group.command("create")
@click.argument("name")
@click.option("--description", default="", help="What the dossier is about.")
@owner_option
@actor_option
def create(name: str, description: str, owner_email: str | None, actor: str | None) -> None:
    """Create an empty dossier (the team's, or a private one of --owner)."""
    instance = current_instance()
    dossiers.create(instance, name, description, who(actor), _owner(instance, owner_email))
    click.echo(f"dossier {name!r} created")


@dossiers_group.command("list")
@owner_option
def list_dossiers(owner_email: str | None) -> None:
    """The team's dossiers (or one person's), with how many documents each holds."""
    instance = current_instance()
    owner = _owner(instance, owner_email)
    with instance.engine.connect() as conn:
        for dossier in dossier_store.all_dossiers(conn, owner.id if owner else None):
            sharing = "" if dossier.team else (" (shared)" if dossier.shared else " (private)")
            plural = "" if dossier.size == 1 else "s"
            click.echo(f"{dossier.name}: {dossier.size} document{plural}{sharing}")


@dossiers_group.command("add")
@click.argument("name")
@click.argument("item_id")
@click.option("--note", default="", help="Why it is there, for the readers of the dossier.")
@click.option("--at", type=click.IntRange(1), default=None,
              help="Its position (1: first; default: last). An item already there moves.")
@owner_option
@actor_option
def add(name: str, item_id: str, note: str, at: int | None, owner_email: str | None,
        actor: str | None) -> None:
    """Put an item or a resource (by id) in a dossier, or move it there."""
    instance = current_instance()
    dossiers.put(instance, _dossier(instance, name, owner_email), item_id, note, at, who(actor))
    click.echo(f"{item_id} in {name!r}")


@dossiers_group.command("remove")
@click.argument("name")
@click.argument("item_id")
@owner_option
@actor_option
def remove(name: str, item_id: str, owner_email: str | None, actor: str | None) -> None:
    """Take an item out of a dossier (it stays in veille)."""
    instance = current_instance()
    dossiers.take_out(instance, _dossier(instance, name, owner_email), item_id, who(actor))
    click.echo(f"{item_id} taken out of {name!r}")


@dossiers_group.command("delete")
@click.argument("name")
@owner_option
@actor_option
def delete(name: str, owner_email: str | None, actor: str | None) -> None:
    """Delete a dossier (its items stay in veille)."""
    instance = current_instance()
    dossiers.delete(instance, _dossier(instance, name, owner_email), who(actor))
    click.echo(f"dossier {name!r} deleted")


@dossiers_group.command("export")
@click.argument("name")
@click.option("--format", "as_format", type=click.Choice(["html", "csv"]), default="html",
              show_default=True, help="A printable page, or a table.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="The file to write (default: standard output).")
@owner_option
def export(name: str, as_format: str, output, owner_email: str | None) -> None:
    """Export a dossier, its documents in order with their notes."""
    instance = current_instance()
    dossier, found = dossiers.contents(instance, _dossier(instance, name, owner_email))
    if as_format == "csv":
        dossiers.write_csv(found, output)
    else:
        output.write(dossiers.printable(dossier, found, utcnow().astimezone(LOCAL_TIME).date(),
                                        maison.of(instance.settings)))


def _owner(instance: Instance, email: str | None) -> User | None:
    """The account `--owner` names (None without it: the team)."""
    if email is None:
        return None
    with instance.engine.connect() as conn:
        user = user_store.by_email(conn, normalise_email(email))
    if user is None:
        raise NotFound(f"no account {email!r}")
    return user


def _dossier(instance: Instance, name: str, owner_email: str | None) -> dossiers.Target:
    """The team's dossier `name`, or the one of `--owner`."""
    owner = _owner(instance, owner_email)
    return name if owner is None else dossiers.named(instance, name, owner)
