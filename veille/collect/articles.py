"""Full articles for feeds that give only a summary: fetch each entry's page, keep its text.

A source opts in with the option `full_text` (and may name the article's element with
`full_text_selector`). Only new items are fetched, at most ARTICLES_PER_RUN a run, through
the same Fetcher as the feed, so the site's politeness rules and robots.txt hold.
"""

import logging

from ..errors import ConfigError, FetchError
from ..fetch.client import Fetcher
from ..fetch.extract import extract_main_html
from ..fetch.webpages import compile_selector
from ..models import Item, Source
from .processing import with_article

log = logging.getLogger(__name__)
ARTICLES_PER_RUN = 20
OPTIONS = ("full_text", "full_text_selector")


def check_options(options: dict) -> dict:
    """Check the full-text options of a source (any kind); raise ConfigError."""
    if not isinstance(options.get("full_text", False), bool):
        raise ConfigError('the option "full_text" must be true or false')
    if options.get("full_text_selector"):
        compile_selector(options["full_text_selector"], 'the option "full_text_selector"')
    return options


def wants_articles(source: Source) -> bool:
    return bool(source.options.get("full_text"))


def with_articles(fetcher: Fetcher, source: Source, items: list[Item], limit: int) -> list[Item]:
    """`items` with their article's text for the first `limit` that have a URL; an article
    that cannot be fetched or holds no text leaves its item as the feed gave it."""
    selector = source.options.get("full_text_selector") or None
    done, completed = 0, []
    for item in items:
        if item.url and done < limit:
            done += 1
            item = _with_article(fetcher, item, selector)
        completed.append(item)
    return completed


def _with_article(fetcher: Fetcher, item: Item, selector: str | None) -> Item:
    try:
        page = fetcher.fetch(item.url)
    except FetchError as exc:
        log.info("article of %s not fetched: %s", item.url, exc)
        return item
    article = extract_main_html(page.content, page.url, selector, page.content_type)
    return with_article(item, article) if article else item
