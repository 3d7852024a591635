"""Text inside XML that veille writes (feeds, Dublin Core): escaped, and without the
characters XML 1.0 forbids even escaped, which stored text may hold (feeds, imports)."""

import re
from xml.sax.saxutils import escape

NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_chars(text: str) -> str:
    """`text` without the characters XML forbids."""
    return NOT_XML.sub("", text)


def xml_text(text: str) -> str:
    """`text` as the content of an XML element."""
    return escape(xml_chars(text))
