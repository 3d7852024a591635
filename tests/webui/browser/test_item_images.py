"""Reading an item in Chromium makes no request to another host by default: the article's
images, one on another site (a second loopback server) and one relative to the article, are
links to them; `[web] remote_images` shows them from the article's site."""

import struct
import zlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.webui.browser.conftest import LiveServer, serve, sign_in


def png(width: int, height: int) -> bytes:
    """A grey PNG image of that size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def article(feed_server, import_records) -> str:
    """An item whose article lives on the second server, with a photo of that server and an
    image relative to the article; returns the item's id."""
    feed_server.put("/photos/soudeur.png", png(40, 30), "image/png")
    feed_server.put("/actu/media/schema.png", png(20, 20), "image/png")
    import_records([{
        "id": "illustre", "title": "Des soudeurs au travail", "kind": "news",
        "url": feed_server.url("/actu/illustre"), "published": "2026-03-01T10:00:00+01:00",
        "content": f'<p>Reportage.</p><p><img src="{feed_server.url("/photos/soudeur.png")}" '
                   'alt="Un soudeur"></p><p><img src="media/schema.png" alt="Schéma"></p>'}])
    return "illustre"


def served(instance, monkeypatch, remote_images: bool) -> Iterator[LiveServer]:
    monkeypatch.setenv("VEILLE_WEB_REMOTE_IMAGES", str(remote_images).lower())
    yield from serve(instance)


@pytest.fixture
def closed_server(instance, monkeypatch, article) -> Iterator[LiveServer]:
    yield from served(instance, monkeypatch, remote_images=False)


@pytest.fixture
def open_server(instance, monkeypatch, article) -> Iterator[LiveServer]:
    yield from served(instance, monkeypatch, remote_images=True)


def read_item(page: Page, server: LiveServer, item_id: str) -> list[str]:
    """Open the item's page as an advisor; the addresses it requested (images included)."""
    sign_in(page, server, "advisor")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server.url}/items/{item_id}")  # returns once every image has loaded or failed
    return requested


def test_reading_an_item_requests_nothing_from_another_host(page, closed_server, article,
                                                            feed_server):
    requested = read_item(page, closed_server, article)

    assert feed_server.served == []
    assert [url for url in requested if not url.startswith(closed_server.url)] == []
    assert [url for url in requested if "schema" in url or "soudeur.png" in url] == []
    links = page.locator("div.content a.remote-image")
    assert links.all_inner_texts() == ["Image : Un soudeur (sur le site d'origine)",
                                       "Image : Schéma (sur le site d'origine)"]
    assert [links.nth(n).get_attribute("href") for n in range(2)] == [
        feed_server.url("/photos/soudeur.png"), feed_server.url("/actu/media/schema.png")]


def test_remote_images_show_from_the_articles_site_when_allowed(page, open_server, article,
                                                                feed_server):
    requested = read_item(page, open_server, article)

    sizes = page.evaluate("() => [...document.querySelectorAll('div.content img')]"
                          ".map((image) => [image.naturalWidth, image.naturalHeight])")
    assert sizes == [[40, 30], [20, 20]]
    assert sorted(path for path, _ in feed_server.served) == ["/actu/media/schema.png",
                                                              "/photos/soudeur.png"]
    assert not [url for url in requested if url.startswith(open_server.url) and "schema" in url]
