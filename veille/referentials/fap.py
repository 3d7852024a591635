"""DARES' FAP-2021 ("familles professionnelles"), from its two official files: the tree of
the nomenclature (`Dares_Arborescence_FAP2021.xlsx`, sheet `niveaux_emboités`: every FAP341
with its FAP228, FAP86 and FAP22) and the table from the ROME (`Dares_Table_passage_ROME_
Qualif_to_FAP2021_pour_programme.csv`: each ROME v3 job sheet × 10 qualification levels → a
FAP341, ';'-separated, Windows-1252).

The BMO survey names its jobs by FAP228 (the first five characters of a FAP341): this is
how a ROME job finds its BMO jobs. The release is the year in the files' names ("2021").
"""

import re
from collections.abc import Callable
from pathlib import Path

from ..refdata import Fap, FapFamily, RomeFap
from .reading import ReferentialError, read_csv, require
from .workbooks import Sheet, sheet

TREE = re.compile(r"(?i)^(?!~\$).*arborescence.*fap.*\.xlsx$")
TABLE = re.compile(r"(?i)^.*rome.*fap.*\.csv$")
RELEASE = re.compile(r"(?i)FAP[-_]?(\d{4})")
LEVELS = (341, 228, 86, 22)  # the nomenclature's levels, finest first
TREE_COLUMNS = tuple(column for level in LEVELS
                     for column in (f"Code_FAP{level}", f"Intitulé_FAP{level}"))
TABLE_COLUMNS = ("ROME", "Qualif", "FAP341")
ROME_CODE = re.compile(r"^[A-N]\d{4}$")
QUALIFICATIONS = range(10)
FILES = 2

Advance = Callable[[int], None]


def holds_fap(folder: Path) -> bool:
    """Whether `folder` holds one of FAP-2021's files (the tree or the ROME table)."""
    return bool(_files(folder, TREE) or _files(folder, TABLE))


def _files(folder: Path, pattern: re.Pattern) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file() and pattern.match(path.name))


def _one(folder: Path, pattern: re.Pattern, what: str) -> Path:
    found = _files(folder, pattern)
    if len(found) != 1:
        names = ", ".join(path.name for path in found) or "none"
        raise ReferentialError(f"{folder} should hold one {what} of FAP-2021, not "
                               f"{len(found)} ({names})")
    return found[0]


def release(*paths: Path) -> str:
    """The year the files' names carry ("2021"); refuse files of two releases."""
    years = {match[1] for path in paths if (match := RELEASE.search(path.name))}
    if len(years) > 1:
        raise ReferentialError(f"{', '.join(path.name for path in paths)} are of different "
                               f"releases ({', '.join(sorted(years))})")
    return years.pop() if years else ""


def read(folder: Path, advance: Advance = lambda steps: None) -> Fap:
    """Read and check FAP-2021 in `folder`; ReferentialError naming what is wrong."""
    tree = _one(folder, TREE, "tree (Dares_Arborescence_FAP2021.xlsx)")
    table = _one(folder, TABLE, "ROME table (Dares_Table_passage_ROME_…FAP2021….csv)")
    fap = Fap(release(tree, table))
    with sheet(tree, lambda header: all(name in header for name in TREE_COLUMNS),
               "families (Code_FAP341, Intitulé_FAP341, Code_FAP228…)") as data:
        fap.families = _families(data)
    advance(1)
    fap.rome_links = _links(table)
    advance(1)
    return fap


def _families(data: Sheet) -> list[FapFamily]:
    """Every family of each level, once (the tree repeats a FAP228 for each of its FAP341)."""
    found: dict[tuple[int, str], FapFamily] = {}
    for number, values in data.records(TREE_COLUMNS):
        for index, level in enumerate(LEVELS):
            code, label = values[2 * index], values[2 * index + 1]
            if not code or not label:
                raise ReferentialError(f"{data.where(number)}: empty FAP{level} code or label")
            found.setdefault((level, code), FapFamily(level, code, label))
    if not found:
        raise ReferentialError(f"{data.path.name} has a header but no families")
    return list(found.values())


def _links(path: Path) -> list[RomeFap]:
    found, seen = [], set()
    for line, row in read_csv(path, TABLE_COLUMNS, delimiter=";", fallback="cp1252"):
        require(path, line, row, *TABLE_COLUMNS)
        rome, qualification = row["ROME"], row["Qualif"]
        if not ROME_CODE.match(rome):
            raise ReferentialError(f"{path.name}, line {line}: {rome!r} is no ROME code")
        if not qualification.isdigit() or int(qualification) not in QUALIFICATIONS:
            raise ReferentialError(f"{path.name}, line {line}: qualification level "
                                   f"{qualification!r} is not 0 to 9")
        if (rome, int(qualification)) in seen:
            raise ReferentialError(f"{path.name}, line {line}: {rome} at level "
                                   f"{qualification} a second time")
        seen.add((rome, int(qualification)))
        found.append(RomeFap(rome, int(qualification), row["FAP341"]))
    return found
