"""Commands on collected items: curation, retention, and the audit log of changes."""

import json
from dataclasses import asdict

import click

from ..collect import retention
from ..curate.curation import curate as curate_item
from ..curate.curation import publish as publish_item
from ..library import catalogue
from ..store import audit
from ..store import tags as tag_store
from ..tags import itemtags
from .base import actor_option, current_instance, who


@click.group("items")
def items_group() -> None:
    """Curate collected items."""


@items_group.command("curate")
@click.argument("item_id")
@click.option("--star/--unstar", default=None, help="Star the item, or not any more.")
@click.option("--hide/--show", default=None, help="Leave it out of searches, or bring it back.")
@click.option("--tag", "add_tags", multiple=True, help="Add a tag (searchable, a facet).")
@click.option("--untag", "remove_tags", multiple=True, help="Remove a tag added here.")
@click.option("--note", default=None, help="The item's note (an empty one removes it).")
@actor_option
def curate(item_id: str, star, hide, add_tags, remove_tags, note, actor) -> None:
    """Star, tag, note or hide an item (by id, as the API gives it); prints its curation."""
    done = curate_item(
        current_instance(), item_id, who(actor), star=star,
        hide=hide, note=note, add_tags=add_tags, remove_tags=remove_tags,
    )
    shown = asdict(done)
    shown["updated_at"] = done.updated_at.isoformat() if done.updated_at else None
    click.echo(json.dumps(shown, ensure_ascii=False, indent=2))


@items_group.command("publish")
@click.argument("item_id")
@click.option("--sector", "sectors", multiple=True, metavar="CODE",
              help="Sector of the portal: a ROME grand domaine letter, e.g. H (repeatable).")
@click.option("--place", "places", multiple=True, help="Territory, e.g. Moselle (repeatable).")
@click.option("--withdraw", is_flag=True, help="Take it off the portal.")
@actor_option
def publish(item_id: str, sectors, places, withdraw: bool, actor) -> None:
    """Publish an item on the employers' portal (sectors and places replace the old ones)."""
    done = publish_item(current_instance(), item_id, who(actor), not withdraw,
                        tuple(code.upper() for code in sectors), places)
    state = "published" if done.published else "withdrawn"
    click.echo(f"{state}: {item_id} sectors={','.join(done.sectors)} "
               f"places={','.join(done.places)}")


@items_group.command("tag")
@click.argument("item_id")
@click.option("--add", "added", multiple=True, metavar="KIND:VALUE",
              help="Add a tag: rome:H2913, domaine:H29, lieu:57 (an INSEE code), skill:CODE.")
@click.option("--remove", "removed", multiple=True, metavar="KIND:VALUE",
              help="Remove a tag (one found by the taggers stays removed when re-tagged).")
@actor_option
def tag(item_id: str, added, removed, actor) -> None:
    """Edit an item's ROME, domaine, skill and place tags; prints its tags."""
    edited = itemtags.edit(current_instance(), item_id, added, removed, who(actor))
    click.echo(("changed" if edited.changed else "unchanged") + f": {item_id}")
    for kind in tag_store.KINDS:
        if edited.tags.get(kind):
            click.echo(f"  {kind}: {', '.join(edited.tags[kind])}")


@items_group.command("promote")
@click.argument("item_id")
@actor_option
def promote(item_id: str, actor: str | None) -> None:
    """Make a news item a resource of the catalogue, its record prefilled from the item."""
    added = catalogue.promote(current_instance(), item_id, who(actor))
    click.echo(f"{added.status}: {added.resource.title} [{added.resource.id}]")


@click.command("audit")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
def audit_log(limit: int) -> None:
    """The latest changes made by people: who, what, when."""
    with current_instance().engine.connect() as conn:
        entries = audit.latest(conn, limit)
    for entry in entries:
        details = json.dumps(entry.details, ensure_ascii=False)
        click.echo(f"{entry.at:%Y-%m-%d %H:%M:%S} {entry.actor} {entry.action} {entry.target} "
                   f"{details}")


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted, delete nothing.")
@actor_option
def purge(dry_run: bool, actor: str | None) -> None:
    """Delete the news older than its source's retention (`keep_for`, else [retention]
    news_after); starred, tagged and noted items and resources are always kept."""
    report = retention.purge(current_instance(), who(actor), dry_run)
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb} {report.total} items")
    for source, count in report.by_source.most_common():
        click.echo(f"  {source}: {count}")
    if dry_run:
        for title in report.titles[:20]:
            click.echo(f"  - {title}")
