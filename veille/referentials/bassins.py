"""The bassins d'emploi of the BMO survey as places: which bassin each commune is in
(`bassin_emploi.csv`: `code_commune_insee`, `code_bassin_BMO`, `lib_bassin_BMO`).

France Travail publishes the bassins' communes beside each survey; the table read here
follows that layout. Its release is the survey year the folder's or the file's name says
(`bmo-2024`), else unknown. A bassin written with two names takes the one most of its
communes give.
"""

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..refdata import Bassin, BassinCommune, Bassins
from .reading import ReferentialError, read_csv, require

TABLE = re.compile(r"(?i)^bassins?_(d_)?emploi.*\.csv$")
COLUMNS = ("code_commune_insee", "code_bassin_BMO", "lib_bassin_BMO")
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
FILES = 1

Advance = Callable[[int], None]


def holds_bassins(folder: Path) -> bool:
    """Whether `folder` holds a commune → bassin table."""
    return bool(_tables(folder))


def _tables(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file() and TABLE.match(path.name))


def read(folder: Path, advance: Advance = lambda steps: None) -> Bassins:
    """Read and check the commune → bassin table in `folder`."""
    found = _tables(folder)
    if len(found) != 1:
        raise ReferentialError(f"{folder} should hold one table of bassins, not {len(found)} "
                               f"({', '.join(path.name for path in found)})")
    path = found[0]
    year = YEAR.search(path.name) or YEAR.search(folder.name)
    bassins = Bassins(year[1] if year else "")
    names: dict[str, Counter[str]] = {}
    seen: set[str] = set()
    for line, row in read_csv(path, COLUMNS):
        require(path, line, row, *COLUMNS)
        commune, bassin = row["code_commune_insee"], row["code_bassin_BMO"]
        if commune in seen:
            raise ReferentialError(f"{path.name}, line {line}: commune {commune} a second time")
        seen.add(commune)
        bassins.communes.append(BassinCommune(commune, bassin))
        names.setdefault(bassin, Counter())[row["lib_bassin_BMO"]] += 1
    bassins.bassins = [Bassin(code, counted.most_common(1)[0][0])
                       for code, counted in names.items()]
    advance(1)
    return bassins
