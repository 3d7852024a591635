"""Normalisation: from an Entry as collected to an Item as stored.

Sanitises HTML (the only HTML the UI ever shows comes out of `clean_html`), derives the plain
text and the summary, canonicalises the URL, fixes the date and computes the stable id.
"""

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import nh3
from bs4 import BeautifulSoup

from .models import Entry, Item

SUMMARY_CHARS = 280
FINGERPRINT_MIN_WORDS = 40
_WORDS = re.compile(r"\w+")
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|xtor|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z!/]")
_SPACES = re.compile(r"\s+")
# C0 controls but tab and line breaks, and DEL: no text needs them and XML forbids them.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ALLOWED_TAGS = nh3.ALLOWED_TAGS - {"area", "map", "nav", "header", "footer", "center"}


@dataclass(frozen=True)
class Origin:
    """Where entries come from: the source they are credited to and when they were fetched."""

    source: str
    fetched: datetime
    source_id: int | None = None
    tags: tuple[str, ...] = ()
    # Scopes ids of entries without a URL, so that two feeds' "item 1" stay two items.
    namespace: str = ""


def normalise(entry: Entry, origin: Origin) -> Item:
    """Return the stored form of `entry`."""
    to_html = text_to_html if entry.content_is_text else clean_html
    content_html = to_html(entry.content)
    content_text = html_to_text(content_html)
    # Feeds often repeat the whole content as summary: a summary is always short.
    summary = shorten(plain_text(entry.summary) or content_text)
    title = plain_text(entry.title) or shorten(content_text, 80)
    url = canonical_url(entry.url)
    published = min(entry.published, origin.fetched) if entry.published else None
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
        authors=entry.authors,
        enclosures=entry.enclosures,
        fingerprint=fingerprint(title, content_text),
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


def clean_html(markup: str) -> str:
    """Return safe HTML: no script, no event handler, links only to http(s) and mailto.

    Plain text (no tag at all) becomes escaped paragraphs, so that its line breaks survive.
    """
    markup = _CONTROL_CHARS.sub("", markup)
    if not markup:
        return ""
    if not _LOOKS_LIKE_HTML.search(markup):
        return text_to_html(markup)
    return nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def text_to_html(text: str) -> str:
    """Plain text as escaped HTML paragraphs (blank lines separate them)."""
    text = _CONTROL_CHARS.sub("", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def plain_text(markup: str) -> str:
    """Text of a short field that may hold markup (title, source name), on one line."""
    return html_to_text(clean_html(markup))


def html_to_text(markup: str) -> str:
    if not markup:
        return ""
    return collapse(BeautifulSoup(markup, "html.parser").get_text(" "))


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Cut `text` at a word boundary before `limit` characters, marking the cut with "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def canonical_url(url: str) -> str:
    """Return the URL without fragment and tracking parameters; "" unless http(s)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAMS.match(k)]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


def normalise_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Lower-cased, trimmed, without duplicates; "a, b" is two tags (the index splits on commas)."""
    seen: dict[str, None] = {}
    for tag in tags:
        for part in tag.split(","):
            cleaned = collapse(part).lower()
            if cleaned:
                seen.setdefault(cleaned, None)
    return tuple(seen)
