"""`veille referentials import`: recognise the referentials of a folder, read and check all
of them, then store each in one transaction.

Nothing is written before every file has been read and checked, and each referential is
written in one transaction: a broken file, a refused release or a database failure leaves
the store as it was. An older release than the one stored is refused unless forced (an old
folder imported by mistake would silently drop codes people use).
"""

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..refdata import (
    BASSINS,
    BMO,
    FAP,
    GEO,
    ROME,
    TITLES,
    Changes,
    Mismatch,
    ReferentialVersion,
    bmo_name,
    kind_of,
    title,
)
from ..store import items as item_store
from ..store import labourmarket
from ..store import referentials as store
from ..tags import storetaggers
from . import bassins, bmo, fap, geo, rome
from .detect import Found, detect
from .reading import ReferentialError, version_key

Advance = Callable[[int], None]
YEAR = re.compile(r"(19|20)\d\d")
Progress = Callable[[str, int], AbstractContextManager[Advance]]

class Read(Protocol):
    """What a reader gives: the referential's records and the release they are."""

    @property
    def version(self) -> str: ...


READERS: dict[str, Callable[[Path, Advance], Read]] = {
    ROME: rome.read, GEO: geo.read, FAP: fap.read, BASSINS: bassins.read,
    BMO: bmo.read}
FILES = {ROME: len(rome.COLUMNS), GEO: len(geo.FILES), FAP: fap.FILES, BASSINS: bassins.FILES,
         BMO: bmo.FILES}
# Where each table's records are in what a reader returns.
RECORDS = {
    ROME: {"grands domaines": "grands_domaines", "domaines": "domaines", "métiers": "metiers",
           "appellations": "appellations", "skills": "skills", "skill links": "links"},
    GEO: {"régions": "regions", "départements": "departements", "EPCI": "epcis",
          "communes": "communes"},
    FAP: {"families": "families", "ROME links": "rome_links"},
    BASSINS: {"bassins": "bassins", "communes": "communes"},
    BMO: {"jobs": "jobs", "bassins": "bassins", "rows": "figures"},
}


@contextmanager
def no_progress(label: str, total: int) -> Iterator[Advance]:
    yield lambda steps: None


@dataclass
class Release:
    """A referential as read from its files, checked, not yet stored."""

    name: str
    version: str
    source: str
    records: dict[str, list]

    @property
    def counts(self) -> dict[str, int]:
        """How many records of each table, and for a BMO year its secret cells."""
        counts = {label: len(records) for label, records in self.records.items()}
        if kind_of(self.name) == BMO:
            counts["secret cells"] = sum(
                (row.projects is None) + (row.difficult is None) + (row.seasonal is None)
                for row in self.records["rows"])
        return counts


@dataclass
class Report:
    """What importing one referential did (or, in a dry run, would do)."""

    name: str
    version: str
    source: str
    previous: str | None  # the release stored before; None on the first import
    counts: dict[str, int]
    changes: dict[str, Changes] = field(default_factory=dict)
    dry_run: bool = False
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def title(self) -> str:
        return title(self.name)

    @property
    def total(self) -> Changes:
        return sum(self.changes.values(), Changes())


def import_folder(engine: Engine, folder: Path, *, force: bool = False, dry_run: bool = False,
                  source: str | None = None, progress: Progress = no_progress) -> list[Report]:
    """Import every referential under `folder` (`source` names where it came from, the
    folder by default). ReferentialError, with nothing stored, if one cannot be."""
    releases = [read_release(found, progress, source) for found in detect(folder)]
    with engine.connect() as conn:
        for release in releases:
            check_release(store.stored_version(conn, release.name), release, force)
    return [store_release(engine, release, dry_run, progress) for release in releases]


def read_release(found: Found, progress: Progress = no_progress,
                 source: str | None = None) -> Release:
    """Read and check one referential's files."""
    with progress(f"reading {TITLES[found.name]}", FILES[found.name]) as advance:
        data = READERS[found.name](found.folder, advance)
    records = {label: getattr(data, attribute) for label, attribute in RECORDS[found.name].items()}
    name = bmo_name(data.version) if found.name == BMO else found.name  # a year, its release
    return Release(name, data.version, source or str(found.folder.absolute()), records)


def check_release(stored: ReferentialVersion | None, release: Release,
                  force: bool) -> None:
    """Refuse a release older than the stored one, unless `force`."""
    if stored is None or force:
        return
    new, old = version_key(release.version), version_key(stored.version)
    if new is not None and old is not None and new < old:
        raise ReferentialError(
            f"{title(release.name)} {describe(release.version)} in {release.source} is older "
            f"than the {describe(stored.version)} loaded on {stored.imported_at:%Y-%m-%d}: "
            "nothing imported (add --force to import it anyway)")


def store_release(engine: Engine, release: Release, dry_run: bool = False,
                  progress: Progress = no_progress) -> Report:
    """Write one release in one transaction (rolled back in a dry run, or on failure)."""
    named = title(release.name)
    try:
        with engine.connect() as conn, conn.begin() as transaction:
            stored = store.stored_version(conn, release.name)
            with progress(f"storing {named}", len(release.records)) as advance:
                changes = store.write(conn, release.name, release.version, release.source,
                                      release.records, release.counts, advance)
            mismatches = labourmarket.mismatches(conn, release.name)
            if dry_run:
                transaction.rollback()
    except SQLAlchemyError as exc:
        raise ReferentialError(f"could not store {named}, nothing was changed: "
                               f"{getattr(exc, 'orig', None) or exc}") from exc
    return Report(release.name, release.version, release.source,
                  stored.version if stored else None, release.counts, changes, dry_run,
                  mismatches)


def needs_retag(engine: Engine, reports: list[Report]) -> bool:
    """Whether the stored items are to be tagged again after these imports: the ROME, the
    geography or the bassins (a commune's bassin is among its places) changed, the ROME and
    the geography are loaded, and items are stored (items stored before the first import
    are otherwise never tagged)."""
    changed = [report for report in reports if report.name in (ROME, GEO, BASSINS)
               and not report.dry_run and report.total != Changes()]
    if not changed:
        return False
    with engine.connect() as conn:
        return storetaggers.taggers(conn) is not None and bool(item_store.count(conn))


def describe(version: str) -> str:
    """A release as people name it: ROME "v460", geography "6.0.0", a year as it is (the
    BMO's "2024", FAP's "2021"), or "unknown release"."""
    if not version:
        return "unknown release"
    return f"v{version}" if version.isdigit() and not YEAR.fullmatch(version) else version
