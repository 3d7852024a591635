"""`veille referentials update`: download a referential's release (a ZIP, e.g. the ROME's
CSV export) from `[referentials] url` and import it like a folder.

The download goes through fetch.py (limits, robots.txt, address guard) with its own size
cap, since a release is bigger than a feed. The archive is unzipped into a temporary folder
only after its declared sizes are checked (filetext.archives) and every member's name is:
nothing is written outside that folder, and nothing stays once imported.
"""

import shutil
import stat
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

from ..fetch.client import Fetcher
from ..instance import Instance
from ..library.filetext.archives import check_zip
from ..library.filetext.formats import Unreadable
from .importing import Progress, Report, import_folder, no_progress
from .reading import ReferentialError

MB = 1024 * 1024


def update(instance: Instance, *, force: bool = False, dry_run: bool = False,
           progress: Progress = no_progress) -> list[Report]:
    """Download the release at `[referentials] url` and import it."""
    settings = instance.settings
    url = settings.referentials.url
    if not url:
        raise ReferentialError(
            "no address to download from: set [referentials] url in the config file (or "
            "VEILLE_REFERENTIALS_URL) to the address of the release's ZIP, or download it "
            "yourself and run `veille referentials import DIR`")
    config = SimpleNamespace(**{**vars(settings.fetch),
                                "max_bytes": settings.referentials.max_download_mb * MB})
    with Fetcher(config) as fetcher:
        content = fetcher.fetch(url).content
    with tempfile.TemporaryDirectory(prefix="veille-referentials-") as folder:
        unzip(content, Path(folder), settings.referentials.max_unzipped_mb * MB, url)
        return import_folder(instance.engine, Path(folder), force=force, dry_run=dry_run,
                             source=url, progress=progress)


def unzip(content: bytes, folder: Path, max_unzipped: int, origin: str = "the archive") -> None:
    """Unzip `content` into `folder`; ReferentialError for what is not a ZIP, unzips past
    `max_unzipped` bytes, or has a member that is a link or names a path outside."""
    try:
        check_zip(content, max_unzipped)
    except Unreadable as exc:
        raise ReferentialError(f"{origin} is not a usable ZIP archive: {exc}") from exc
    with zipfile.ZipFile(BytesIO(content)) as archive:
        members = [member for member in archive.infolist() if not member.is_dir()]
        for member in members:
            _check_member(member, origin)
        for member in members:
            target = folder.joinpath(*PurePosixPath(member.filename).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)


def _check_member(member: zipfile.ZipInfo, origin: str) -> None:
    """Refuse absolute paths, `..`, backslashes, drive letters and symbolic links."""
    name = member.filename
    parts = PurePosixPath(name).parts
    unsafe = (name.startswith("/") or "\\" in name or ".." in parts or ":" in name
              or stat.S_ISLNK(member.external_attr >> 16))
    if unsafe or not parts:
        raise ReferentialError(f"{origin} holds {name!r}, a path veille will not unzip: "
                               "nothing imported")
