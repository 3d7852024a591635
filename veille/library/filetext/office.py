"""Text of word-processing documents: DOCX with python-docx, ODT with odfpy."""

from collections.abc import Iterator
from io import BytesIO

import docx
from odf import teletype
from odf.dc import Title
from odf.element import Element
from odf.namespaces import TEXTNS
from odf.opendocument import load as load_odf

from .archives import check_zip

_ODF_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}


def read_docx(content: bytes, max_unzipped: int) -> tuple[str, str]:
    """(title, text) of a DOCX: its paragraphs, then its tables' cells, one per line."""
    check_zip(content, max_unzipped)
    document = docx.Document(BytesIO(content))
    blocks = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
    return document.core_properties.title or "", _joined(blocks)


def read_odt(content: bytes, max_unzipped: int) -> tuple[str, str]:
    """(title, text) of an ODT: its headings and paragraphs in the order of the text."""
    check_zip(content, max_unzipped)
    document = load_odf(BytesIO(content))
    blocks = [teletype.extractText(block) for block in _blocks(document.text)]
    titles = document.meta.getElementsByType(Title) if document.meta else []
    return (teletype.extractText(titles[0]) if titles else ""), _joined(blocks)


def _blocks(element: Element) -> Iterator[Element]:
    """The paragraphs and headings under `element`, in document order (lists and tables
    hold paragraphs too)."""
    for child in element.childNodes:
        if getattr(child, "qname", None) in _ODF_BLOCKS:
            yield child
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _blocks(child)


def _joined(blocks: list[str]) -> str:
    return "\n\n".join(block.strip() for block in blocks if block.strip())
