"""France Travail's BMO survey ("Besoins en Main-d'Œuvre"), from its open-data workbook
(`Base_open_data_BMO_2024.xlsx`, on data.gouv.fr and statistiques.francetravail.org/bmo).

One row per year × job (FAP-2021 at the 228 level) × bassin d'emploi × département (a bassin
may straddle two): the recruitment projects (`met`), those judged difficult (`xmet`) and the
seasonal ones (`smet`); `*` marks a secret cell (too few projects or respondents), kept as
None, never as a number. The year comes from the file: its `annee` column and the bassin
columns named after it (`BE24`, `NOMBE24`; the 2025 edition has `BE25`, `NOMBE25`).
"""

import re
from collections.abc import Callable
from pathlib import Path

from ..refdata import Bmo, BmoBassin, BmoFigure, BmoJob
from .reading import ReferentialError
from .workbooks import Sheet, sheet

WORKBOOK = re.compile(r"(?i)^(?!~\$).*bmo.*\.xlsx$")  # "~$…" is Excel's lock file
BASSIN = re.compile(r"^BE(\d\d)$")
COLUMNS = ("annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG",
           "Dept", "met", "xmet", "smet")
SECRET = "*"
FILES = 1

Advance = Callable[[int], None]


def holds_bmo(folder: Path) -> bool:
    """Whether `folder` holds a BMO workbook (a .xlsx file whose name says BMO)."""
    return bool(_workbooks(folder))


def _workbooks(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir()
                  if path.is_file() and WORKBOOK.match(path.name))


def read(folder: Path, advance: Advance = lambda steps: None) -> Bmo:
    """Read and check the BMO workbook in `folder`; ReferentialError naming what is wrong."""
    found = _workbooks(folder)
    if len(found) != 1:
        names = ", ".join(path.name for path in found) or "none"
        raise ReferentialError(f"{folder} should hold one BMO workbook, not {len(found)} "
                               f"({names}): keep one year per folder")
    with sheet(found[0], _fits, "BMO figures (annee, Code métier BMO, BE24, met…)") as data:
        bmo = _read_sheet(data)
    advance(1)
    return bmo


def _fits(header: list[str]) -> bool:
    return all(name in header for name in COLUMNS) and any(map(BASSIN.match, header))


def _read_sheet(data: Sheet) -> Bmo:
    code_column, match = next((name, found) for name in data.header
                              if (found := BASSIN.match(name)))
    year = 2000 + int(match[1])
    name_column = f"NOM{code_column}"
    if name_column not in data.header:
        raise ReferentialError(f"{data.path.name} has {code_column} but no {name_column} "
                               f"column (it has: {', '.join(data.header)})")
    bmo = Bmo(str(year))
    jobs: dict[str, BmoJob] = {}
    bassins: dict[str, BmoBassin] = {}
    seen: set[tuple[str, str, str]] = set()
    for number, values in data.records((*COLUMNS, code_column, name_column)):
        (annee, job, label, family, family_label, region, departement,
         projects, difficult, seasonal, bassin, bassin_name) = values
        where = data.where(number)
        if annee != str(year):
            raise ReferentialError(f"{where}: year {annee or '(empty)'} in a workbook of "
                                   f"{year} ({code_column})")
        _require(where, job=job, bassin=bassin, departement=departement, region=region)
        key = (job, bassin, _code(departement))
        if key in seen:
            raise ReferentialError(f"{where}: job {job} in bassin {bassin}, département "
                                   f"{departement} a second time")
        seen.add(key)
        jobs.setdefault(job, BmoJob(year, job, label, family, family_label))
        bassins.setdefault(bassin, BmoBassin(year, bassin, bassin_name))
        bmo.figures.append(BmoFigure(
            year, job, bassin, key[2], _code(region), _figure(where, "met", projects),
            _figure(where, "xmet", difficult), _figure(where, "smet", seasonal)))
    if not bmo.figures:
        raise ReferentialError(f"{data.path.name} has a header but no rows")
    bmo.jobs, bmo.bassins = list(jobs.values()), list(bassins.values())
    return bmo


def _require(where: str, **values: str) -> None:
    empty = [name for name, value in values.items() if not value]
    if empty:
        raise ReferentialError(f"{where}: empty {', '.join(empty)}")


def _code(value: str) -> str:
    """A département or région code as INSEE writes it: "01", never 1."""
    return value.zfill(2) if value.isdigit() else value


def _figure(where: str, column: str, value: str) -> int | None:
    """A number of projects; None for a secret cell."""
    if value == SECRET:
        return None
    if not value.isdigit():
        raise ReferentialError(f"{where}: {column} is {value or 'empty'!r}, where a number "
                               f"of projects or {SECRET} (a secret cell) is expected")
    return int(value)
