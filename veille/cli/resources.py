"""Commands on the catalogue of documentary resources."""

import os
from collections import Counter
from pathlib import Path

import click

from ..errors import NotFound, VeilleError
from ..fetch.client import Fetcher
from ..instance import Instance
from ..library import bookmarks, catalogue, dublincore
from ..store import resources as resource_store
from .base import actor_option, current_instance, err, progress, who


@click.group("resources")
def resources_group() -> None:
    """Manage the catalogue of documentary resources."""


@resources_group.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def import_folder(folder: Path) -> None:
    """Add every document of FOLDER and its subfolders as a resource (PDF, DOCX, ODT, HTML,
    text, Markdown). Files unchanged since the last import are skipped; hidden files and
    symbolic links are left out."""
    instance = current_instance()
    files = _documents(folder)
    counts: Counter[str] = Counter()
    without_text: list[tuple[str, str]] = []
    with progress("importing resources", len(files)) as advance:
        for path in files:
            name = path.relative_to(folder).as_posix()
            try:
                added = catalogue.add_file(instance, path.read_bytes(), path.name, f"dir:{name}")
            except (VeilleError, OSError) as exc:
                err(f"{name}: skipped: {exc}")
                counts["skipped"] += 1
            else:
                counts[added.status] += 1
                if added.resource.problem and added.status != "unchanged":
                    without_text.append((name, added.resource.problem))
            advance(1)
    instance.sync_index()
    for name, problem in without_text:
        err(f"{name}: kept without text: {problem}")
    click.echo(
        f"resources: {counts['new']} new, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {len(without_text)} without text, "
        f"{counts['skipped']} skipped"
    )


@resources_group.command("add")
@click.argument("targets", nargs=-1, required=True)
def add(targets: tuple[str, ...]) -> None:
    """Add documents to the catalogue: each TARGET is a file, or the address of a web page
    (kept as a bookmark with its main text) or of a document. Exit status 1 if one fails."""
    instance = current_instance()
    failed = 0
    with Fetcher(instance.settings.fetch) as fetcher:
        for target in targets:
            try:
                added = _add(instance, fetcher, target)
            except (VeilleError, OSError) as exc:
                err(f"{target}: not added: {exc}")
                failed += 1
                continue
            record = added.resource
            problem = f" (kept without text: {record.problem})" if record.problem else ""
            click.echo(f"{added.status}: {record.title} [{record.id}]{problem}")
    instance.sync_index()
    if failed:
        click.get_current_context().exit(1)


def _add(instance: Instance, fetcher: Fetcher, target: str) -> catalogue.Added:
    if target.startswith(("http://", "https://")):
        return bookmarks.add_url(instance, fetcher, target)
    path = Path(target)
    return catalogue.add_file(instance, path.read_bytes(), path.name, "upload")


@resources_group.command("delete")
@click.argument("ids", nargs=-1, required=True)
@actor_option
def delete(ids: tuple[str, ...], actor: str | None) -> None:
    """Delete resources by id (as `export-csv` lists them): record, item and file. Exit
    status 1 if one is unknown."""
    instance = current_instance()
    unknown = 0
    for resource_id in ids:
        try:
            record = catalogue.delete(instance, resource_id, who(actor))
        except NotFound as exc:
            err(str(exc))
            unknown += 1
            continue
        click.echo(f"deleted: {record.title} [{record.id}]")
    instance.sync_index()
    if unknown:
        click.get_current_context().exit(1)


@resources_group.command("import-csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@actor_option
def import_csv(file: Path, actor: str | None) -> None:
    """Add or update resources from a CSV: a row with an `id` updates that record (as
    `export-csv` writes them), a row with a `file` (a path beside the CSV) adds that
    document; the other columns are Dublin Core elements. Bad rows are reported and
    skipped."""
    instance = current_instance()
    with file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(dublincore.read_csv(handle))
    counts: Counter[str] = Counter()
    with progress("importing records", len(rows)) as advance:
        for line, row in rows:
            try:
                counts[catalogue.from_row(instance, row, file.parent, who(actor)).status] += 1
            except (VeilleError, OSError) as exc:
                err(f"{file}:{line}: skipped: {exc}")
                counts["skipped"] += 1
            advance(1)
    instance.sync_index()
    click.echo(f"records: {counts['new']} new, {counts['updated']} updated, "
               f"{counts['unchanged']} unchanged, {counts['skipped']} bad rows skipped")


@resources_group.command("export-csv")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="The file to write (default: standard output).")
def export_csv(output) -> None:
    """Write the catalogue as CSV, one record a row (UTF-8; `import-csv` reads it back)."""
    with current_instance().engine.connect() as conn:
        dublincore.write_csv(resource_store.all_records(conn), output)


@resources_group.command("export-dc")
@click.option("-o", "--output", type=click.File("wb", lazy=True), default="-",
              help="The file to write (default: standard output).")
def export_dc(output) -> None:
    """Write the catalogue as Dublin Core XML (OAI-DC records)."""
    with current_instance().engine.connect() as conn:
        for piece in dublincore.oai_dc(resource_store.all_records(conn)):
            output.write(piece.encode("utf-8"))


def _documents(folder: Path) -> list[Path]:
    """The files under `folder`, in path order, but hidden ones and symbolic links (which
    could point anywhere on the machine); os.walk does not enter linked folders."""
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(root, name) for name in names
                  if not name.startswith(".") and not Path(root, name).is_symlink()]
    return sorted(found)
