"""RSS, Atom, RDF and JSON feeds, parsed from bytes we downloaded ourselves.

XML goes to feedparser as a stream (given bytes or a str it would take them for a path or a URL
to open); JSON Feed, which feedparser 6 does not read, goes through json.

feedparser is not told where the document comes from: it would resolve a guid or id against
that address ("12345" becoming https://site/12345, a link to nothing), and the HTML of each
entry against the feed rather than the entry's page. It still applies an xml:base the feed
declares; the rest is resolved here (`_link`, `_absolute`).
"""

import calendar
import hashlib
import html
import io
import json
import re
import xml.sax
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import feedparser
from feedparser.urls import resolve_relative_uris

from ..errors import ParseError
from ..models import Entry, Source
from ..text.dates import as_utc

_EMPTY = re.compile(rb"(?:\xef\xbb\xbf)?\s*")
_JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*[{\[]")
# An internal entity whose value is plain text: it cannot expand into entities or files.
_PLAIN_ENTITY = re.compile(rb"""<!ENTITY\s+(\w+)\s+(?:"([^"&%<]*)"|'([^'&%<]*)')\s*>""")
_WIDE_ENTITY_MARKS = tuple(
    "<!ENTITY".encode(codec) for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
# Text that plain entities may add: a few short names are fine, one long value referenced
# everywhere (the "quadratic blowup") is an attack.
ENTITY_GROWTH_BYTES = 100_000
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)")
# One well-formed UTF-8 character beyond ASCII (group 1), or else one stray high byte.
_UTF8_OR_STRAY = re.compile(
    rb"([\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})|[\x80-\xff]"
)
_EMAIL = re.compile(r"\S+@\S+")
NOT_A_FEED = "not_a_feed"  # the kind of error (veille.errors) of what is no feed
# A numeric character reference, the semicolon optional as feedparser's fallback reads them.
_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def parse(source: Source, content: bytes, *, url: str = "", content_type: str = "") -> list[Entry]:
    """Return the entries of a feed document; `url` is where it was finally fetched from."""
    if _EMPTY.fullmatch(content):
        raise ParseError("empty document: the response has no body to read a feed from", NOT_A_FEED)
    base = url or source.url
    if _JSON_START.match(content):
        return _parse_json(content, base)
    return _parse_xml(content, base, content_type)


def _parse_xml(content: bytes, base: str, content_type: str) -> list[Entry]:
    _refuse_unsafe_entities(content)
    headers = {"content-type": content_type} if content_type else {}
    stream = io.BytesIO(_repair_mixed_utf8(_repair_references(content), content_type))
    parsed = feedparser.parse(stream, response_headers=headers)
    problem = parsed.get("bozo_exception")
    if not parsed.get("version") and not parsed.entries:
        raise ParseError(f"not a feed: {_reason(problem, content_type)}", NOT_A_FEED)
    if not parsed.entries and isinstance(problem, xml.sax.SAXException):
        raise ParseError(f"broken feed, no entry could be read from it: {problem}",
                         NOT_A_FEED)
    return [_xml_entry(raw, base) for raw in parsed.entries]


def _refuse_unsafe_entities(content: bytes) -> None:
    """Refuse entity declarations that could expand into entities or files, or blow the
    document up: a feed needs at most a few short plain-text ones (`<!ENTITY id "tag:">`)."""
    plain = _PLAIN_ENTITY.findall(content)
    growth = sum(content.count(b"&" + name + b";") * len(double or single)
                 for name, double, single in plain)
    if (len(plain) != content.count(b"<!ENTITY") or growth > ENTITY_GROWTH_BYTES
            or any(mark in content for mark in _WIDE_ENTITY_MARKS)):
        raise ParseError("the document declares XML entities (<!ENTITY) that could expand "
                         "without bound or read files; refused as unsafe")


def _repair_references(content: bytes) -> bytes:
    """Turn references to what is no character (`&#xD800;`, a lone UTF-16 surrogate; `&#0;`;
    past U+10FFFF) into `&#xFFFD;`, as HTML reads them. XML forbids them, so feedparser falls
    back to its lenient parser, which raises on them and loses the whole feed for one entry;
    repaired, the feed parses and that entry shows U+FFFD where the reference was."""
    return _CHARACTER_REFERENCE.sub(_no_character_as_fffd, content)


def _no_character_as_fffd(reference: re.Match) -> bytes:
    hexadecimal, decimal = reference.groups()
    digits = (hexadecimal or decimal).lstrip(b"0") or b"0"
    # Past eight digits it is past U+10FFFF in either base (and int() refuses thousands).
    code = int(digits, 16 if hexadecimal else 10) if len(digits) <= 8 else -1
    is_character = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
    return reference[0] if is_character else b"&#xFFFD;"


def _repair_mixed_utf8(content: bytes, content_type: str) -> bytes:
    """Read as windows-1252 the few bytes of a UTF-8 document that are not UTF-8 (a line
    pasted from elsewhere): feedparser would read the whole document as windows-1252 and
    garble every accent. A document mostly of such bytes is left to feedparser's fallback."""
    if b"\x00" in content[:4] or _declared_encoding(content, content_type) not in ("utf-8", "utf8"):
        return content
    try:
        content.decode("utf-8")
        return content
    except UnicodeDecodeError:
        pass
    stray = sum(1 for match in _UTF8_OR_STRAY.finditer(content) if not match[1])
    if stray >= len(_UTF8_OR_STRAY.findall(content)) - stray:
        return content
    return _UTF8_OR_STRAY.sub(
        lambda match: match[0] if match[1] else match[0].decode("cp1252", "replace").encode(),
        content,
    )


def _declared_encoding(content: bytes, content_type: str) -> str:
    """The charset named by the HTTP header, else by the XML declaration, else XML's UTF-8."""
    header = _CHARSET.search(content_type)
    if header:
        return header[1].lower()
    declaration = _XML_ENCODING.match(content)
    return declaration[1].decode("ascii").lower() if declaration else "utf-8"


def _xml_entry(raw: feedparser.FeedParserDict, base: str) -> Entry:
    body, summary, is_text = _texts(raw)
    title = raw.get("title", "")
    url = _link(raw, base)
    enclosures = [(e.get("href", ""), e.get("type", ""), e.get("length"))
                  for e in raw.get("enclosures", [])]
    enclosures += _media_files(raw.get("media_content", []))
    page = url or base  # where relative addresses in the entry's HTML point from
    return Entry(
        # Processing reads titles as markup: a text one is escaped, so "<en tension>" stays.
        title=html.escape(title, quote=False) if _is_plain(raw.get("title_detail")) else title,
        url=url,
        content=body if is_text else _absolute(body, page),
        summary=summary if is_text else _absolute(summary, page),
        published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
        tags=tuple(t["term"] for t in raw.get("tags", []) if t.get("term")),
        guid=raw.get("id") or _stand_in_id(url, title, body),
        content_is_text=is_text,
        authors=_xml_authors(raw),
        enclosures=_enclosures(enclosures, base),
    )


def _texts(raw: feedparser.FeedParserDict) -> tuple[str, str, bool]:
    """The body, the summary beside it, and whether they are plain text (Atom type="text")."""
    summary = raw.get("summary", "")
    summary_is_text = _is_plain(raw.get("summary_detail"))
    contents = [c for c in raw.get("content", []) if c.get("value")]
    if not contents:
        return summary, "", summary_is_text
    # Atom 0.3 allows several bodies: take HTML before text, then the longest.
    best = max(contents, key=lambda c: (not _is_plain(c), len(c["value"])))
    return _paired(best["value"], _is_plain(best), summary, summary_is_text)


def _paired(body: str, body_is_text: bool, summary: str, summary_is_text: bool):
    """Body and summary of one kind, as Entry.content_is_text tells for both: a text summary
    beside an HTML body becomes HTML that shows it literally; an HTML summary beside a text
    body is left out (processing then takes the summary from the body)."""
    if body_is_text:
        return body, summary if summary_is_text else "", True
    if summary_is_text and summary:
        summary = f"<p>{html.escape(summary)}</p>"
    return body, summary, False


def _is_plain(detail) -> bool:
    """Whether a title, summary or content is declared as plain text (Atom type="text")."""
    return bool(detail) and detail.get("type") == "text/plain"


def _link(raw: feedparser.FeedParserDict, base: str) -> str:
    """The entry's address: the original behind a tracking redirect (FeedBurner, Pheedo) or a
    declared canonical one, else its link. Without a link feedparser copies the guid or id
    there, which is a name ("12345", "urn:…", "tag:…") unless it is a whole web address: only
    then is it the URL, never resolved against the feed as a relative one."""
    hrefs = [link.get("href", "") for link in raw.get("links", [])]
    canonical = [link.get("href", "") for link in raw.get("links", [])
                 if link.get("rel") == "canonical"]
    for original in [raw.get("feedburner_origlink"), raw.get("pheedo_origlink"), *canonical]:
        address = _web_url(original, base)
        if address:
            return address
    link = raw.get("link", "")
    return _web_url(link, base if link in hrefs else "")


def _xml_authors(raw: feedparser.FeedParserDict) -> tuple[str, ...]:
    """The authors' names; their e-mail addresses are not ours to spread."""
    names = [author.get("name", "") for author in raw.get("authors", [])]
    if not any(names):
        names = [_EMAIL.sub("", raw.get("author", "")).strip(" ()<>")]
    return _unique(names)


def _parse_json(content: bytes, base: str) -> list[Entry]:
    try:
        document = json.loads(content)
    except (ValueError, RecursionError) as error:
        raise ParseError(f"not a feed: invalid JSON ({error})", NOT_A_FEED) from None
    version = _text(document.get("version")) if isinstance(document, dict) else ""
    if "jsonfeed.org/version/" not in version:
        raise ParseError("not a feed: a JSON document, but not a JSON Feed (jsonfeed.org)",
                         NOT_A_FEED)
    items = document.get("items")
    authors = _json_authors(document)
    return [_json_entry(item, base, authors) for item in _dicts(items)]


def _json_entry(item: dict, base: str, feed_authors: tuple[str, ...]) -> Entry:
    """One JSON Feed item: its body is HTML or text, its summary always text."""
    markup, text = _text(item.get("content_html")), _text(item.get("content_text"))
    body, summary, is_text = _paired(markup or text, not markup, _text(item.get("summary")), True)
    title = _text(item.get("title"))
    url = _web_url(_text(item.get("url")) or _text(item.get("external_url")), base)
    tags = item.get("tags")
    attachments = ((_text(a.get("url")), _text(a.get("mime_type")), a.get("size_in_bytes"))
                   for a in _dicts(item.get("attachments")))
    return Entry(
        title=html.escape(title, quote=False),  # always text in JSON Feed
        url=url,
        content=body if is_text else _absolute(body, url or base),
        summary=summary,
        published=_iso_date(item.get("date_published")) or _iso_date(item.get("date_modified")),
        tags=tuple(tag for tag in tags if isinstance(tag, str)) if isinstance(tags, list) else (),
        guid=_id(item.get("id")) or _stand_in_id(url, title, body),
        content_is_text=is_text,
        authors=_json_authors(item) or feed_authors,
        enclosures=_enclosures(attachments, base),
    )


def _json_authors(holder: dict) -> tuple[str, ...]:
    """`authors` (JSON Feed 1.1) or `author` (1.0); items without them inherit the feed's."""
    people = holder.get("authors")
    if not isinstance(people, list):
        people = [holder.get("author")]
    return _unique(_text(person.get("name")) for person in _dicts(people))


def _dicts(value) -> list[dict]:
    return [one for one in value if isinstance(one, dict)] if isinstance(value, list) else []


def _text(value) -> str:
    """A JSON value that should be text; anything else is taken as absent."""
    return value if isinstance(value, str) else ""


def _id(value) -> str:
    """A JSON Feed item id: text, or a number in JSON Feed 1.0."""
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return str(value) if is_number else _text(value)


def _iso_date(value) -> datetime | None:
    """An RFC 3339 date; one without a zone is in the users' time (models.LOCAL_TIME)."""
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None


def _media_files(media: Iterable[dict]) -> list[tuple]:
    """Media RSS's files (`<media:content>`, as news sites attach videos, podcasts and
    reports) as enclosures; its images are the article's illustrations, not attachments."""
    return [(m.get("url", ""), m.get("type", ""), m.get("filesize")) for m in media
            if m.get("medium") != "image" and not (m.get("type") or "").startswith("image/")]


def _enclosures(candidates: Iterable[tuple], base: str) -> tuple[dict, ...]:
    """Attached files (podcasts, PDFs…) that have a web address, once each."""
    found: dict[str, dict] = {}
    for href, media_type, length in candidates:
        address = _web_url(href, base)
        if address and address not in found:
            found[address] = {"url": address, "type": media_type or "", "length": _length(length)}
    return tuple(found.values())


def _length(value) -> int | None:
    """A size in bytes, or None where the feed gives none that makes sense."""
    if isinstance(value, str):
        value = value.strip()
        value = int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if type(value) is int and value >= 0 else None


def _absolute(markup: str, base: str) -> str:
    """HTML with its relative links and images resolved against `base` (the entry's page,
    else the feed's address), so that they point at the source site, not at veille's own
    pages. Addresses with a scheme are left as they are, for the sanitiser to judge."""
    return resolve_relative_uris(markup, base, "utf-8", "text/html") if markup else ""


def _web_url(value, base: str) -> str:
    """`value` resolved against `base` when it makes an http(s) address, else ""."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        address = urljoin(base, value.strip())
        parts = urlsplit(address)
    except ValueError:
        return ""
    return address if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name.strip() for name in names if name and name.strip()))


def _stand_in_id(*parts: str) -> str:
    """An id for an entry without one, from its words: the same entry gets the same id at
    every fetch, and two entries that differ in title, link or body get two."""
    digest = hashlib.blake2b("\n".join(parts).encode("utf-8", "replace"), digest_size=12)
    return f"veille:{digest.hexdigest()}"


def _date(parsed_time) -> datetime | None:
    """feedparser gives UTC struct_time; turn it into an aware datetime."""
    if not parsed_time:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _reason(problem, content_type: str) -> str:
    if "html" in content_type.lower():
        return f"the server sent a web page ({content_type}), not RSS or Atom"
    if isinstance(problem, xml.sax.SAXException):
        return f"not well-formed XML ({problem})"
    return "no RSS, Atom, RDF or JSON feed found"
