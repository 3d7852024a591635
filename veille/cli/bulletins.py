"""Commands on watch bulletins (they are drafted and sent from the web UI)."""

import click

from ..models import LOCAL_TIME
from ..store import bulletins as bulletin_store
from .base import current_instance


@click.group("bulletins")
def bulletins_group() -> None:
    """Watch bulletins: drafts and sent ones."""


@bulletins_group.command("list")
def list_bulletins() -> None:
    """The bulletins: drafts first, then the sent ones, the latest first."""
    with current_instance().engine.connect() as conn:
        found = bulletin_store.all_bulletins(conn)
    for bulletin in found:
        if bulletin.sent_at:
            day = bulletin.sent_at.astimezone(LOCAL_TIME).date().isoformat()
            state = f"sent {day} to {len(bulletin.recipients)}"
        else:
            state = "draft"
        click.echo(f"{bulletin.id}\t{state}\t{len(bulletin.entries)} entries\t{bulletin.title}")
