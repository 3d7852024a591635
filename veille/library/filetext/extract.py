"""From a file's bytes to its text: the format from the content, then the format's reader."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from ...text.html import html_to_text
from .archives import DEFAULT_MAX_UNZIPPED
from .formats import Format, Unreadable, sniff
from .markup import read_html, read_markdown, read_text
from .office import read_docx, read_odt
from .pdf import read_pdf

log = logging.getLogger(__name__)
NO_TEXT = "no text in the file (a scan without text recognition?)"
HTML_FORMATS = ("html", "markdown")  # their readers give HTML, the others plain text


@dataclass(frozen=True)
class FileText:
    format: Format
    title: str  # from the document's own metadata or heading; "" if it has none
    content: str  # HTML for HTML and Markdown, plain text for the others
    problem: str = ""  # why there is no text; "" when there is

    @property
    def is_html(self) -> bool:
        return self.format.name in HTML_FORMATS


def extract(content: bytes, name: str = "", max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> FileText:
    """The text of a document file. UnsupportedFormat if it is none veille reads; a file
    of a known format that cannot be read gives a FileText without content, and the
    problem."""
    found = sniff(content, name)
    readers: dict[str, Callable[[bytes], tuple[str, str]]] = {
        "pdf": read_pdf,
        "docx": lambda data: read_docx(data, max_unzipped),
        "odt": lambda data: read_odt(data, max_unzipped),
        "html": read_html,
        "markdown": read_markdown,
        "text": read_text,
    }
    try:
        title, text = readers[found.name](content)
    except Unreadable as exc:
        return FileText(found, "", "", str(exc))
    except Exception as exc:  # noqa: BLE001 - a damaged file makes parsers raise anything
        log.info("cannot read %s as %s: %r", name or "a file", found.name, exc)
        return FileText(found, "", "", f"damaged {found.name.upper()} file ({type(exc).__name__})")
    visible = html_to_text(text) if found.name in HTML_FORMATS else text
    if not visible.strip():
        return FileText(found, title.strip(), "", NO_TEXT)
    return FileText(found, title.strip(), text)
