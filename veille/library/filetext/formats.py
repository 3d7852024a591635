"""Which document format a file is, from its bytes: a name can lie, the content cannot.

A `.pdf` holding HTML is HTML; an executable named `.docx` is refused.
"""

import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from ...errors import InvalidRequest

PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WITHIN = 1024  # the PDF specification lets the header come after some bytes
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<p>",
                b"<div", b"<h1")


class UnsupportedFormat(InvalidRequest):
    """The file is none of the document formats veille reads."""


class Unreadable(Exception):
    """A file of a known format whose text cannot be read; the message says why."""


@dataclass(frozen=True)
class Format:
    name: str  # "pdf", "docx", "odt", "html", "text", "markdown"
    media_type: str
    suffix: str  # the extension a download of it gets


FORMATS = {
    found.name: found
    for found in (
        Format("pdf", "application/pdf", ".pdf"),
        Format("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               ".docx"),
        Format("odt", "application/vnd.oasis.opendocument.text", ".odt"),
        Format("html", "text/html", ".html"),
        Format("markdown", "text/markdown", ".md"),
        Format("text", "text/plain", ".txt"),
    )
}


def sniff(content: bytes, name: str = "") -> Format:
    """The format of `content`; UnsupportedFormat if it is none veille reads. The name only
    tells Markdown from plain text, which are both text."""
    if PDF_MAGIC in content[:PDF_MAGIC_WITHIN]:
        return FORMATS["pdf"]
    if content.startswith(ZIP_MAGIC):
        return _office(content, name)
    if _is_text(content):
        start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
        if start.startswith(_HTML_STARTS):
            return FORMATS["html"]
        markdown = PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES
        return FORMATS["markdown" if markdown else "text"]
    raise UnsupportedFormat(f"{_shown(name)} is not a document veille reads: {_ACCEPTED}")


def _office(content: bytes, name: str) -> Format:
    """An ODT names its type in a `mimetype` member; a DOCX has `word/document.xml`. A
    damaged archive named as one of them is taken as such: kept, without text, rather than
    refused (its text cannot be read, its record can)."""
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return FORMATS["odt"]
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        named = PurePath(name).suffix.lower().lstrip(".")
        if named in ("docx", "odt"):
            return FORMATS[named]
        raise UnsupportedFormat(f"{_shown(name)} is a damaged zip archive: {_ACCEPTED}") from None
    if "word/document.xml" in names:
        return FORMATS["docx"]
    raise UnsupportedFormat(f"{_shown(name)} is a zip archive, not a document: {_ACCEPTED}")


def _is_text(content: bytes) -> bool:
    """UTF-8 (or a single-byte encoding) without NUL bytes or other control characters."""
    sample = content[:8192]
    if b"\0" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    return controls == 0


def _shown(name: str) -> str:
    return repr(name) if name else "this file"


_ACCEPTED = "PDF, DOCX, ODT, HTML, plain text or Markdown"
