"""The CSV files veille writes (a dossier, the catalogue), safe to open in a spreadsheet.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
LibreOffice: `=HYPERLINK(…)` in a title would be a link that leaks the sheet, `=cmd|…` may run
a program ("CSV injection"). Every such cell is written behind a `'`, as OWASP advises, which
spreadsheets show as text; every CSV the product writes goes through `write`, so none forgets
it. `unquoted` takes the quote off again for a file read back (`veille resources import-csv`):
a title "-20 % d'apprentis" goes out as "'-20 % d'apprentis" and comes back as it was.
"""

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def write(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write `header` and `rows` to `out` as CSV, every text cell inert."""
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([inert(cell) for cell in row] for row in rows)


def inert(cell: object) -> object:
    """`cell` as a spreadsheet must read it: behind a quote if it would start a formula. A
    text already starting with quotes before a formula gets one more, so that `unquoted`
    gives back exactly what was written."""
    if isinstance(cell, str) and cell.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return QUOTE + cell
    return cell


def unquoted(cell: str) -> str:
    """The text `inert` was given for `cell`."""
    if cell.startswith(QUOTE) and cell.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
