"""Zip archives (DOCX, ODT) opened only when their unzipped size stays within a limit.

A zip bomb is a few kilobytes that unzip to gigabytes. Python's zipfile never unzips a
member past the size its directory declares, so checking the declared sizes before any
library reads the archive bounds what reading it can cost.
"""

import zipfile
from io import BytesIO

from .formats import Unreadable

MAX_MEMBERS = 5_000
DEFAULT_MAX_UNZIPPED = 200 * 1024 * 1024

def check_zip(content: bytes, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> None:
    """Raise Unreadable unless `content` is a zip whose members unzip to `max_unzipped`
    bytes at most, in all."""
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise Unreadable(f"damaged archive ({exc})") from None
    if len(members) > MAX_MEMBERS:
        raise Unreadable(f"archive of {len(members):,} files (at most {MAX_MEMBERS:,})")
    unzipped = sum(member.file_size for member in members)
    if unzipped > max_unzipped:
        raise Unreadable(f"archive unzipping to {unzipped / 2**20:,.0f} MB "
                         f"(at most {max_unzipped / 2**20:,.0f} MB)")
