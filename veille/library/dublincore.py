"""The catalogue's records as CSV (to edit in a spreadsheet and import back) and as Dublin
Core XML (OAI-DC records, which catalogues and OAI-PMH harvesters read)."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TextIO

from ..errors import ParseError
from ..models import Resource
from ..text import spreadsheet
from ..text.xmltext import xml_text

ELEMENTS = ("title", "creator", "subject", "description", "publisher", "date", "type",
            "format", "identifier", "language", "coverage", "rights")
# Facts of the file, exported to be read; an import ignores them (the file says them).
FACTS = ("file_name", "size", "problem")
# What an import reads besides the elements: which record (`id`), or which file to add.
KEYS = ("id", "file")
SUBJECT_SEPARATOR = "; "
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def write_csv(records: Iterable[Resource], out: TextIO) -> None:
    """The records as CSV, one a row (spreadsheet.write: formulas made inert)."""
    columns = ("id", *ELEMENTS, *FACTS)
    spreadsheet.write(out, columns, (
        [SUBJECT_SEPARATOR.join(record.subject) if name == "subject" else getattr(record, name)
         for name in columns]
        for record in records))


def read_csv(handle: TextIO) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of each row: the keys and elements it fills, stripped. ParseError
    for a header that has neither `id` nor `file`, or a column veille does not know."""
    reader = csv.DictReader(handle)
    columns = set(reader.fieldnames or ())
    unknown = columns - {*KEYS, *ELEMENTS, *FACTS}
    if unknown:
        raise ParseError(f"unknown columns: {', '.join(sorted(unknown))} (known: "
                         f"{', '.join((*KEYS, *ELEMENTS))})")
    if not columns & set(KEYS):
        raise ParseError("the file needs an `id` column (records to update) or a `file` one")
    for row in reader:
        yield reader.line_num, {name: spreadsheet.unquoted((value or "").strip())
                                for name, value in row.items() if name in (*KEYS, *ELEMENTS)}


def with_elements(record: Resource, row: dict[str, str]) -> Resource:
    """`record` with the elements `row` has a column for (an empty cell empties it)."""
    texts = {name: row[name] for name in ELEMENTS if name in row and name != "subject"}
    if "subject" in row:
        subject = tuple(filter(None, (s.strip() for s in row["subject"].split(";"))))
        record = replace(record, subject=subject)
    # mypy checks a **dict against every field, `size: int` too; ELEMENTS but subject are text.
    return replace(record, **texts)  # type: ignore[arg-type]


def oai_dc(records: Iterable[Resource]) -> Iterator[str]:
    """The records as OAI-DC in a `records` element (XML text, UTF-8 declared), record by
    record, so that a large catalogue streams. Written as escaped text rather than through
    ElementTree, several times faster, and dropping the characters XML forbids."""
    yield (f'<?xml version="1.0" encoding="utf-8"?>\n<records xmlns:oai_dc="{OAI_DC}" '
           f'xmlns:dc="{DC}" xmlns:xsi="{XSI}">')
    for record in records:
        parts = [f'<oai_dc:dc xsi:schemaLocation="{OAI_DC_SCHEMA}">']
        for name in ELEMENTS:
            values = record.subject if name == "subject" else (getattr(record, name),)
            parts.extend(f"<dc:{name}>{xml_text(value)}</dc:{name}>"
                         for value in filter(None, values))
        parts.append("</oai_dc:dc>")
        yield "".join(parts)
    yield "</records>\n"
