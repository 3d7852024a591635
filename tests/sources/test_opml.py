"""OPML subscription lists: reading readers' exports, refusing hostile XML, round-trips."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from tests.conftest import DATA
from veille.collectors import COLLECTORS
from veille.errors import ParseError
from veille.models import Source
from veille.sources.opml import MAX_BYTES, NAMESPACE, Skipped, read_opml, write_opml
from veille.sources.watchlist import make_source

OPML = DATA / "opml"


def read(name: str, default_every: str = "1h"):
    return read_opml((OPML / name).read_bytes(), default_every)


def opml(body: str, head: str = "<head><title>t</title></head>") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0" xmlns:veille="{NAMESPACE}">'
        f"{head}<body>{body}</body></opml>"
    ).encode()


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "freshrss-categories.opml",
            [
                ("DARES – Publications", "https://dares.exemple.test/rss.xml", ("emploi",)),
                (
                    "France Travail — Actualités",
                    "https://francetravail.exemple.test/actualites.rss",
                    ("emploi",),
                ),
                ("Centre Inffo", "https://centre-inffo.exemple.test/feed", ("formation",)),
                (
                    "Carif-Oref Grand Est",
                    "https://carif-oref.grandest.test/flux.atom",
                    ("formation", "grand est"),
                ),
                (
                    "Région Grand Est & formation",
                    "https://region.grandest.test/rss?theme=formation&format=rss",
                    ("formation", "grand est"),
                ),
            ],
        ),
        (
            "miniflux-flat.opml",
            [
                ("Le blog des documentalistes", "https://doc.exemple.test/index.xml", ()),
                # No title nor text: the URL names the source.
                (
                    "https://sans-titre.exemple.test/atom.xml",
                    "https://sans-titre.exemple.test/atom.xml",
                    (),
                ),
                ("Observatoire des métiers", "https://observatoire.exemple.test/rss", ()),
            ],
        ),
        (
            "opml1-lowercase.opml",
            [
                ("Onisep - Actualités", "https://onisep.exemple.test/rss", ("veille métiers",)),
                # Spaces around the address are dropped; a raw ISO-8859-1 byte is decoded.
                ("Céreq", "http://cereq.exemple.test/feed.xml", ()),
            ],
        ),
    ],
)
def test_each_export_gives_its_feeds_with_categories_as_tags(fixture, expected):
    sources = read(fixture).sources
    assert [(s.name, s.url, s.tags) for s in sources] == expected
    assert {(s.kind, s.every) for s in sources} == {("feed", 3600)}


def test_outlines_that_are_not_usable_feeds_are_reported_with_a_reason():
    assert read("opml1-lowercase.opml").skipped == [
        Skipped(
            "Onisep (doublon)",
            "https://onisep.exemple.test/rss",
            "the same xmlUrl appears earlier in the file",
        ),
        Skipped(
            "Podcast sans adresse web",
            "feed://podcast.exemple.test/rss",
            "source URL must start with http:// or https://, got 'feed://podcast.exemple.test/rss'",
        ),
        Skipped("Flux vide", "", "empty xmlUrl"),
        Skipped("Site de l'APEC", "", "no xmlUrl: not a feed, or an empty category"),
    ]


def test_an_empty_category_is_reported_and_a_full_one_is_not():
    assert read("freshrss-categories.opml").skipped == [
        Skipped("Divers", "", "no xmlUrl: not a feed, or an empty category")
    ]
    assert read("miniflux-flat.opml").skipped == []


def test_the_first_of_two_outlines_with_the_same_url_is_kept():
    content = opml(
        '<outline text="Emploi"><outline text="Premier" xmlUrl="https://a.exemple.test/rss"/>'
        '</outline><outline text="Second" xmlUrl="https://a.exemple.test/rss"/>'
    )
    result = read_opml(content, "1h")
    assert [(s.name, s.tags) for s in result.sources] == [("Premier", ("emploi",))]
    assert [s.name for s in result.skipped] == ["Second"]


A = 'xmlUrl="https://a.test/"'


@pytest.mark.parametrize(
    ("outline", "expected"),
    [
        (f'<outline text="A" {A}/>', ("A", 21600, ())),
        (f'<outline title="Titre" text="Texte" {A}/>', ("Titre", 21600, ())),
        ('<outline text="A" XMLURL="https://a.test/" veille:every="30m"/>', ("A", 1800, ())),
        (
            f'<outline text="A" {A} veille:kind="feed" veille:tags="Emploi, ,RH"/>',
            ("A", 21600, ("emploi", "rh")),
        ),
        # A category and veille:tags naming the same tag give it once.
        (
            f'<outline text="Emploi"><outline text="A" {A} veille:tags="emploi"/></outline>',
            ("A", 21600, ("emploi",)),
        ),
        # Outlines inside a feed outline are read too, under the same categories.
        (
            f'<outline text="P" xmlUrl="https://p.test/"><outline text="A" {A}/></outline>',
            ("A", 21600, ()),
        ),
        (f'<outline text="   "><outline text="A" {A}/></outline>', ("A", 21600, ())),
    ],
)
def test_attributes_and_veille_extensions_are_read(outline, expected):
    [source] = [s for s in read_opml(opml(outline), "6h").sources if s.url == "https://a.test/"]
    assert (source.name, source.every, source.tags) == expected
    assert source.kind == "feed"


@pytest.mark.parametrize(
    ("attributes", "reason"),
    [
        ('xmlUrl="https://a.test/" veille:every="souvent"', "invalid duration 'souvent'"),
        ('xmlUrl="https://a.test/" veille:kind="podcast"', "unknown source kind 'podcast'"),
        ('xmlUrl="javascript:alert(1)"', "must start with http:// or https://"),
        ('xmlUrl="file:///etc/passwd"', "must start with http:// or https://"),
        ('xmlUrl="   "', "empty xmlUrl"),
    ],
)
def test_an_unusable_outline_is_skipped_and_the_others_kept(attributes, reason):
    content = opml(
        f'<outline text="Mauvais" {attributes}/><outline text="Bon" xmlUrl="https://b.test/"/>'
    )
    result = read_opml(content, "1h")
    assert [s.name for s in result.sources] == ["Bon"]
    [skipped] = result.skipped
    assert skipped.name == "Mauvais"
    assert reason in skipped.reason


def test_a_document_without_head_is_read():
    content = opml('<outline text="A" xmlUrl="https://a.test/"/>', head="")
    assert [s.name for s in read_opml(content, "1h").sources] == ["A"]


HOSTILE = [
    pytest.param((OPML / "billion-laughs.opml").read_bytes(), id="billion-laughs"),
    pytest.param(
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.test/"/></body></opml>',
        id="external-entity",
    ),
    pytest.param(
        b'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "https://evil.test/opml.dtd">'
        b'<opml version="2.0"><body/></opml>',
        id="external-dtd",
    ),
    pytest.param(b'<!DOCTYPE opml><opml version="2.0"><body/></opml>', id="bare-doctype"),
    # No byte search would see this one: the declaration is in UTF-16.
    pytest.param(
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE opml [<!ENTITY a "b">]>'
        '<opml version="2.0"><body/></opml>'.encode("utf-16"),
        id="utf-16",
    ),
]


@pytest.mark.parametrize("content", HOSTILE)
def test_a_doctype_or_entity_declaration_is_refused(content):
    with pytest.raises(ParseError, match=r"DOCTYPE .*<!ENTITY.*refused as unsafe"):
        read_opml(content, "1h")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            (OPML / "truncated.opml").read_bytes(),
            r"not valid XML: unclosed token: line 13, column 3",
        ),
        (b"", r"not valid XML: no element found: line 1, column 0"),
        (
            b"<opml><body><outline text='A' xmlUrl='https://a.test/'></body></opml>",
            r"not valid XML: mismatched tag: line 1, column 57",
        ),
        (
            b"<opml><body><outline text='&nbsp;'/></body></opml>",
            r"not valid XML: undefined entity: line 1, column 12",
        ),
        (
            b"<rss version='2.0'><channel/></rss>",
            r"not an OPML document: the root element is <rss>",
        ),
        (b"<opml version='2.0'><head/></opml>", r"not an OPML document: no <body>"),
        (
            b"<!DOCTYPE html><html><head><title>Mes flux</title></head><body></body></html>",
            r"not an OPML document: a web page",
        ),
    ],
)
def test_broken_or_foreign_xml_is_refused_with_the_parser_message(content, message):
    with pytest.raises(ParseError, match=message):
        read_opml(content, "1h")


def test_outlines_nested_past_the_limit_are_refused_with_a_clear_error(deep_opml):
    with pytest.raises(ParseError, match=r"folders nested more than 50 levels deep"):
        read_opml(deep_opml, "1h")


def test_outlines_nested_to_the_limit_are_read():
    nested = ("<outline text='dossier'>" * 49 + "<outline text='Flux' xmlUrl='https://a.test/'/>"
              + "</outline>" * 49)
    (source,) = read_opml(opml(nested), "1h").sources
    assert source.tags == ("dossier",)


def padded(size: int) -> bytes:
    """An OPML document of exactly `size` bytes."""
    return opml(" " * (size - len(opml(""))))


def test_a_file_over_the_size_limit_is_refused_and_one_at_the_limit_read():
    assert read_opml(padded(MAX_BYTES), "1h").sources == []
    with pytest.raises(ParseError, match=r"the OPML file is 5,242,881 bytes; the limit is 5 MB"):
        read_opml(padded(MAX_BYTES + 1), "1h")


SOURCES = [
    make_source(
        "https://a.exemple.test/rss?x=1&y=2",
        name='Emploi & co <"é"> l\'été',
        every="6h",
        tags=("emploi", "grand est"),
    ),
    make_source("https://b.exemple.test/feed", name="Formation", every="90s", tags=()),
    make_source("https://c.exemple.test/atom", every="1d", tags=("rh",)),
]


def test_export_then_import_keeps_every_source_as_it_was():
    result = read_opml(write_opml(SOURCES, "Veille"), "1h")
    assert result.skipped == []
    assert [(s.name, s.url, s.kind, s.every, s.tags) for s in result.sources] == [
        (s.name, s.url, s.kind, s.every, s.tags) for s in SOURCES
    ]


KIND_OPTIONS = {"page": {"page": {"item": "article.actu", "title": "h3"}}}


@pytest.mark.parametrize("kind", sorted(COLLECTORS))
def test_every_source_kind_survives_the_round_trip_with_its_options(kind):
    options = KIND_OPTIONS.get(kind, {})
    source = Source(name="S", url="https://s.exemple.test/", kind=kind, every=7200,
                    options=options)
    [back] = read_opml(write_opml([source], "Veille"), "1h").sources
    assert (back.kind, back.every, back.options) == (kind, 7200, options)


def test_options_that_are_not_a_json_object_skip_the_outline():
    document = (b'<opml version="2.0" xmlns:veille="https://veille-competences.fr/opml"><body>'
                b'<outline text="P" xmlUrl="https://p.test/" veille:kind="page" '
                b'veille:options="[1]"/></body></opml>')
    result = read_opml(document, "1h")
    assert result.sources == [] and "JSON object" in result.skipped[0].reason


def test_the_export_is_an_opml_2_document_other_readers_understand():
    exported = write_opml(SOURCES, 'Sources & "veille"')
    assert exported.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = ET.fromstring(exported)
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == 'Sources & "veille"'
    assert parsedate_to_datetime(root.findtext("head/dateCreated")).tzinfo is not None
    first = root.find("body/outline")
    assert {key: first.get(key) for key in ("type", "text", "title", "xmlUrl")} == {
        "type": "rss",
        "text": 'Emploi & co <"é"> l\'été',
        "title": 'Emploi & co <"é"> l\'été',
        "xmlUrl": "https://a.exemple.test/rss?x=1&y=2",
    }
    assert first.get(f"{{{NAMESPACE}}}every") == "6h"
    assert first.get(f"{{{NAMESPACE}}}kind") == "feed"
    assert first.get(f"{{{NAMESPACE}}}tags") == "emploi,grand est"
    assert "Emploi &amp; co &lt;&quot;é&quot;&gt;".encode() in exported


def test_characters_xml_cannot_carry_are_dropped_so_the_export_reads_back():
    source = Source(name="Saut\x0bde page\x00", url="https://a.exemple.test/", tags=("a\x01b",))
    [back] = read_opml(write_opml([source], "T\x1f"), "1h").sources
    assert (back.name, back.tags) == ("Sautde page", ("ab",))


def test_an_empty_list_exports_an_empty_body():
    assert read_opml(write_opml([], "Vide"), "1h").sources == []
