"""Listing web pages without a feed: CSS selectors pick each news block and its parts.

A source of kind "page" says how to read its page in `source.options["page"]`: "item", the
selector of each news block (required), and "title", "link", "date", "summary", selectors
evaluated inside each block, each with a default for the common layouts (DEFAULTS):

    {"item": "div.actu", "date": "span.date", "summary": "p.chapo"}
"""

import html
import re
from datetime import datetime
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from ..errors import ConfigError, ParseError
from ..fetch.webpages import compile_selector, decode_html
from ..models import Entry, Source
from ..text.dates import parse_french_date

KEYS = ("item", "title", "link", "date", "summary")
DEFAULTS = {"title": "h1, h2, h3, h4", "link": "a[href]", "date": "time", "summary": "p"}
_XML_DECLARATION = re.compile(r"\s*<\?xml\s", re.IGNORECASE)
_HTML_TAG = re.compile(r"<html[\s>]", re.IGNORECASE)
_URL_CONTROLS = str.maketrans("", "", "\t\n\r")
NOT_A_PAGE = "not_a_page"  # the kind of error (veille.errors) of a page without its news


def parse(source: Source, content: bytes, *, url: str = "", content_type: str = "") -> list[Entry]:
    """Return one entry per news block of the page; `url` is where it was finally fetched from."""
    selectors = {**DEFAULTS, **validate_options(source.options)["page"]}
    soup = _soup(decode_html(content, content_type))
    blocks = soup.select(selectors["item"])
    if not blocks:
        raise ParseError(
            f"the item selector {selectors['item']!r} matched no block in the page: "
            "its layout has probably changed", NOT_A_PAGE
        )
    page_url = _base_url(soup, url or source.url)
    entries: dict[str, Entry] = {}
    for block in blocks:
        entry = _entry(block, selectors, page_url)
        if entry and entry.url not in entries:
            entries[entry.url] = entry
    if not entries:
        raise ParseError(
            f"{len(blocks)} block(s) matched {selectors['item']!r} but none has an http(s) link "
            f"matching {selectors['link']!r}: check the link selector", NOT_A_PAGE
        )
    return list(entries.values())


def validate_options(options: dict) -> dict:
    """Return `options` with its "page" selectors checked and trimmed; raise ConfigError."""
    selectors = options.get("page")
    if not isinstance(selectors, dict):
        raise ConfigError(
            'a page source needs the option "page": a table of CSS selectors '
            'with at least "item", the selector of each news block'
        )
    unknown = sorted(set(selectors) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"unknown page option {', '.join(map(repr, unknown))}: expected {', '.join(KEYS)}"
        )
    if "item" not in selectors:
        raise ConfigError('the page option "item" is required: the CSS selector of each block')
    cleaned = {
        key: compile_selector(selectors[key], f"the page option {key!r}").pattern
        for key in KEYS
        if key in selectors
    }
    return {**options, "page": cleaned}


def _soup(text: str) -> BeautifulSoup:
    """Parse `text` as HTML, refusing what is not a web page with a message saying what it is.

    The checks also keep BeautifulSoup from warning about markup that looks like a file name
    or an XML document: such a warning would say less, and only in the log.
    """
    if "<" not in text:
        raise ParseError("not a web page: the document holds no HTML markup", NOT_A_PAGE)
    if _XML_DECLARATION.match(text) and not _HTML_TAG.search(text):
        raise ParseError('not a web page but an XML document: for RSS or Atom use kind "feed"',
                         NOT_A_PAGE)
    return BeautifulSoup(text, "html.parser")


def _base_url(soup: BeautifulSoup, page_url: str) -> str:
    """Where relative links start from: the page's <base href> if it has one, else its URL."""
    base = soup.find("base", href=True)
    return urljoin(page_url, str(base["href"]).strip()) if base else page_url


def _entry(block: Tag, selectors: dict[str, str], page_url: str) -> Entry | None:
    """The entry of one block, or None for a block without a link to follow."""
    link = _link(block, selectors["link"], page_url)
    if not link:
        return None
    summary = _text(block.select_one(selectors["summary"]))
    return Entry(
        # Processing reads titles as markup: the page's text is escaped, so "<…>" stays.
        title=html.escape(_title(block, selectors["title"]), quote=False),
        url=link,
        content=summary,
        content_is_text=True,
        published=_published(block.select_one(selectors["date"])),
    )


def _title(block: Tag, selector: str) -> str:
    """The block's title; by default its first heading, else its first link's text."""
    title = _text(block.select_one(selector))
    if title or selector != DEFAULTS["title"]:
        return title
    return _text(block if block.name == "a" else block.select_one("a"))


def _link(block: Tag, selector: str, page_url: str) -> str:
    """The first http(s) address the link selector gives, without its #fragment.

    A block that is itself a link counts; a link back to the listing page is no item.
    """
    candidates = [block] if block.name == "a" else []
    for element in candidates + block.select(selector):
        href = element.get("href") or _href_inside(element)
        if not isinstance(href, str):
            continue
        absolute = urldefrag(urljoin(page_url, href.strip().translate(_URL_CONTROLS)))[0]
        if _followable(absolute, page_url):
            return absolute
    return ""


def _followable(address: str, page_url: str) -> bool:
    """An http(s) address other than the listing itself (javascript:, mailto: and "#" are not)."""
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    return address != urldefrag(page_url)[0]


def _href_inside(element: Tag) -> str | None:
    """The address of the first link inside `element`, for a selector naming its container."""
    anchor = element.select_one("a[href]")
    return str(anchor["href"]) if anchor else None


def _published(element: Tag | None) -> datetime | None:
    """The date of a `<time datetime>` (ISO 8601), else the one in the element's text."""
    if element is None:
        return None
    attribute = str(element.get("datetime") or "")
    return parse_french_date(attribute) or parse_french_date(element.get_text())


def _text(element: Tag | None) -> str:
    return " ".join(element.get_text().split()) if element is not None else ""
