"""Which referentials a folder holds, recognised by their files rather than named by the
person importing: the folder itself or its subfolders (a parent holding both the ROME export
and the geography, an unzipped release whose files sit one level down)."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..refdata import BASSINS, BMO, FAP, GEO, ROME, TITLES
from . import bassins, bmo, fap, geo, rome
from .reading import ReferentialError

MAX_DEPTH = 3  # levels of subfolders looked into

DETECTORS: tuple[tuple[str, Callable[[Path], bool]], ...] = (
    (ROME, rome.holds_rome),
    (GEO, geo.holds_geo),
    (FAP, fap.holds_fap),
    (BASSINS, bassins.holds_bassins),
    (BMO, bmo.holds_bmo),
)


@dataclass(frozen=True)
class Found:
    """A referential (ROME, GEO, FAP, BASSINS or BMO) and the folder holding its files."""

    name: str
    folder: Path


def detect(folder: Path) -> list[Found]:
    """The referentials under `folder`, in the order they are imported. ReferentialError
    when there is none, or when one is in two folders (which one to import is unclear)."""
    if not folder.is_dir():
        raise ReferentialError(f"{folder} is not a folder")
    places: dict[str, list[Path]] = {name: [] for name, _ in DETECTORS}
    for candidate in _folders(folder):
        for name, holds in DETECTORS:
            if holds(candidate):
                places[name].append(candidate)
    for name, folders in places.items():
        if len(folders) > 1:
            listed = ", ".join(str(path) for path in folders)
            raise ReferentialError(f"{TITLES[name]} found in {len(folders)} folders ({listed}): "
                                   "import them one at a time")
    found = [Found(name, folders[0]) for name, folders in places.items() if folders]
    if not found:
        raise ReferentialError(
            f"no referential recognised in {folder}: expected the ROME 4.0 CSV export "
            "(unix_*_v460_utf8.csv), decoupage-administratif's JSON (communes.json, "
            "departements.json, regions.json, epci.json), DARES' FAP-2021 "
            "(Dares_Arborescence_FAP2021.xlsx, Dares_Table_passage_ROME_…FAP2021….csv), "
            "France Travail's BMO workbook (Base_open_data_BMO_2024.xlsx) or its bassins "
            "(bassin_emploi.csv)")
    return found


def _folders(root: Path) -> list[Path]:
    """`root` and its subfolders down to MAX_DEPTH levels, hidden ones left out."""
    found, level = [root], [root]
    for _ in range(MAX_DEPTH):
        level = [child for parent in level for child in _children(parent)]
        found += level
    return found


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(path for path in folder.iterdir()
                      if path.is_dir() and not path.name.startswith("."))
    except OSError:
        return []
