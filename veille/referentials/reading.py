"""Reading the referentials' files, and saying clearly what is wrong with one.

Every problem is a ReferentialError naming the file (and the line, entry or columns): the
person importing must be able to fix the folder from the message alone.
"""

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from pathlib import Path

from ..errors import VeilleError

Row = tuple[int, dict[str, str]]  # the line number of a CSV record, and its required fields


class ReferentialError(VeilleError):
    """A referential's folder or file cannot be imported as it is."""


def read_text(path: Path, fallback: str = "") -> str:
    """The file's text, decoded as UTF-8 (a BOM dropped), else as `fallback` when named (the
    Windows-1252 of files made with Excel); refuse a missing or empty file."""
    if not path.is_file():
        raise ReferentialError(f"missing file {path.name} in {path.parent}")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ReferentialError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not content.strip():
        raise ReferentialError(f"{path.name} is empty ({path})")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback:
            return _decoded(path, content, fallback)
        raise ReferentialError(
            f"{path.name} is not UTF-8 text (byte 0x{content[exc.start]:02x} at offset "
            f"{exc.start}): is it the right file, saved without conversion?"
        ) from exc


def _decoded(path: Path, content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReferentialError(
            f"{path.name} is neither UTF-8 nor {encoding} text (byte "
            f"0x{content[exc.start]:02x} at offset {exc.start}): is it the right file?"
        ) from exc


def read_csv(path: Path, columns: Sequence[str], delimiter: str = ",",
             fallback: str = "") -> list[Row]:
    """The records of a double-quoted CSV file with a header line (comma-separated unless
    told), with the `columns` it must have (stripped of surrounding spaces) and their line
    numbers; UTF-8, else `fallback` (read_text)."""
    reader = csv.reader(io.StringIO(read_text(path, fallback), newline=""),
                        delimiter=delimiter, strict=True)
    rows = []
    try:
        header = [name.strip() for name in next(reader)]
        check_columns(path, header, columns)
        pick = _picker([header.index(name) for name in columns])
        for fields in reader:
            if len(fields) == len(header):
                values = map(str.strip, pick(fields))
                rows.append((reader.line_num, dict(zip(columns, values, strict=True))))
            elif fields not in ([], [""]):  # a blank line is no record
                raise ReferentialError(
                    f"{path.name}, line {reader.line_num}: {len(fields)} fields where the "
                    f"header names {len(header)} (a truncated or damaged file?)")
    except csv.Error as exc:
        raise ReferentialError(f"{path.name}, line {reader.line_num}: {exc} "
                               "(a truncated or damaged file?)") from exc
    if not rows:
        raise ReferentialError(f"{path.name} has a header but no records")
    return rows


def _picker(indices: list[int]) -> Callable[[list[str]], Sequence[str]]:
    """A function picking the fields at `indices` of a record (itemgetter, always a tuple)."""
    if len(indices) == 1:
        return lambda fields: (fields[indices[0]],)
    return itemgetter(*indices)


def check_columns(path: Path, found: Iterable[str], required: Sequence[str]) -> None:
    """Refuse a file lacking required columns, naming them and what the file has."""
    found = list(found)
    missing = [name for name in required if name not in found]
    if missing:
        raise ReferentialError(
            f"{path.name} lacks the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (it has: {', '.join(found) or 'nothing'})"
        )


def read_json_list(path: Path, keys: Sequence[str]) -> list[dict]:
    """The entries of a JSON file holding a list of objects, each with `keys`."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise ReferentialError(f"{path.name} is not valid JSON (line {exc.lineno}, column "
                               f"{exc.colno}: {exc.msg}; a truncated file?)") from exc
    if not isinstance(data, list) or not data:
        raise ReferentialError(f"{path.name} should hold a list of entries")
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            raise ReferentialError(f"{path.name}, entry {number}: not an object")
        missing = [key for key in keys if entry.get(key) in (None, "")]
        if missing:
            raise ReferentialError(f"{path.name}, entry {number}: no {', '.join(missing)}")
    return data


def require(path: Path, line: int, values: dict[str, str], *names: str) -> None:
    """Refuse a record whose `names` fields are empty."""
    empty = [name for name in names if not values[name]]
    if empty:
        raise ReferentialError(f"{path.name}, line {line}: empty {', '.join(empty)}")


def unique(path: Path, codes: Iterable[str], what: str) -> None:
    """Refuse a file listing the same code twice."""
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise ReferentialError(f"{path.name} lists {what} {code} twice")
        seen.add(code)


_DOTTED = re.compile(r"\d+(?:\.\d+)*")


def version_key(version: str) -> tuple[int, ...] | None:
    """A version as comparable numbers ("460" → (460,), "6.0.0" → (6, 0, 0)); None if the
    version is unknown or not numbers."""
    return tuple(int(part) for part in version.split(".")) if _DOTTED.fullmatch(version) else None
