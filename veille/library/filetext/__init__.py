"""The text of a document file (PDF, DOCX, ODT, HTML, plain text, Markdown), for resources.

`extract(content, name)` tells the format from the bytes, never from the name, and reads
the text with the format's library. A file that is of a known format but cannot be read
(encrypted, damaged, only images) still gives a FileText, whose `problem` says why there
is no text: the resource is kept with its metadata, never dropped.
"""

from .extract import NO_TEXT, FileText, extract
from .formats import FORMATS, Format, UnsupportedFormat, sniff

__all__ = ["FORMATS", "NO_TEXT", "FileText", "Format", "UnsupportedFormat", "extract", "sniff"]
