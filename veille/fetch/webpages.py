"""Reading web pages as browsers do: their charset, and CSS selectors chosen by people.

The page collector and the article extractor both read pages that documentalists point at.
"""

import codecs
import re

import soupsieve
from bs4.dammit import EncodingDetector

from ..errors import ConfigError

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\"';\s]+)", re.IGNORECASE)
# Browsers read latin-1 and ASCII labels as windows-1252, and pages declaring them rely on
# it for ’, œ and €. (Python codec names, as codecs.lookup gives them.)
_AS_WINDOWS_1252 = {"iso8859-1", "ascii"}


def decode_html(content: bytes, content_type: str = "") -> str:
    """The page as text: byte-order mark, else HTTP charset, else <meta charset>, else UTF-8.
    A wrong byte becomes U+FFFD, not an error."""
    content, bom = EncodingDetector.strip_byte_order_mark(content)
    header = _HEADER_CHARSET.search(content_type)
    meta = EncodingDetector.find_declared_encoding(content, is_html=True)
    for charset in filter(None, (bom, header and header[1], meta)):
        try:
            name = codecs.lookup(charset).name
            return content.decode("cp1252" if name in _AS_WINDOWS_1252 else name, "replace")
        except LookupError:
            continue  # an unknown (or non-text) charset counts as none: the next clue may do
    return content.decode("utf-8", errors="replace")


def compile_selector(selector: object, what: str) -> soupsieve.SoupSieve:
    """Compile a CSS selector written by a person; ConfigError naming `what` if it is wrong."""
    if not isinstance(selector, str) or not selector.strip():
        raise ConfigError(f"{what} must be a non-empty CSS selector")
    try:
        return soupsieve.compile(selector.strip())
    except (soupsieve.SelectorSyntaxError, NotImplementedError) as exc:
        reason = str(exc).splitlines()[0]
        raise ConfigError(f"{what} is not a valid CSS selector ({selector!r}): {reason}") from None
