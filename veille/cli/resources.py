"""Commands on the catalogue of documentary resources."""

import os
from collections import Counter
from pathlib import Path

import click

from .. import catalogue
from ..errors import VeilleError
from .base import cli, current_instance, err, progress


@cli.group("resources")
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


def _documents(folder: Path) -> list[Path]:
    """The files under `folder`, in path order, but hidden ones and symbolic links (which
    could point anywhere on the machine); os.walk does not enter linked folders."""
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(root, name) for name in names
                  if not name.startswith(".") and not Path(root, name).is_symlink()]
    return sorted(found)
