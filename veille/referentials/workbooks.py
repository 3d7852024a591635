"""Reading the publishers' xlsx workbooks (France Travail's BMO survey, DARES' FAP tree)
row by row, with reading.py's errors: the file, the sheet and the row named.

openpyxl in read-only mode streams the sheet (the BMO's 53,000 rows never sit in memory as
cells). A sheet is found by its header rather than its name, which changes each year
("BMO_2024_open_data").
"""

import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .reading import ReferentialError

Record = tuple[int, tuple[str, ...]]  # a row's number, and the texts of the columns asked


@dataclass
class Sheet:
    """A sheet whose first row is a header, and the rows after it."""

    path: Path
    title: str
    header: list[str]
    _rows: Iterator[tuple]

    def records(self, columns: Sequence[str]) -> Iterator[Record]:
        """Each row that is not blank, with the texts of `columns` (names of the header),
        cells left empty as ""; a damaged file raises ReferentialError naming the row."""
        indices = [self.header.index(name) for name in columns]
        number = 1
        try:
            for number, row in enumerate(self._rows, 2):
                values = tuple(text(row[i]) if i < len(row) else "" for i in indices)
                if any(values) or any(cell is not None for cell in row):
                    yield number, values
        except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
            raise ReferentialError(f"{self.path.name}, sheet {self.title}, after row {number}: "
                                   f"cannot be read ({exc}; a truncated or damaged file?)"
                                   ) from exc

    def where(self, number: int) -> str:
        """How an error names a row: "Base_open_data_BMO_2024.xlsx, row 12"."""
        return f"{self.path.name}, row {number}"


@contextmanager
def sheet(path: Path, fits: Callable[[list[str]], bool], describe: str) -> Iterator[Sheet]:
    """The first sheet of the workbook at `path` whose header `fits`; ReferentialError
    naming the sheets when none does (`describe` says what was looked for)."""
    workbook = _open(path)
    try:
        titles = []
        for worksheet in workbook.worksheets:
            rows = worksheet.iter_rows(values_only=True)
            header = [text(cell) for cell in next(rows, None) or ()]
            try:
                if fits(header):
                    yield Sheet(path, worksheet.title, header, rows)
                    return
            finally:
                rows.close()  # the sheet's file, left open by a row iteration cut short
            titles.append(worksheet.title)
        raise ReferentialError(f"{path.name} has no sheet of {describe} (its sheets: "
                               f"{', '.join(titles) or 'none'})")
    finally:
        workbook.close()


def _open(path: Path):
    if not path.is_file():
        raise ReferentialError(f"missing file {path.name} in {path.parent}")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ReferentialError(f"{path.name} is not an xlsx workbook that can be read "
                               f"({exc}; a truncated file, or another format?)") from exc


def text(cell: object) -> str:
    """A cell as text: numbers as written (101, not 101.0), spaces around left out."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
