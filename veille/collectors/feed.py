"""RSS, Atom and RDF feeds, parsed by feedparser from bytes we downloaded ourselves."""

import calendar
import io
from datetime import UTC, datetime

import feedparser

from ..errors import ParseError
from ..models import Entry, Source


def parse(source: Source, content: bytes, *, url: str = "", content_type: str = "") -> list[Entry]:
    """Return the entries of a feed document; `url` is where it was finally fetched from."""
    if b"<!ENTITY" in content:
        raise ParseError("the document declares XML entities (<!ENTITY); refused as unsafe")
    headers = {"content-location": url or source.url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser would take those for a path or a URL to open.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise ParseError(f"not a feed: {_reason(parsed, content_type)}")
    return [_entry(raw) for raw in parsed.entries]


def _entry(raw: feedparser.FeedParserDict) -> Entry:
    contents = raw.get("content") or []
    summary = raw.get("summary", "")
    body = max((c.get("value", "") for c in contents), key=len, default="") or summary
    return Entry(
        title=raw.get("title", ""),
        url=_link(raw),
        content=body,
        summary=summary if contents else "",
        published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
        tags=tuple(t["term"] for t in raw.get("tags", []) if t.get("term")),
        guid=raw.get("id", ""),
    )


def _link(raw: feedparser.FeedParserDict) -> str:
    """The entry's address. Without a link feedparser copies the id there, which for Atom's
    `tag:` or `urn:` ids is a name, not an address: an entry without one has no URL."""
    link = raw.get("link", "")
    if link == raw.get("id") and not link.lower().startswith(("http://", "https://")):
        return ""
    return link


def _date(parsed_time) -> datetime | None:
    """feedparser gives UTC struct_time; turn it into an aware datetime."""
    if not parsed_time:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=UTC)


def _reason(parsed: feedparser.FeedParserDict, content_type: str) -> str:
    if "html" in content_type.lower():
        return f"the server sent a web page ({content_type}), not RSS or Atom"
    problem = parsed.get("bozo_exception")
    return str(problem) if problem else "no RSS, Atom or RDF document found"
