"""The watch list file: sources with their kind, interval, tags and options."""

from pathlib import Path

import pytest

from veille.errors import ConfigError
from veille.sources.watchlist import read_watchlist

WATCHLIST = """
[[source]]
name = "Actualités de la Région"
url = "https://exemple.test/actualites"
kind = "page"
every = "6h"
tags = ["Grand Est"]
[source.page]
item = "article.actu"
title = "h3"

[[source]]
url = "https://exemple.test/rss"
full_text = true
full_text_selector = "div.contenu"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_come_with_their_options(tmp_path):
    page, feed = read_watchlist(write(tmp_path, WATCHLIST), "1h")
    assert (page.kind, page.every, page.tags) == ("page", 21600, ("grand est",))
    assert page.options == {"page": {"item": "article.actu", "title": "h3"}}
    assert (feed.name, feed.kind, feed.every) == ("https://exemple.test/rss", "feed", 3600)
    assert feed.options == {"full_text": True, "full_text_selector": "div.contenu"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nname = "x"\n', "source 1: needs at least a url"),
        ('[[source]]\nurl = "https://x.test"\ncolour = "red"\n', "unknown keys colour"),
        ('[[source]]\nurl = "https://x.test"\nkind = "page"\n', '"item"'),
        ('[[source]]\nurl = "https://x.test"\n[source.page]\nitem = "a"\n', "for page sources"),
        ('[[source]]\nurl = "ftp://x.test"\n', "http:// or https://"),
        ('[[source]]\nurl = "https://x.test"\nevery = "often"\n', "invalid duration"),
        ("source = 3\n", "[[source]] tables"),
        ("[[source]\n", "cannot read the watch list"),
    ],
)
def test_a_wrong_source_is_a_clear_error_naming_it(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        read_watchlist(write(tmp_path, text), "1h")
