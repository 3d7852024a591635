"""Commands on the referentials: ROME 4.0, the French geography, FAP-2021, and France
Travail's BMO survey with its bassins d'emploi."""

import json
import time
from pathlib import Path

import click

from ..instance import Instance
from ..refdata import title
from ..referentials import download
from ..referentials.importing import Report, describe, import_folder, needs_retag
from ..store import referentials as referential_store
from .base import current_instance, err, progress
from .library import retag_items

dry_run_option = click.option("--dry-run", is_flag=True,
                              help="Read and check the files, say what would change, store "
                                   "nothing.")
force_option = click.option("--force", is_flag=True,
                            help="Import even a release older than the one loaded.")
retag_option = click.option("--no-retag", is_flag=True,
                            help="Leave the stored items' tags as they are (`veille index "
                                 "retag` tags them later).")


@click.group("referentials")
def referentials_group() -> None:
    """The official referentials items are tagged with: France Travail's ROME 4.0 (jobs and
    skills) and INSEE's geography (communes, départements, régions, EPCI); and the labour
    market's: DARES' FAP-2021, France Travail's BMO survey and its bassins."""


@referentials_group.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@dry_run_option
@force_option
@retag_option
def import_command(folder: Path, dry_run: bool, force: bool, no_retag: bool) -> None:
    """Import the referentials FOLDER holds, recognised by their files: the ROME 4.0 CSV
    export (unix_*_v460_utf8.csv), decoupage-administratif's JSON (communes.json…), DARES'
    FAP-2021 (the tree's xlsx and the ROME table's CSV), a year of France Travail's BMO
    survey (Base_open_data_BMO_2024.xlsx) and its bassins (bassin_emploi.csv); FOLDER may
    hold several, in subfolders. A newer release updates codes in place, a BMO year replaces
    that year; nothing is stored if a file is wrong. The items already stored are then
    tagged again with what changed."""
    instance = current_instance()
    started = time.monotonic()
    reports = import_folder(instance.engine, folder, force=force, dry_run=dry_run,
                            progress=progress)
    _summary(reports, time.monotonic() - started)
    _retag(instance, reports, no_retag)


@referentials_group.command("update")
@dry_run_option
@force_option
@retag_option
def update_command(dry_run: bool, force: bool, no_retag: bool) -> None:
    """Download the release at [referentials] url (a ZIP) and import it."""
    instance = current_instance()
    started = time.monotonic()
    reports = download.update(instance, force=force, dry_run=dry_run, progress=progress)
    _summary(reports, time.monotonic() - started)
    _retag(instance, reports, no_retag)


@referentials_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(as_json: bool) -> None:
    """List the referentials loaded: release, when, from where, how many of each."""
    with current_instance().engine.connect() as conn:
        loaded = referential_store.versions(conn)
    if as_json:
        click.echo(json.dumps([{
            "name": version.name, "version": version.version, "source": version.source,
            "imported_at": version.imported_at.isoformat(), "counts": version.counts,
        } for version in loaded], ensure_ascii=False, indent=2))
        return
    if not loaded:
        click.echo("no referential loaded: see `veille referentials import DIR`")
    for version in loaded:
        click.echo(f"{title(version.name)} {describe(version.version)}, imported "
                   f"{version.imported_at:%Y-%m-%d %H:%M} UTC from {version.source}")
        click.echo(f"  {_counts(version.counts)}")


def _summary(reports: list[Report], seconds: float) -> None:
    for report in reports:
        click.echo(f"{report.title} {describe(report.version)}: {_counts(report.counts)}")
        total = report.total
        verb = "would be " if report.dry_run else ""
        before = ("first import" if report.previous is None
                  else f"previously {describe(report.previous)}")
        click.echo(f"  {total.added:,} {verb}added, {total.changed:,} {verb}changed, "
                   f"{total.removed:,} {verb}removed ({before})")
        for mismatch in report.mismatches:
            examples = ", ".join(mismatch.examples)
            more = ", …" if mismatch.count > len(mismatch.examples) else ""
            click.echo(f"  mismatch: {mismatch.count:,} {mismatch.what} ({examples}{more})")
    if reports and reports[0].dry_run:
        err("dry run: nothing was stored")
    err(f"done in {seconds:.1f} s")


def _retag(instance: Instance, reports: list[Report], skip: bool) -> None:
    """Tag the stored items again when the ROME, the geography or the bassins (a commune's
    bassin is among its places) changed and the ROME and the geography are loaded: items
    stored before the first import are otherwise never tagged."""
    if not needs_retag(instance.engine, reports):
        return
    if skip:
        err("the stored items keep their tags: run `veille index retag` to tag them again")
        return
    retag_items(instance)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count:,} {label}" for label, count in counts.items())
