"""The feed collector: RSS, Atom and RDF documents (bytes we fetched) into entries."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from veille.collectors import feed
from veille.errors import ParseError
from veille.models import Source

FEEDS = Path(__file__).parents[1] / "data" / "feeds"
SOURCE = Source(name="Fixture", url="https://source.test/flux.xml")


def parse(name: str, **kwargs):
    return feed.parse(SOURCE, (FEEDS / name).read_bytes(), **kwargs)


@pytest.fixture
def rss():
    return parse("emploi-grand-est.rss", url="https://exemple.test/flux/emploi.rss",
                 content_type="application/rss+xml; charset=utf-8")


@pytest.fixture
def atom():
    return parse("formations.atom", url="https://exemple.test/flux/formations.atom")


def test_every_rss_item_becomes_an_entry(rss):
    assert [entry.title for entry in rss] == [
        "Moselle : les entreprises du bâtiment misent sur les jeunes",
        "Compétences numériques : un plan régional pour les métiers de l'industrie",
        "Soudeurs recherchés dans le bassin de Thionville",
        "Aides-soignants : une formation en alternance à Nancy",
        "Validation des acquis : une démarche collective dans les Ardennes",
    ]


def test_rss_categories_become_tags(rss):
    assert [entry.tags for entry in rss] == [
        ("BTP", "Moselle"), ("numérique",), ("industrie", "Moselle"), ("santé",), ("VAE",)
    ]


def test_a_relative_link_resolves_against_the_url_fetched(rss):
    assert rss[-1].url == "https://exemple.test/actualites/vae-collective-ardennes"


def test_without_a_fetch_url_a_relative_link_resolves_against_the_source_url():
    entries = parse("emploi-grand-est.rss")
    assert entries[-1].url == "https://source.test/actualites/vae-collective-ardennes"


def test_rss_dates_become_aware_utc(rss):
    assert rss[0].published == datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    assert rss[-1].published == datetime(2026, 4, 3, 9, 0, tzinfo=UTC)


def test_rss_guid_and_description_are_kept(rss):
    first = rss[0]
    assert first.guid == "btp-moselle-2026"
    assert first.content.startswith("<p>Les entreprises du bâtiment de Moselle")
    assert first.url == "https://exemple.test/actualites/btp-moselle?utm_source=rss&utm_medium=feed"


def test_every_atom_entry_becomes_an_entry(atom):
    assert len(atom) == 4
    assert atom[0].title == "Technicien de maintenance industrielle : une formation à Épinal"
    assert atom[0].tags == ("industrie", "Vosges")


def test_atom_published_is_preferred_to_updated(atom):
    assert atom[0].published == datetime(2026, 2, 10, 8, 0, tzinfo=UTC)


def test_an_atom_entry_without_published_uses_updated(atom):
    assert atom[3].published == datetime(2026, 4, 20, 7, 0, tzinfo=UTC)


def test_an_atom_entry_without_link_has_no_url(atom):
    assert atom[3].url == ""
    assert atom[3].guid == "tag:exemple.test,2026:agenda-reconversion"


def test_atom_content_is_the_body_and_summary_is_kept_beside_it(atom):
    assert atom[0].content.startswith("<p>Le Cnam ouvre à Épinal")
    assert atom[0].summary == "Une formation qualifiante ouvre à Épinal."


def test_an_entry_without_any_date_has_none():
    body = b"""<rss version="2.0"><channel><title>t</title>
        <item><title>Sans date</title><link>https://exemple.test/a</link></item>
        </channel></rss>"""
    (entry,) = feed.parse(SOURCE, body)
    assert entry.published is None


def test_an_rss_guid_that_is_no_permalink_does_not_become_the_link():
    body = b"""<rss version="2.0"><channel><title>t</title>
        <item><title>Sans lien</title><guid isPermaLink="false">article-42</guid></item>
        </channel></rss>"""
    (entry,) = feed.parse(SOURCE, body)
    assert (entry.url, entry.guid) == ("", "article-42")


def test_an_rss_permalink_guid_stands_in_for_a_missing_link():
    body = b"""<rss version="2.0"><channel><title>t</title>
        <item><title>Lien par guid</title><guid>https://exemple.test/a</guid></item>
        </channel></rss>"""
    (entry,) = feed.parse(SOURCE, body)
    assert entry.url == "https://exemple.test/a"


def test_an_empty_feed_gives_no_entries():
    body = b'<rss version="2.0"><channel><title>Vide</title></channel></rss>'
    assert feed.parse(SOURCE, body) == []


def test_a_web_page_served_as_html_is_refused_as_a_web_page():
    with pytest.raises(ParseError, match="web page .*text/html"):
        parse("page-sans-flux.html", content_type="text/html; charset=utf-8")


@pytest.mark.parametrize("content_type", ["", "application/rss+xml", "text/plain"])
def test_a_web_page_under_any_type_is_refused_as_not_a_feed(content_type):
    with pytest.raises(ParseError, match="not a feed"):
        parse("page-sans-flux.html", content_type=content_type)


ENTITIES = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title>
<item><title>&lol2;</title><link>https://exemple.test/a</link></item></channel></rss>"""


def test_a_document_declaring_entities_is_refused():
    with pytest.raises(ParseError, match="ENTITY"):
        feed.parse(SOURCE, ENTITIES)


def test_a_body_that_is_a_path_is_not_read_as_a_file(tmp_path):
    copy = tmp_path / "flux.rss"
    copy.write_bytes((FEEDS / "emploi-grand-est.rss").read_bytes())
    with pytest.raises(ParseError):
        feed.parse(SOURCE, str(copy).encode())


@pytest.mark.parametrize("body", [b"/etc/passwd", b"file:///etc/passwd"])
def test_a_body_naming_a_system_file_never_yields_its_content(body):
    try:
        entries = feed.parse(SOURCE, body)
    except ParseError as refused:
        assert "root:" not in str(refused)
    else:
        assert all("root:" not in f"{entry}" for entry in entries)


@pytest.mark.parametrize("body", [b"", b"   ", b"\x00\xff\xfe", b"<rss", "é".encode("latin-1")])
def test_garbage_is_a_parse_error(body):
    with pytest.raises(ParseError, match="not a feed"):
        feed.parse(SOURCE, body)


@pytest.mark.parametrize("folder", ["wellformed", "illformed"])
def test_every_feedparser_corpus_file_parses_or_raises_parse_error(shared_data, folder):
    root = shared_data / "feedparser-corpus" / "tests" / folder
    files = sorted(path for path in root.rglob("*") if path.is_file())
    assert files, f"no file under {root}"
    crashes = []
    for path in files:
        try:
            feed.parse(SOURCE, path.read_bytes(), url="https://exemple.test/feed.xml")
        except ParseError:
            pass
        except Exception as exc:  # noqa: BLE001 - every crash is listed below
            crashes.append(f"{path.relative_to(root)}: {type(exc).__name__}: {exc}")
    assert crashes == []
