"""OPML, the subscription lists feed readers exchange (FreshRSS, Miniflux, Feedly, Inoreader…).

Reading turns every outline with an `xmlUrl` into a feed source, the categories around it into
its tags. Writing gives a flat OPML 2.0 list that any reader imports, plus `veille:` attributes
(collection interval, kind, tags) that other readers ignore and `read_opml` reads back.
"""

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.parsers import expat

from ..durations import format_duration
from ..errors import ParseError, VeilleError
from ..models import Source
from .watchlist import make_source

NAMESPACE = "https://veille-competences.fr/opml"
MAX_BYTES = 5 * 1024 * 1024
# Feed readers write one or two levels of folders; past this a file is not a subscription
# list, and the walk below (one call a level) stays far from Python's recursion limit.
MAX_DEPTH = 50
# Characters XML 1.0 cannot carry at all, even escaped: dropped so an export always re-imports.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Skipped:
    """An outline that did not become a source, and why."""

    name: str
    url: str
    reason: str


@dataclass
class OpmlImport:
    """The sources an OPML file holds, and the outlines left out."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def read_opml(content: bytes, default_every: str) -> OpmlImport:
    """Return the feed sources of an OPML document; categories around a feed become its tags."""
    result = OpmlImport()
    seen: set[str] = set()
    for attributes, tags in _leaves(_body(content), ()):
        name = attributes.get("title") or attributes.get("text") or ""
        url = attributes.get("xmlurl", "").strip()
        try:
            source = _source(name, url, attributes, tags, default_every)
        except VeilleError as exc:
            result.skipped.append(Skipped(name, url, str(exc)))
            continue
        if source.url in seen:
            result.skipped.append(Skipped(name, url, "the same xmlUrl appears earlier in the file"))
            continue
        seen.add(source.url)
        result.sources.append(source)
    return result


def write_opml(sources: list[Source], title: str) -> bytes:
    """Return an OPML 2.0 document (UTF-8) listing `sources`, flat, in the given order."""
    # Qualified names spelled out: ET.register_namespace would change a process-wide table.
    root = ET.Element("opml", {"version": "2.0", "xmlns:veille": NAMESPACE})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _xml_text(title)
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for source in sources:
        attributes = {"type": "rss", "text": source.name, "title": source.name}
        attributes["xmlUrl"] = source.url
        attributes["veille:every"] = format_duration(source.every)
        attributes["veille:kind"] = source.kind
        if source.tags:
            attributes["veille:tags"] = ",".join(source.tags)
        if source.options:
            attributes["veille:options"] = json.dumps(source.options, ensure_ascii=False)
        ET.SubElement(body, "outline", {k: _xml_text(v) for k, v in attributes.items()})
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _body(content: bytes) -> ET.Element:
    if len(content) > MAX_BYTES:
        raise ParseError(
            f"the OPML file is {len(content):,} bytes; the limit is {MAX_BYTES // 2**20} MB"
        )
    _refuse_doctype(content)
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise ParseError(f"not valid XML: {exc}") from None
    if root.tag != "opml":
        raise ParseError(f"not an OPML document: the root element is <{root.tag}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise ParseError("not an OPML document: no <body> in <opml>")
    return body


class _RootReached(Exception):
    """The scan reached the root element: the prolog, where a DOCTYPE would be, is over."""


def _refuse_doctype(content: bytes) -> None:
    """Raise ParseError at a DOCTYPE, before expat reads the declarations inside it."""
    # OPML never needs one, and its entities could expand a few bytes into gigabytes or name
    # files and URLs to read. Scanning stops at the root element: a DOCTYPE cannot follow.

    def refuse(name, *_):
        if name.lower() == "html":
            raise ParseError("not an OPML document: a web page (<!DOCTYPE html>)")
        raise ParseError(
            f"the document has a DOCTYPE <!DOCTYPE {name} …>, which can declare entities "
            "(<!ENTITY); refused as unsafe"
        )

    def stop(*_):
        raise _RootReached

    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = refuse
    scanner.StartElementHandler = stop
    try:
        scanner.Parse(content, True)
    except _RootReached:
        return
    except expat.ExpatError as exc:
        raise ParseError(f"not valid XML: {exc}") from None


def _leaves(
    parent: ET.Element, tags: tuple[str, ...], depth: int = 1
) -> Iterator[tuple[dict[str, str], tuple[str, ...]]]:
    """Yield (attributes, enclosing category labels) of feed outlines and childless ones;
    ParseError for outlines nested deeper than MAX_DEPTH."""
    for outline in parent.iterfind("outline"):
        if depth > MAX_DEPTH:
            raise ParseError(f"folders nested more than {MAX_DEPTH} levels deep: "
                             "not a list of subscriptions a feed reader writes")
        # Attribute names vary in case between readers: xmlUrl, xmlurl.
        attributes = {key.lower(): value for key, value in outline.attrib.items()}
        inner_tags = tags
        if "xmlurl" in attributes or not len(outline):
            yield attributes, tags
        else:
            label = (attributes.get("text") or attributes.get("title") or "").strip()
            inner_tags = (*tags, label) if label else tags
        yield from _leaves(outline, inner_tags, depth + 1)


def _source(
    name: str, url: str, attributes: dict[str, str], tags: tuple[str, ...], default_every: str
) -> Source:
    if "xmlurl" not in attributes:
        raise ParseError("no xmlUrl: not a feed, or an empty category")
    if not url:
        raise ParseError("empty xmlUrl")
    own_tags = attributes.get(f"{{{NAMESPACE}}}tags", "").split(",")
    source = make_source(
        url,
        name=name,
        kind=attributes.get(f"{{{NAMESPACE}}}kind", "feed"),
        every=attributes.get(f"{{{NAMESPACE}}}every", default_every),
        tags=(*tags, *own_tags),
        options=_options(attributes.get(f"{{{NAMESPACE}}}options", "")),
    )
    # A category and veille:tags often name the same tag, once exported and read back.
    source.tags = tuple(dict.fromkeys(source.tags))
    return source


def _options(text: str) -> dict:
    """veille:options, the JSON of a source's options (page selectors…)."""
    if not text:
        return {}
    try:
        options = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"veille:options is not JSON: {exc.msg}") from None
    if not isinstance(options, dict):
        raise ParseError("veille:options must be a JSON object")
    return options


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
