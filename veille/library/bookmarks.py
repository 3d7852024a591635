"""Resources from an address: a web page kept as a bookmark with its main text, or a
document (PDF, DOCX…) downloaded and kept as a file would be.

Downloads go through the project's one HTTP client (fetch.py): its limits, robots.txt and
address guard hold for documentalists' links as for sources.
"""

import hashlib
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from ..fetch.client import Fetcher
from ..fetch.extract import extract_main_html
from ..fetch.webpages import decode_html
from ..instance import Instance
from ..models import FetchResult, Resource
from ..text.urls import canonical_url
from . import catalogue, filetext


def add_url(instance: Instance, fetcher: Fetcher, url: str,
            actor: str | None = None) -> catalogue.Added:
    """Add (or refresh) the resource of `url`; `actor`, when given, is who adds it, for the
    audit log. FetchError if it cannot be downloaded, UnsupportedFormat if it is neither a
    web page nor a document."""
    page = fetcher.fetch(url)
    origin = f"url:{canonical_url(url)}"
    if not _is_page(page):
        name = unquote(PurePosixPath(urlsplit(page.url).path).name)
        return catalogue.add_file(instance, page.content, name, origin, url, actor)
    sha256 = hashlib.sha256(page.content).hexdigest()
    with instance.engine.connect() as conn:
        known = catalogue.lookup(conn, origin, sha256)
    if known and known.sha256 == sha256:
        return catalogue.unchanged(instance, known, origin, actor)
    article = extract_main_html(page.content, page.url, None, page.content_type)
    record = known or Resource(
        id=catalogue.new_id(origin, sha256), title=_title(page.content, page.content_type) or url,
        type="Text", identifier=url,
    )
    record = replace(record, format="text/html", sha256=sha256, size=len(page.content),
                     origin=origin, problem="" if article else filetext.NO_TEXT)
    added = catalogue.Added(record, "updated" if known else "new")
    catalogue.save(instance, record, article, True, catalogue.addition(added, origin, actor))
    return added


def _is_page(page: FetchResult) -> bool:
    return "html" in page.content_type.lower() or filetext.sniff(page.content).name == "html"


def _title(content: bytes, content_type: str) -> str:
    page = BeautifulSoup(decode_html(content, content_type), "html.parser")
    return page.title.get_text(" ", strip=True) if page.title else ""
