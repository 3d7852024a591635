"""Referentials uploaded from the browser (`/admin/referentials`): the official ZIP, or the
files themselves, are kept in a staging folder of the instance and checked by a dry run;
the documentalist reads what would change, then confirms the import (logged), after which
the stored items are tagged again.

A ZIP goes through `download.unzip` (sizes declared and checked, no member outside the
folder, no link); a loose file is kept under its last name only, so no name reaches
another folder. A staging folder is named by an unguessable token and forgotten a day
later, or once imported.
"""

import re
import secrets
import shutil
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePath
from typing import BinaryIO

from ..instance import Instance
from ..store import audit
from ..tags import itemtags
from .download import MB, unzip
from .importing import Report, import_folder, needs_retag
from .reading import ReferentialError

STAGING_DIR = "referentials-uploads"
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
FILE_NAME = re.compile(r"[\w.\- ]{1,200}")  # the official files' names, nothing else
KEPT_FOR = 24 * 3600  # seconds a staged upload waits for its confirmation


@dataclass
class Imported:
    reports: list[Report]
    retagged: int | None  # items tagged again, None when nothing asked for it


def stage(instance: Instance, files: Iterable[tuple[str, BinaryIO]]) -> str:
    """Keep the uploaded files (ZIPs unzipped) in a new staging folder; its token.
    ReferentialError for an archive that cannot be unzipped safely or a nameless file."""
    _forget_stale(instance)
    token = secrets.token_urlsafe(16)
    folder = _root(instance) / token
    folder.mkdir(parents=True)
    try:
        for name, stream in files:
            _keep(instance, folder, name, stream)
    except ReferentialError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return token


def check(instance: Instance, token: str, force: bool = False) -> list[Report]:
    """What importing the staged files would change (a dry run: nothing stored).
    ReferentialError when a file is wrong, or the upload is gone."""
    return import_folder(instance.engine, _folder(instance, token), force=force,
                         dry_run=True, source="upload")


def confirm(instance: Instance, token: str, actor: str, force: bool = False,
            progress: Callable[[int], None] | None = None) -> Imported:
    """Import the staged files (logged), forget them, and tag the stored items again when
    the ROME or the geography changed."""
    folder = _folder(instance, token)
    try:
        reports = import_folder(instance.engine, folder, force=force, source="upload")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    with instance.engine.begin() as conn:
        audit.record(conn, actor, "referentials-import", "referentials",
                     {report.name: report.version for report in reports})
    retagged = None
    if needs_retag(instance.engine, reports):
        retagged = itemtags.retag(instance.engine, progress)
        instance.sync_index()
    return Imported(reports, retagged)


def _keep(instance: Instance, folder: Path, name: str, stream: BinaryIO) -> None:
    content = stream.read()
    if zipfile.is_zipfile(BytesIO(content)):
        cap = instance.settings.referentials.max_unzipped_mb * MB
        unzip(content, folder / f"archive-{len(list(folder.iterdir()))}", cap, name)
        return
    kept = PurePath(name.replace("\\", "/")).name
    if not FILE_NAME.fullmatch(kept) or kept.strip(".") == "":
        raise ReferentialError(f"{name!r} is no name veille keeps a file under: nothing "
                               "imported")
    (folder / kept).write_bytes(content)


def _folder(instance: Instance, token: str) -> Path:
    folder = _root(instance) / token
    if not TOKEN.fullmatch(token) or not folder.is_dir():
        raise ReferentialError("this upload is no longer there (it waits a day): upload "
                               "the files again")
    return folder


def _root(instance: Instance) -> Path:
    return instance.root / STAGING_DIR


def _forget_stale(instance: Instance) -> None:
    root = _root(instance)
    if root.is_dir():
        for folder in root.iterdir():
            if folder.stat().st_mtime < time.time() - KEPT_FOR:
                shutil.rmtree(folder, ignore_errors=True)
