"""Commands on the email alerts of saved searches."""

import click

from ..analyse.trends import RECENT_WEEKS
from ..diffuse import alerts
from .base import current_instance, err


@click.group("alerts")
def alerts_group() -> None:
    """Email alerts of saved searches (daily or weekly digests of what is new, or a mail
    when a search is rising)."""


@alerts_group.command("send")
@click.option("--dry-run", is_flag=True, help="Say what would be sent to whom; send nothing.")
def send(dry_run: bool) -> None:
    """Send the alerts that are due (the scheduler of `veille serve` does it every day at
    `[alerts] hour`). Exit status 1 when the SMTP server failed: the unsent ones go next time."""
    report = alerts.send_due(current_instance(), dry_run=dry_run)
    if report.skipped:
        err(report.skipped)
        return
    verb = "would send" if dry_run else "sent"
    for digest in report.sent:
        # report.sent holds the digests with a mail, and a mail lists the page it was made of.
        assert digest.mail is not None and digest.page is not None
        click.echo(f"{verb} to {digest.saved.owner}: {digest.mail.subject}")
        if digest.rise is not None:
            click.echo(f"  rising: {digest.rise.recent} in the last {RECENT_WEEKS} weeks, "
                       f"{digest.rise.expected:.1f} expected (p = {digest.rise.p:.1g})")
        for hit in digest.page.hits:
            click.echo(f"  - {hit.title}")
    mailed = "to mail" if dry_run else "mailed"
    err(f"{report.due} alerts due: {len(report.sent)} {mailed}, {report.quiet} without anything "
        "new" + (" (dry run: nothing sent, nothing marked)" if dry_run else ""))
    if report.error:
        raise click.ClickException(f"{report.error} (the unsent alerts go at the next run)")
