"""The French administrative geography, from Etalab's `decoupage-administratif` JSON files
(INSEE's Code officiel géographique, the DGCL's EPCI list, legal populations).

A folder holding `communes.json`, `departements.json`, `regions.json` and `epci.json` (the
package's `data/` folder) is read whole: every region, then filter by `region` when needed.
Only current communes are kept; communes déléguées and associées, and Paris, Lyon and
Marseille's arrondissements, share names or codes with them. The release is the package's
version, from its `package.json` or the folder's name (`decoupage-administratif-6.0.0`).
"""

import json
import re
from collections.abc import Callable
from pathlib import Path

from ..refdata import Commune, Departement, Epci, Geo, Region
from .reading import ReferentialError, read_json_list, read_text, unique

FILES = ("regions.json", "departements.json", "epci.json", "communes.json")
MARKERS = ("communes.json", "departements.json", "regions.json")
CURRENT = "commune-actuelle"
_FOLDER_VERSION = re.compile(r"-(\d+\.\d+\.\d+)$")

Advance = Callable[[int], None]


def holds_geo(folder: Path) -> bool:
    """Whether `folder` looks like decoupage-administratif's data (complete or not)."""
    return any((folder / name).is_file() for name in MARKERS)


def release(folder: Path) -> str:
    """The package version, from a package.json here or above, else from the folder's name;
    "" when neither says."""
    for place in (folder, folder.parent):
        manifest = place / "package.json"
        if manifest.is_file():
            try:
                version = json.loads(read_text(manifest)).get("version", "")
            except (json.JSONDecodeError, AttributeError) as exc:
                raise ReferentialError(f"{manifest} is not a valid package.json") from exc
            return str(version)
    for place in (folder, folder.parent):
        if match := _FOLDER_VERSION.search(place.name):
            return match[1]
    return ""


def read(folder: Path, advance: Advance = lambda steps: None) -> Geo:
    """Read and check the geography in `folder`; ReferentialError naming what is wrong."""
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise ReferentialError(f"{folder} lacks {', '.join(missing)} of decoupage-administratif")
    geo = Geo(release(folder))
    geo.regions = [Region(entry["code"], entry["nom"])
                   for entry in _entries(folder, "regions.json", ("code", "nom"), advance)]
    geo.departements = _departements(folder, {region.code for region in geo.regions}, advance)
    entries = _entries(folder, "epci.json", ("code", "nom", "membres"), advance)
    geo.epcis = [Epci(entry["code"], entry["nom"], entry.get("type", ""),
                      entry.get("populationMunicipale")) for entry in entries]
    members = {member["code"]: entry["code"] for entry in entries
               for member in entry["membres"] if isinstance(member, dict) and "code" in member}
    geo.communes = _communes(folder, geo, members, advance)
    return geo


def _entries(folder: Path, name: str, keys: tuple[str, ...], advance: Advance) -> list[dict]:
    """The file's entries, each with `keys`; codes unique (among current communes, for
    communes.json: a commune déléguée may keep its old commune's code)."""
    entries = read_json_list(folder / name, keys)
    kept = entries if name != "communes.json" else [entry for entry in entries if _current(entry)]
    unique(folder / name, (str(entry["code"]) for entry in kept), "code")
    advance(1)
    return entries


def _current(entry: dict) -> bool:
    return entry.get("type", CURRENT) == CURRENT


def _departements(folder: Path, regions: set[str], advance: Advance) -> list[Departement]:
    entries = _entries(folder, "departements.json", ("code", "nom", "region"), advance)
    for number, entry in enumerate(entries, 1):
        if entry["region"] not in regions:
            raise ReferentialError(f"departements.json, entry {number}: {entry['code']} is in "
                                   f"region {entry['region']}, which regions.json lacks")
    return [Departement(entry["code"], entry["nom"], entry["region"]) for entry in entries]


def _communes(folder: Path, geo: Geo, members: dict[str, str], advance: Advance) -> list[Commune]:
    entries = _entries(folder, "communes.json", ("code", "nom", "departement", "region"), advance)
    departements = {departement.code for departement in geo.departements}
    found = []
    for number, entry in enumerate(entries, 1):
        if not _current(entry):
            continue
        if entry["departement"] not in departements:
            raise ReferentialError(f"communes.json, entry {number}: {entry['code']} is in "
                                   f"département {entry['departement']}, which "
                                   "departements.json lacks")
        found.append(Commune(
            entry["code"], entry["nom"], entry["departement"], entry["region"],
            members.get(entry["code"], ""), entry.get("population"),
            tuple(entry.get("codesPostaux") or ())))
    return found
