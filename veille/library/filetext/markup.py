"""Text files: HTML (its body, sanitised later like any item's), plain text, Markdown."""

import re

import markdown
from bs4 import BeautifulSoup

from ...fetch.webpages import decode_html

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def read_html(content: bytes) -> tuple[str, str]:
    """(title, body markup) of an HTML document."""
    page = BeautifulSoup(decode_html(content, ""), "html.parser")
    title = page.title.get_text(" ", strip=True) if page.title else ""
    body = page.body or page
    return title, "".join(str(child) for child in body.contents)


def read_text(content: bytes) -> tuple[str, str]:
    return "", decode_text(content)


def read_markdown(content: bytes) -> tuple[str, str]:
    """(first level-one heading, HTML) of a Markdown document."""
    text = decode_text(content)
    heading = _HEADING.search(text)
    return (heading.group(1) if heading else ""), markdown.markdown(text)


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without its byte-order mark), else Windows-1252, the usual other."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")
