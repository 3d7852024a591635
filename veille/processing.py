"""Normalisation: from an Entry as collected to an Item as stored.

Sanitises HTML (the only HTML the UI ever shows comes out of `clean_html`), derives the plain
text and the summary, canonicalises the URL, fixes the date and computes the stable id.
Every collector, the import and the catalogue go through `normalise`, so what one entry
holds that the store or the index could not take (a lone surrogate, a date outside UTC's
years) is mended here, for all of them, and the entry is kept.
"""

import hashlib
import html
import re
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import nh3
from bs4 import BeautifulSoup

from .dates import as_utc
from .models import Entry, Item

SUMMARY_CHARS = 280
# Caps on what one entry may store: a feed that breaks them is broken or hostile, and one
# entry must not bloat the store, the index or a results page.
TITLE_CHARS = 500  # a headline; past that a feed has put its body in the title
CONTENT_HTML_BYTES = 1_000_000  # some 150 pages of text: an article, not a dump
TAGS_MAX = 50
TAG_CHARS = 100  # a label to filter on; a longer one is a sentence
AUTHORS_MAX = 20
AUTHOR_CHARS = 200
ENCLOSURES_MAX = 20
URL_CHARS = 2000  # what browsers and servers reliably accept; longer is a blob, not an address
FINGERPRINT_MIN_WORDS = 40
_WORDS = re.compile(r"\w+")
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|xtor|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z!/]")
_SPACES = re.compile(r"\s+")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Characters no stored text keeps: C0 controls but tab and line breaks, and DEL (no text
# needs them and XML forbids them), and the invisible format characters (Unicode's Cf):
# bidirectional controls and marks (U+202E shows "Offre gpj.exe" as "Offre exe.jpg"), zero
# width spaces and joiners, the soft hyphen and the byte order mark (they hide inside a word
# from search), the word joiner and invisible operators, the deprecated format controls,
# interlinear annotations, the layout controls of scripts veille never meets, and the tag
# characters (invisible text). A zero width joiner between two emoji stays: it makes one
# picture of them ("woman" and "wrench" are a mechanic). The Cf characters that show as a
# sign (Arabic number signs and the like) are not listed.
_EMOJI = "\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
    f"|\u200d(?:(?<![{_EMOJI}\ufe0f\U0001f3fb-\U0001f3ff]\u200d)|(?![{_EMOJI}]))"
)
_MEDIA_TYPE = re.compile(r"[\w.+-]+/[\w.+-]+")
# A tag or an entity that a cut at the end of markup would split.
_SPLIT_AT_END = re.compile(r"<[^>]*$|&#?\w*$")
# Listed here rather than taken from nh3's defaults, so that an upgrade widens nothing. No
# script, style, form, input, button, iframe, object, embed, svg or math; no `style`, `class`
# or event attribute; URLs only in href and src (`cite` could carry javascript:).
_ALLOWED_TAGS = {
    "a", "abbr", "acronym", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
    "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "rtc", "ruby", "s",
    "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "bdo": {"dir"},
}


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
    summary = shorten(summary_text(entry.summary) or content_text)
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
        summary=item.summary or shorten(content_text),
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


def clean_html(markup: str) -> str:
    """Return safe HTML: no script, style, form or embedded frame, no event handler or style
    attribute; link and image addresses only http(s) (or mailto for links) or relative.

    Plain text (no tag at all) becomes escaped paragraphs, so that its line breaks survive.
    """
    markup = _CONTROL_CHARS.sub("", markup)
    if not markup:
        return ""
    if not _LOOKS_LIKE_HTML.search(markup):
        return text_to_html(markup)
    return _sanitised(markup)


def _sanitised(markup: str) -> str:
    """Safe HTML of `markup`, without the characters the entities it held gave (the
    sanitiser writes `&#x202E;` as the character itself)."""
    return _CONTROL_CHARS.sub("", nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ))


def text_to_html(text: str) -> str:
    """Plain text as escaped HTML paragraphs (blank lines separate them)."""
    text = _CONTROL_CHARS.sub("", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def literal_text(text: str) -> str:
    """Plain text on one line, as it is: nothing in it is taken for markup."""
    return collapse(_CONTROL_CHARS.sub("", text))


def plain_text(markup: str) -> str:
    """Text of a short field that may hold markup (title, source name), on one line. It is
    read as HTML even without a tag: a feed's text title comes escaped ("&lt;" for "<") so
    that it keeps what looks like markup, and those escapes must read back as the text."""
    if "<" not in markup and "&" not in markup:  # no markup: no need to parse it
        return literal_text(markup)
    return html_to_text(_sanitised(_CONTROL_CHARS.sub("", markup)))


def html_to_text(markup: str) -> str:
    if not markup:
        return ""
    return collapse(BeautifulSoup(markup, "html.parser").get_text(" "))


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Cut `text` at a word boundary, marking the cut with "…": at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def canonical_url(url: str) -> str:
    """Return the URL without fragment and tracking parameters; "" unless a web address."""
    if not web_url(url):
        return ""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAMS.match(k)]
    return web_url(urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    ))


def web_url(url: str) -> str:
    """`url` trimmed if it is an absolute http(s) address of at most URL_CHARS, else ""."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed host, such as an unclosed IPv6 bracket
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url if len(url) <= URL_CHARS else ""


def normalise_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Lower-cased, trimmed, without duplicates; "a, b" is two tags (the index splits on commas).
    At most TAGS_MAX, the first ones; a tag longer than TAG_CHARS is dropped, not cut."""
    seen: dict[str, None] = {}
    for cleaned in (literal_text(part).lower() for tag in tags for part in tag.split(",")):
        if cleaned and len(cleaned) <= TAG_CHARS:
            seen.setdefault(cleaned, None)
            if len(seen) == TAGS_MAX:
                break
    return tuple(seen)


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
