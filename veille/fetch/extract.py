"""Main text of an article page, for feeds that give only a summary per entry.

trafilatura finds the article: on the pages of tests/data/articles it beat a BeautifulSoup
heuristic once layouts stray from the usual (bench/extraction.py prints the figures). It keeps
to the element a page marks as the body, so a lead placed before that element is lost (the
feed's summary is usually that lead). Where it guesses wrong for a source, a documentalist
gives that source a CSS selector instead.
"""

from urllib.parse import urljoin

import soupsieve
import trafilatura
from bs4 import BeautifulSoup

from ..text.html import attribute, clean_html, html_to_text
from .webpages import compile_selector, decode_html


def extract_main_html(
    content: bytes, url: str, selector: str | None = None, content_type: str = ""
) -> str:
    """Return the article of a page as sanitised HTML, "" when it holds no article text.

    With `selector` (an empty one counts as none) the first element it matches is the
    article, as is. `url` is the page's address, for its relative links; nothing is fetched.
    """
    pattern = compile_selector(selector, "the article selector") if selector else None
    page = decode_html(content, content_type)
    found = _guess_article(page) if pattern is None else _select(page, pattern)
    safe = clean_html(_absolute_links(found, url))
    return safe.strip() if html_to_text(safe) else ""


def _select(page: str, pattern: soupsieve.SoupSieve) -> str:
    match = pattern.select_one(BeautifulSoup(page, "html.parser"))
    if match is None:
        return ""
    # The sanitiser reads <noscript> as raw text: its markup would show as words in the item.
    for fallback in match.find_all("noscript"):
        fallback.decompose()
    return str(match)


def _guess_article(page: str) -> str:
    # Precision first: a stray sidebar in an item misleads searches more than a missing lead.
    # No url: trafilatura would resolve "../x" against the site's root, not the page.
    found = trafilatura.extract(
        page,
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_links=True,
        favor_precision=True,
    )
    return found or ""


def _absolute_links(markup: str, url: str) -> str:
    """`markup` with its links and images made absolute, so that they work out of the page."""
    if not url or not markup:
        return markup
    soup = BeautifulSoup(markup, "html.parser")
    for name in ("href", "src"):
        # bs4 types `attrs` as needing `name` before it: None, its default, finds every tag.
        for tag in soup.find_all(None, attrs={name: True}):
            tag[name] = urljoin(url, attribute(tag, name).strip())
    return str(soup)
