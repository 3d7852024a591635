"""Normalisation: from an Entry as collected to an Item as stored.

Sanitises HTML (the only HTML the UI ever shows comes out of `clean_html`), derives the plain
text and the summary, canonicalises the URL, fixes the date and computes the stable id.
Every collector, the import and the catalogue go through `normalise`, so what one entry
holds that the store or the index could not take (a lone surrogate, a date outside UTC's
years) is mended here, for all of them, and the entry is kept.
"""

import hashlib
import re
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import TypeVar

from ..models import Entry, Item
from ..text.dates import as_utc
from ..text.html import clean_html, html_to_text, literal_text, plain_text, shorten, text_to_html
from ..text.labels import normalise_tags
from ..text.urls import canonical_url, web_url

SUMMARY_CHARS = 280
# Caps on what one entry may store: a feed that breaks them is broken or hostile, and one
# entry must not bloat the store, the index or a results page.
TITLE_CHARS = 500  # a headline; past that a feed has put its body in the title
CONTENT_HTML_BYTES = 1_000_000  # some 150 pages of text: an article, not a dump
AUTHORS_MAX = 20
AUTHOR_CHARS = 200
ENCLOSURES_MAX = 20
FINGERPRINT_MIN_WORDS = 40
_WORDS = re.compile(r"\w+")
_SURROGATES = re.compile("[\ud800-\udfff]")
_MEDIA_TYPE = re.compile(r"[\w.+-]+/[\w.+-]+")
# A tag or an entity that a cut at the end of markup would split.
_SPLIT_AT_END = re.compile(r"<[^>]*$|&#?\w*$")


@dataclass(frozen=True)
class Origin:
    """Where entries come from: the source they are credited to and when they were fetched."""

    source: str
    fetched: datetime
    source_id: int | None = None
    tags: tuple[str, ...] = ()
    # Scopes ids of entries without a URL, so that two feeds' "item 1" stay two items.
    namespace: str = ""


_Record = TypeVar("_Record", Entry, Origin)


def normalise(entry: Entry, origin: Origin) -> Item:
    """Return the stored form of `entry`; with `content_is_text` its content and summary are
    plain text, shown as they are (a "<b>" in them is text, never markup). Its title may hold
    markup: the feed collector escapes a title the feed declares as text."""
    entry, origin = _scalar_texts(entry), _scalar_texts(origin)
    content_html = capped_html(entry.content, is_text=entry.content_is_text)
    content_text = html_to_text(content_html)
    summary_text = literal_text if entry.content_is_text else plain_text
    # Feeds often repeat the whole content as summary: a summary is always short.
    summary = shorten(summary_text(entry.summary) or content_text, SUMMARY_CHARS)
    title = shorten(plain_text(entry.title), TITLE_CHARS) or shorten(content_text, 80)
    url = canonical_url(entry.url)
    published = as_utc(entry.published) if entry.published else None
    published = min(published, origin.fetched) if published else None
    return Item(
        id=entry.id or item_id(url, f"{origin.namespace}\n{entry.source}\n{entry.guid or title}"),
        title=title or "(sans titre)",
        url=url,
        source=plain_text(entry.source or origin.source),
        kind=entry.kind,
        published=published,
        fetched=origin.fetched,
        summary=summary,
        content_html=content_html,
        content_text=content_text,
        tags=normalise_tags(origin.tags + entry.tags),
        source_id=origin.source_id,
        authors=normalise_authors(entry.authors),
        enclosures=normalise_enclosures(entry.enclosures),
        fingerprint=fingerprint(title, content_text),
    )


def _scalar_text(text: str) -> str:
    """`text` with every lone UTF-16 surrogate (a JSON "\\ud800", a character reference in a
    feed) replaced by U+FFFD, and a pair of them joined into its character.

    A surrogate is no character: UTF-8 cannot encode it, so one left in would fail the
    entry's id, the store and the index, and with them the whole batch. Replaced, the entry
    is kept with the rest of its text, U+FFFD showing where something unreadable stood, as
    browsers and HTML parsers do; dropping the entry would lose good text for one code."""
    if not _SURROGATES.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _scalar_texts(record: _Record) -> _Record:
    """`record` with _scalar_text applied to its text fields, the tuples of them (tags,
    authors) and the values of the dicts in them (enclosures)."""
    return replace(record, **{f.name: _scalar(getattr(record, f.name)) for f in fields(record)})


def _scalar(value):
    if isinstance(value, str):
        return _scalar_text(value)
    if isinstance(value, tuple):
        return tuple(_scalar(one) for one in value)
    if isinstance(value, dict):
        return {key: _scalar(one) for key, one in value.items()}
    return value


def with_article(item: Item, article_html: str) -> Item:
    """`item` with the full text of its article as content; its summary stays the feed's."""
    content_html = capped_html(article_html)
    content_text = html_to_text(content_html)
    return replace(
        item,
        content_html=content_html,
        content_text=content_text,
        summary=item.summary or shorten(content_text, SUMMARY_CHARS),
        fingerprint=fingerprint(item.title, content_text),
    )


def item_id(url: str, fallback_key: str) -> str:
    """Stable id: from the canonical URL when there is one, else from `fallback_key`."""
    key = f"url:{url}" if url else f"key:{fallback_key}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


def fingerprint(title: str, text: str) -> str:
    """Identity of an article's words, whatever its URL: the body when it is long enough to
    be specific, else the title with it. Case, spacing and punctuation do not count."""
    body = _WORDS.findall(text.lower())
    words = body if len(body) >= FINGERPRINT_MIN_WORDS else _WORDS.findall(title.lower()) + body
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest() if words else ""


def capped_html(content: str, *, is_text: bool = False) -> str:
    """Safe HTML of `content`, at most CONTENT_HTML_BYTES of UTF-8. When it is longer, the
    source is cut in proportion (never inside a tag or an entity) and cleaned again, so that
    the sanitiser closes the elements the cut left open."""
    to_html = text_to_html if is_text else clean_html
    result = to_html(content)
    size = len(result.encode("utf-8"))
    while size > CONTENT_HTML_BYTES:
        content = _SPLIT_AT_END.sub("", content[: len(content) * CONTENT_HTML_BYTES // size])
        result = to_html(content)
        size = len(result.encode("utf-8"))
    return result


def normalise_authors(authors: tuple[str, ...]) -> tuple[str, ...]:
    """Plain one-line names, without duplicates (whatever their case), at most AUTHORS_MAX
    names of at most AUTHOR_CHARS."""
    seen: dict[str, str] = {}
    for author in authors:
        name = shorten(plain_text(author), AUTHOR_CHARS)
        if name:
            seen.setdefault(name.casefold(), name)
            if len(seen) == AUTHORS_MAX:
                break
    return tuple(seen.values())


def normalise_enclosures(enclosures: tuple[dict, ...]) -> tuple[dict, ...]:
    """Files with a web address, once each, at most ENCLOSURES_MAX; a media type that is not
    one becomes "", a length that is not a count of bytes None."""
    kept: dict[str, dict] = {}
    for enclosure in (one for one in enclosures if isinstance(one, dict)):
        url = web_url(_string(enclosure.get("url")))
        media_type = _string(enclosure.get("type")).strip().lower()
        length = enclosure.get("length")
        if url and url not in kept:
            kept[url] = {
                "url": url,
                "type": media_type if _MEDIA_TYPE.fullmatch(media_type) else "",
                "length": length if type(length) is int and length >= 0 else None,
            }
            if len(kept) == ENCLOSURES_MAX:
                break
    return tuple(kept.values())


def _string(value) -> str:
    return value if isinstance(value, str) else ""
