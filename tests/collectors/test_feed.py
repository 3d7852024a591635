"""The feed collector: RSS, Atom, RDF and JSON Feed documents (bytes we fetched) into entries."""

import io
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from veille.collect import pipeline
from veille.collect.processing import Origin, normalise
from veille.collectors import feed
from veille.errors import ParseError
from veille.models import Source
from veille.sources.watchlist import make_source
from veille.store import items as item_store
from veille.store import sources as source_store

FEEDS = Path(__file__).parents[1] / "data" / "feeds"
SOURCE = Source(name="Fixture", url="https://source.test/flux.xml")
ORIGIN = Origin(source="Fixture", fetched=datetime(2026, 5, 1, tzinfo=UTC),
                namespace=SOURCE.url)
CORPUS_FOLDERS = ["wellformed", "illformed", "encoding", "entities", "json"]


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


def test_atom_content_is_the_body_and_its_text_summary_is_kept_beside_it_as_escaped_html(atom):
    assert atom[0].content.startswith("<p>Le Cnam ouvre à Épinal")
    assert atom[0].summary == "<p>Une formation qualifiante ouvre à Épinal.</p>"
    assert normalise(atom[0], ORIGIN).summary == "Une formation qualifiante ouvre à Épinal."


def test_an_entry_without_any_date_has_none():
    body = b"""<rss version="2.0"><channel><title>t</title>
        <item><title>Sans date</title><link>https://exemple.test/a</link></item>
        </channel></rss>"""
    (entry,) = feed.parse(SOURCE, body)
    assert entry.published is None


@pytest.mark.parametrize("reference", ["&#xD800;", "&#xdfff;", "&#55296;", "&#xD800 ", "&#0;",
                                       "&#x110000;", "&#99999999999999999999;"])
def test_a_reference_to_no_character_reads_as_the_replacement_character(reference):
    body = f"""<rss version="2.0"><channel><title>t</title>
        <item><title>Avant {reference}après</title><link>https://exemple.test/a</link></item>
        <item><title>Voisine</title><link>https://exemple.test/b</link></item>
        </channel></rss>""".encode()
    (entry, neighbour) = feed.parse(SOURCE, body)
    assert normalise(entry, ORIGIN).title.replace(" ", "") == "Avant\ufffdaprès"
    assert neighbour.title == "Voisine"


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


@pytest.mark.parametrize("body", [b"\x00\xff\xfe", b"<rss", "é".encode("latin-1"), b"Bonjour"])
def test_garbage_is_a_parse_error(body):
    with pytest.raises(ParseError, match="not a feed"):
        feed.parse(SOURCE, body)


@pytest.mark.parametrize("body", [b"", b"Bonjour", b'{"version": 1}', b"{oups",
                                  (FEEDS / "page-sans-flux.html").read_bytes()])
def test_what_is_no_feed_is_an_error_of_the_kind_not_a_feed(body):
    with pytest.raises(ParseError) as refused:
        feed.parse(SOURCE, body)
    assert refused.value.kind == "not_a_feed"


def corpus(shared_data, folder):
    root = shared_data / "feedparser-corpus" / "tests" / folder
    files = sorted(path for path in root.rglob("*") if path.is_file())
    assert files, f"no file under {root}"
    return root, files


def parse_corpus_file(path):
    return feed.parse(SOURCE, path.read_bytes(), url="https://exemple.test/feed.xml")


@pytest.mark.parametrize("folder", CORPUS_FOLDERS)
def test_every_feedparser_corpus_file_parses_or_raises_parse_error(shared_data, folder):
    root, files = corpus(shared_data, folder)
    crashes = []
    for path in files:
        try:
            parse_corpus_file(path)
        except ParseError:
            pass
        except Exception as exc:  # noqa: BLE001 - every crash is listed below
            crashes.append(f"{path.relative_to(root)}: {type(exc).__name__}: {exc}")
    assert crashes == []


def test_every_wellformed_corpus_file_yields_as_many_entries_as_feedparser_finds(shared_data):
    root, files = corpus(shared_data, "wellformed")
    differences = []
    for path in files:
        expected = len(feedparser.parse(io.BytesIO(path.read_bytes())).entries)
        if not expected:
            continue
        try:
            found = len(parse_corpus_file(path))
        except ParseError as refused:
            found = f"ParseError: {refused}"
        if found != expected:
            differences.append(f"{path.relative_to(root)}: {found} instead of {expected}")
    assert differences == []


@pytest.mark.parametrize("folder", CORPUS_FOLDERS)
def test_every_entry_of_the_feedparser_corpus_normalises(shared_data, folder):
    root, files = corpus(shared_data, folder)
    crashes, normalised = [], 0
    for path in files:
        try:
            entries = parse_corpus_file(path)
        except ParseError:
            continue
        for number, entry in enumerate(entries):
            try:
                normalise(entry, ORIGIN)
                normalised += 1
            except Exception as exc:  # noqa: BLE001 - every crash is listed below
                crashes.append(f"{path.relative_to(root)} #{number}: {type(exc).__name__}: {exc}")
    assert crashes == []
    assert normalised


def test_the_corpus_json_feed_example_yields_its_two_items_sanitised(shared_data):
    _, (path,) = corpus(shared_data, "json")
    entries = parse_corpus_file(path)
    assert [(entry.title, entry.url) for entry in entries] == [
        ("post 2", "https://example.org/second-item"),
        ("", "https://example.org/initial-post"),
    ]
    assert entries[0].enclosures == ({"url": "https://example.org/second-item-show.mp4",
                                      "type": "video/mp4", "length": 12000000},)
    assert "alert" not in normalise(entries[1], ORIGIN).content_html


# --- RSS 0.91, RDF / RSS 1.0, Atom 0.3 and JSON Feed 1.1 fixtures ---------------------------

FETCHED_FROM = "https://exemple.test/flux/"


@pytest.fixture
def rss091():
    return parse("apprentissage-0.91.rss", url=FETCHED_FROM + "apprentissage.rss")


@pytest.fixture
def rdf():
    return parse("metiers-industrie.rdf", url=FETCHED_FROM + "industrie.rdf")


@pytest.fixture
def atom03():
    return parse("agenda-0.3.atom", url=FETCHED_FROM + "agenda.atom")


@pytest.fixture
def json_feed():
    return parse("offres-formation.json", url=FETCHED_FROM + "offres.json",
                 content_type="application/feed+json")


def test_every_rss_091_item_becomes_an_entry_with_its_latin1_accents(rss091):
    assert [entry.title for entry in rss091] == [
        "Boulangerie : les CFA de Colmar recrutent des apprentis",
        "Mécanique agricole : un bac pro en alternance à Obernai",
        "Aide à l'embauche d'apprentis : ce qui change",
    ]


def test_an_rss_091_relative_link_resolves_against_the_url_fetched(rss091):
    assert rss091[1].url == "https://exemple.test/apprentissage/mecanique-agricole-obernai"


def test_an_rss_091_description_is_html(rss091):
    assert rss091[1].content == ("<p>Un lycée agricole ouvre une section de "
                                 "<b>maintenance des matériels</b> en alternance.</p>")
    assert not rss091[1].content_is_text


def test_every_rdf_item_becomes_an_entry_with_its_link(rdf):
    assert [(entry.title, entry.url) for entry in rdf] == [
        ("Chaudronnerie : une plateforme de formation à Sedan",
         "https://exemple.test/industrie/chaudronnerie-sedan"),
        ("Cobotique : les opérateurs se forment à Mulhouse",
         "https://exemple.test/industrie/cobotique-mulhouse"),
        ("Agents de fabrication : 40 postes à pourvoir dans le Haut-Rhin",
         "https://exemple.test/industrie/agents-de-fabrication"),
    ]


def test_rdf_dc_subjects_become_tags_and_dc_creators_authors(rdf):
    assert [(entry.tags, entry.authors) for entry in rdf] == [
        (("industrie", "Ardennes"), ("Claire Martin",)),
        (("robotique",), ("Claire Martin", "Karim Benali")),
        ((), ()),
    ]


def test_rdf_content_encoded_is_the_body_and_description_the_summary(rdf):
    assert rdf[0].content.startswith("<p>Une plateforme technique de <strong>chaudronnerie")
    assert rdf[0].summary == "Une plateforme technique ouvre aux demandeurs d'emploi."


def test_rdf_dc_dates_become_aware_utc(rdf):
    assert [entry.published for entry in rdf] == [
        datetime(2026, 3, 12, 8, 0, tzinfo=UTC),
        datetime(2026, 3, 19, 13, 30, tzinfo=UTC),
        datetime(2026, 3, 26, tzinfo=UTC),
    ]


def test_every_atom_03_entry_becomes_an_entry_dated_by_issued(atom03):
    assert [(entry.title, entry.published) for entry in atom03] == [
        ("Forum des métiers du soin à Metz", datetime(2026, 3, 3, 9, 0, tzinfo=UTC)),
        ("Atelier CV : mettre en avant ses compétences", datetime(2026, 3, 10, 13, 0, tzinfo=UTC)),
        ("Permanence VAE à Thionville", datetime(2026, 3, 17, 8, 0, tzinfo=UTC)),
    ]


@pytest.mark.parametrize(
    "index, content, is_text",
    [
        (0, "<p>Infirmiers, aides-soignants et auxiliaires de vie présentent leurs "
            "<em>métiers</em>.</p>", False),
        (1, "Apportez votre CV : <b>compétences</b> d'abord, diplômes ensuite.", True),
        (2, "<div><p>Un conseiller répond aux questions sur la <strong>validation des "
            "acquis</strong>.</p></div>", False),
    ],
    ids=["escaped-html", "text-plain", "xhtml"],
)
def test_atom_03_content_is_html_unless_declared_text_plain(atom03, index, content, is_text):
    assert (atom03[index].content, atom03[index].content_is_text) == (content, is_text)


def test_atom_03_authors_are_kept_by_name_without_their_email(atom03):
    assert atom03[0].authors == ("Sophie Lambert",)


def test_every_json_feed_item_becomes_an_entry(json_feed):
    assert [entry.title for entry in json_feed] == [
        "Électricien du bâtiment : 12 places à Nancy",
        "Conducteur d'engins : réunion d'information",
        "Aide à domicile : session d'été",
    ]


def test_json_feed_html_content_is_html_and_its_text_summary_becomes_escaped_html(json_feed):
    first = json_feed[0]
    assert first.content.startswith("<p>Une formation certifiante d'<strong>électricien")
    assert (first.summary, first.content_is_text) == (
        "<p>Douze places pour devenir électricien.</p>", False
    )


def test_json_feed_text_content_is_marked_as_text_and_shown_literally(json_feed):
    second = json_feed[1]
    assert second.content_is_text
    item = normalise(second, ORIGIN)
    assert item.content_text == ("Réunion d'information le 20 mars. "
                                 "Prévoir une pièce d'identité <b>obligatoire</b>.")
    assert "<b>" not in item.content_html


@pytest.mark.parametrize(
    "index, url",
    [
        (0, "https://exemple.test/offres/electricien-batiment?utm_source=json"),
        (1, "https://exemple.test/offres/conducteur-engins"),
        (2, ""),
    ],
    ids=["absolute", "relative-resolved-against-the-url-fetched", "none"],
)
def test_json_feed_item_urls(json_feed, index, url):
    assert json_feed[index].url == url


def test_json_feed_ids_become_guids_even_when_numbers(json_feed):
    assert [entry.guid for entry in json_feed] == ["offre-2026-001", "2", "offre-2026-003"]


@pytest.mark.parametrize(
    "index, published",
    [
        (0, datetime(2026, 3, 2, 8, 0, tzinfo=UTC)),
        (1, datetime(2026, 3, 10, 14, 0, tzinfo=UTC)),
        (2, datetime(2026, 3, 15, 7, 0, tzinfo=UTC)),
    ],
    ids=["date_published-before-date_modified", "date_modified-alone", "no-zone-is-paris-time"],
)
def test_json_feed_dates_become_aware_utc(json_feed, index, published):
    assert json_feed[index].published == published


def test_json_feed_tags_become_tags(json_feed):
    assert [entry.tags for entry in json_feed] == [
        ("bâtiment", "Meurthe-et-Moselle"), ("BTP",), ()
    ]


def test_json_feed_authors_are_deduplicated_and_items_without_any_inherit_the_feeds(json_feed):
    assert [entry.authors for entry in json_feed] == [
        ("Julie Fontaine",), ("Service formation",), ("Paul Henry",)
    ]


def test_json_feed_attachments_with_a_web_url_become_enclosures(json_feed):
    assert [entry.enclosures for entry in json_feed] == [
        ({"url": "https://exemple.test/offres/electricien-batiment.pdf",
          "type": "application/pdf", "length": 248000},),
        (),
        ({"url": "https://exemple.test/audio/adva.mp3", "type": "audio/mpeg", "length": None},),
    ]


def test_a_json_feed_1_0_with_a_single_author_object_is_read():
    body = b"""{"version": "https://jsonfeed.org/version/1", "title": "t",
        "items": [{"id": "a", "url": "https://exemple.test/a", "content_text": "Texte",
                   "author": {"name": "Nadia Roux"}}]}"""
    (entry,) = feed.parse(SOURCE, body)
    assert (entry.url, entry.content, entry.authors) == (
        "https://exemple.test/a", "Texte", ("Nadia Roux",)
    )


def test_json_feed_values_of_the_wrong_type_are_ignored():
    body = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "t",
        "items": ["pas un objet", {"id": null, "url": 12, "title": 42, "content_html": [],
        "tags": "emploi", "authors": "moi", "attachments": [{"url": 3}, "x"],
        "date_published": "hier"}]}"""
    (entry,) = feed.parse(SOURCE, body)
    assert (entry.title, entry.url, entry.content, entry.tags, entry.authors) == (
        "", "", "", (), ()
    )
    assert (entry.enclosures, entry.published) == ((), None)


@pytest.mark.parametrize(
    "body, message",
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "invalid JSON"),
        (b'{"titre": "pas un flux"}', "not a JSON Feed"),
        (b'[{"version": "https://jsonfeed.org/version/1.1"}]', "not a JSON Feed"),
        (b"[" * 100_000, "invalid JSON"),
    ],
    ids=["truncated", "other-json-object", "json-array", "nested-too-deep"],
)
def test_json_that_is_no_json_feed_is_a_parse_error(body, message):
    with pytest.raises(ParseError, match=message):
        feed.parse(SOURCE, body)


# --- Plain text or HTML --------------------------------------------------------------------

def atom_document(entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>t</title><id>tag:exemple.test,2026:f</id>{entries}</feed>"
    ).encode()


def atom_entry(inside: str) -> bytes:
    return atom_document(
        f"<entry><title>Entrée</title><id>tag:exemple.test,2026:e</id>{inside}</entry>"
    )


@pytest.mark.parametrize(
    "inside, is_text",
    [
        ('<content type="text">&lt;b&gt;hi&lt;/b&gt;</content>', True),
        ("<content>&lt;b&gt;hi&lt;/b&gt;</content>", True),
        ('<content type="html">&lt;b&gt;hi&lt;/b&gt;</content>', False),
        ('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><b>hi</b></div>'
         "</content>", False),
        ('<summary type="text">&lt;b&gt;hi&lt;/b&gt;</summary>', True),
        ("<summary>&lt;b&gt;hi&lt;/b&gt;</summary>", True),
        ('<summary type="html">&lt;b&gt;hi&lt;/b&gt;</summary>', False),
    ],
    ids=["content-text", "content-untyped", "content-html", "content-xhtml", "summary-text",
         "summary-untyped", "summary-html"],
)
def test_atom_text_is_marked_as_text_and_html_or_xhtml_is_not(inside, is_text):
    (entry,) = feed.parse(SOURCE, atom_entry(inside))
    assert (entry.content, entry.content_is_text) == ("<b>hi</b>", is_text)


@pytest.mark.parametrize("element", ["content", "summary"])
def test_atom_text_is_shown_literally_never_interpreted(element):
    (entry,) = feed.parse(SOURCE, atom_entry(
        f'<{element} type="text">&lt;b&gt;hi&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;'
        f"</{element}>"
    ))
    item = normalise(entry, ORIGIN)
    assert item.content_text == "<b>hi</b> & <script>x()</script>"
    assert item.content_html == (
        "<p>&lt;b&gt;hi&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;</p>"
    )


def test_an_atom_text_summary_beside_text_content_is_shown_literally():
    (entry,) = feed.parse(SOURCE, atom_entry(
        '<summary type="text">&lt;i&gt;En bref&lt;/i&gt;</summary>'
        '<content type="text">Le texte entier.</content>'
    ))
    assert normalise(entry, ORIGIN).summary == "<i>En bref</i>"


def test_an_atom_text_summary_beside_html_content_is_shown_literally():
    (entry,) = feed.parse(SOURCE, atom_entry(
        '<summary type="text">&lt;i&gt;En bref&lt;/i&gt;</summary>'
        '<content type="html">&lt;p&gt;Le texte &lt;em&gt;entier&lt;/em&gt;.&lt;/p&gt;</content>'
    ))
    item = normalise(entry, ORIGIN)
    assert (item.summary, item.content_html) == (
        "<i>En bref</i>", "<p>Le texte <em>entier</em>.</p>"
    )


def test_an_atom_html_summary_beside_text_content_is_left_for_the_text_to_replace():
    (entry,) = feed.parse(SOURCE, atom_entry(
        '<summary type="html">&lt;i&gt;En bref&lt;/i&gt;</summary>'
        '<content type="text">Le texte entier.</content>'
    ))
    assert entry.summary == ""
    assert normalise(entry, ORIGIN).summary == "Le texte entier."


# --- Enclosures, authors, original links ---------------------------------------------------

def rss_item(inside: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0" '
        'xmlns:pheedo="http://www.pheedo.com/namespace/pheedo">'
        f"<channel><title>t</title><item><title>Épisode</title>{inside}</item></channel></rss>"
    ).encode()


MP3 = {"url": "https://exemple.test/podcast/1.mp3", "type": "audio/mpeg", "length": 1234}


def enclosure(url: str = MP3["url"], attributes: str = 'type="audio/mpeg" length="1234"') -> str:
    return f'<enclosure url="{url}" {attributes}/>'


@pytest.mark.parametrize(
    "enclosures, expected",
    [
        (enclosure(), (MP3,)),
        (enclosure("/podcast/1.mp3"), (MP3,)),
        (enclosure() + enclosure(attributes='type="audio/mpeg"'), (MP3,)),
        (enclosure(attributes='type="audio/mpeg" length=""'), (MP3 | {"length": None},)),
        (enclosure(attributes='type="audio/mpeg" length="beaucoup"'), (MP3 | {"length": None},)),
        (enclosure(attributes='type="audio/mpeg" length="-5"'), (MP3 | {"length": None},)),
        (enclosure(attributes=""), (MP3 | {"type": "", "length": None},)),
        (enclosure("javascript:alert(1)"), ()),
        (enclosure("data:audio/mpeg;base64,AAAA"), ()),
        (enclosure("ftp://exemple.test/1.mp3"), ()),
        (enclosure("http://[::1/1.mp3"), ()),
        ("", ()),
    ],
    ids=["absolute", "relative-resolved", "duplicate", "empty-length", "wordy-length",
         "negative-length", "bare", "javascript", "data", "ftp", "malformed", "none"],
)
def test_rss_enclosures_with_a_web_url_are_kept(enclosures, expected):
    (entry,) = feed.parse(SOURCE, rss_item(enclosures), url="https://exemple.test/flux.rss")
    assert entry.enclosures == expected


def test_media_rss_files_are_enclosures_and_its_images_are_not():
    document = rss_item(
        '<link>https://exemple.test/episode</link>'
        '<media:content url="/podcast/1.mp3" type="audio/mpeg" fileSize="1234" medium="audio"/>'
        '<media:content url="https://exemple.test/photo.jpg" medium="image"/>'
        '<media:content url="https://exemple.test/vignette.png" type="image/png"/>'
        '<media:content url="javascript:alert(1)" type="video/mp4"/>'
    ).replace(b"<rss ", b'<rss xmlns:media="http://search.yahoo.com/mrss/" ')
    (entry,) = feed.parse(SOURCE, document, url="https://exemple.test/flux.rss")
    assert entry.enclosures == (MP3,)


def test_atom_enclosure_links_are_kept_as_enclosures():
    (entry,) = feed.parse(SOURCE, atom_entry(
        '<link rel="enclosure" href="https://exemple.test/podcast/1.mp3" type="audio/mpeg" '
        'length="1234"/>'
    ))
    assert entry.enclosures == (MP3,)


@pytest.mark.parametrize(
    "document, authors",
    [
        (rss_item("<author>m.curie@exemple.test (Marie Curie)</author>"), ("Marie Curie",)),
        (rss_item("<author>rh@exemple.test</author>"), ()),
        (rss_item("<dc:creator>Paul Durand</dc:creator>"), ("Paul Durand",)),
        (rss_item("<dc:creator>Anne Petit</dc:creator><dc:creator>Bruno Roy</dc:creator>"),
         ("Anne Petit", "Bruno Roy")),
        (rss_item("<dc:creator>Anne Petit</dc:creator><dc:creator>Anne Petit</dc:creator>"),
         ("Anne Petit",)),
        (atom_entry("<author><name>Léa Simon</name><email>lea@exemple.test</email></author>"),
         ("Léa Simon",)),
        (atom_entry("<author><email>lea@exemple.test</email></author>"), ()),
        (rss_item(""), ()),
    ],
    ids=["rss-email-and-name", "rss-email-only", "dc-creator", "two-dc-creators",
         "repeated-dc-creator", "atom-name-and-email", "atom-email-only", "none"],
)
def test_authors_are_kept_by_name_once_each_never_by_email(document, authors):
    (entry,) = feed.parse(SOURCE, document)
    assert entry.authors == authors


@pytest.mark.parametrize(
    "document, url",
    [
        (rss_item("<link>https://feeds.exemple.test/~r/x/~3/abc</link>"
                  "<feedburner:origLink>https://exemple.test/vrai</feedburner:origLink>"),
         "https://exemple.test/vrai"),
        (rss_item("<link>https://pheedo.exemple.test/click/1</link>"
                  "<pheedo:origLink>https://exemple.test/vrai</pheedo:origLink>"),
         "https://exemple.test/vrai"),
        (atom_entry('<link rel="alternate" href="https://miroir.exemple.test/a"/>'
                    '<link rel="canonical" href="https://exemple.test/vrai"/>'),
         "https://exemple.test/vrai"),
        (rss_item("<link>https://exemple.test/lien</link>"
                  "<feedburner:origLink>javascript:alert(1)</feedburner:origLink>"),
         "https://exemple.test/lien"),
    ],
    ids=["feedburner", "pheedo", "atom-canonical", "unsafe-original-ignored"],
)
def test_the_original_link_behind_a_redirect_is_the_entry_url(document, url):
    (entry,) = feed.parse(SOURCE, document)
    assert entry.url == url


# --- Charsets, truncation, empty bodies ----------------------------------------------------

@pytest.mark.parametrize("content_type", ["", "application/rss+xml; charset=utf-8"])
def test_a_feed_declared_utf8_but_written_in_latin1_keeps_its_accents(content_type):
    entries = parse("competences-latin1-declare-utf8.rss", content_type=content_type)
    assert [entry.title for entry in entries] == [
        "Compétences transversales : un référentiel régional",
        "Élagueurs : une formation qualifiante à Épinal",
    ]


def test_a_utf8_feed_with_a_few_latin1_bytes_keeps_every_accent():
    body = rss_item("<description>Métiers : déjà là</description>").replace(
        "Épisode".encode(), "Épisode".encode("latin-1")
    )
    (entry,) = feed.parse(SOURCE, body)
    assert (entry.title, entry.content) == ("Épisode", "Métiers : déjà là")


RSS = (FEEDS / "emploi-grand-est.rss").read_bytes()
THIRD_ITEM = RSS.index(b"<item>", RSS.index(b"<item>", RSS.index(b"<item>") + 1) + 1)


@pytest.mark.parametrize("cut", [THIRD_ITEM, THIRD_ITEM + 30, len(RSS) - 20])
def test_a_truncated_feed_still_yields_the_entries_before_the_cut(cut):
    entries = feed.parse(SOURCE, RSS[:cut])
    assert [entry.title for entry in entries[:2]] == [
        "Moselle : les entreprises du bâtiment misent sur les jeunes",
        "Compétences numériques : un plan régional pour les métiers de l'industrie",
    ]


def test_a_feed_truncated_before_its_first_entry_is_a_parse_error_saying_so():
    with pytest.raises(ParseError, match="broken feed, no entry could be read"):
        feed.parse(SOURCE, RSS[: RSS.index(b"<item>") - 10])


@pytest.mark.parametrize("body", [b"", b"  \r\n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_an_empty_body_is_a_parse_error_saying_empty_document(body):
    with pytest.raises(ParseError, match="empty document"):
        feed.parse(SOURCE, body)


# --- Stable ids for entries without GUID or link -------------------------------------------

def linkless(*items: tuple[str, str]) -> bytes:
    return "".join(
        ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>',
         *(f"<item><title>{title}</title><description>{text}</description></item>"
           for title, text in items),
         "</channel></rss>"]
    ).encode()


def item_ids(body: bytes) -> list[str]:
    return [normalise(entry, ORIGIN).id for entry in feed.parse(SOURCE, body)]


def test_the_same_entry_without_guid_or_link_keeps_its_item_id_from_fetch_to_fetch():
    body = linkless(("Permanence emploi", "Tous les mardis à la mairie."))
    assert item_ids(body) == item_ids(body)


@pytest.mark.parametrize(
    "first, second",
    [
        (("Permanence emploi", "Tous les mardis."), ("Forum des métiers", "Tous les mardis.")),
        (("Offre d'emploi", "Soudeur à Metz."), ("Offre d'emploi", "Cuisinier à Reims.")),
    ],
    ids=["different-titles", "same-title-different-text"],
)
def test_two_entries_without_guid_or_link_get_two_item_ids(first, second):
    one, other = item_ids(linkless(first, second))
    assert one != other


def test_an_entry_with_a_guid_but_no_link_keeps_its_guid_as_identity():
    (entry,) = feed.parse(SOURCE, rss_item('<guid isPermaLink="false">episode-7</guid>'))
    assert entry.guid == "episode-7"


# --- Entity declarations -------------------------------------------------------------------

def with_doctype(declarations: str, title: str) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{declarations}]><rss version="2.0"><channel>'
            f"<title>t</title><item><title>{title}</title></item></channel></rss>").encode()


def test_a_short_plain_text_entity_is_expanded():
    body = with_doctype('<!ENTITY region "Grand Est">', "Emploi en &region;")
    assert [entry.title for entry in feed.parse(SOURCE, body)] == ["Emploi en Grand Est"]


@pytest.mark.parametrize(
    "body",
    [
        with_doctype('<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">', "&b;"),
        with_doctype('<!ENTITY passwd SYSTEM "file:///etc/passwd">', "&passwd;"),
        with_doctype('<!ENTITY % distant SYSTEM "https://exemple.test/x.dtd"> %distant;', "t"),
        with_doctype(f'<!ENTITY long "{"x" * 1000}">', "&long;" * 200),
        '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE rss [<!ENTITY a "b">]>'
        '<rss version="2.0"><channel><title>&a;</title></channel></rss>'.encode("utf-16"),
    ],
    ids=["nested", "external-file", "parameter-entity", "quadratic-blowup", "utf-16"],
)
def test_an_unsafe_entity_declaration_is_refused(body):
    with pytest.raises(ParseError, match="ENTITY"):
        feed.parse(SOURCE, body)


# --- Titles declared as text stay text -----------------------------------------------------

@pytest.fixture
def text_titles():
    return [normalise(entry, ORIGIN) for entry in parse("titres-texte.atom")]


def test_text_titles_keep_what_looks_like_markup(text_titles):
    assert [item.title for item in text_titles] == [
        "Salaires < SMIC : ce qui change",
        "Les métiers <en tension> en Moselle",
        "Intérim : la mention &lt;CDD&gt; écrite en toutes lettres",
        "Les soudeurs <très> demandés",
    ]


def test_text_summaries_keep_what_looks_like_markup(text_titles):
    assert [item.summary for item in text_titles[:2]] == [
        "Les minima de branche < SMIC sont relevés au 1er mai.",
        "La liste des métiers <en tension> & leurs codes ROME.",
    ]


def test_json_feed_titles_are_text():
    items = [normalise(entry, ORIGIN) for entry in parse("offres-images.json")]
    assert items[0].title == "Peintre en bâtiment : <nouvelle> session à Épinal"


# --- Only a web address becomes a link -----------------------------------------------------

@pytest.fixture
def guid_only():
    return parse("guid-sans-lien.rss", url="https://exemple.test/flux/recrutement.rss")


@pytest.mark.parametrize(
    "index, url, guid",
    [
        (0, "", "12345"),
        (1, "", "urn:recrutement:caristes-metz"),
        (2, "", "/recrutement/aides-domicile"),
        (3, "", "ftp://exemple.test/offres/electriciens.txt"),
        (4, "https://exemple.test/recrutement/boulangers",
         "https://exemple.test/recrutement/boulangers"),
        (5, "https://exemple.test/recrutement/macons-thionville", "macons-thionville"),
    ],
    ids=["number", "urn", "relative-permalink", "ftp", "web-address", "relative-link-beside"],
)
def test_a_guid_becomes_the_link_only_when_it_is_a_web_address(guid_only, index, url, guid):
    assert (guid_only[index].url, guid_only[index].guid) == (url, guid)


def test_linkless_items_keep_distinct_ids_from_their_guids(guid_only):
    items = [normalise(entry, ORIGIN) for entry in guid_only[:4]]
    assert [item.url for item in items] == ["", "", "", ""]
    assert len({item.id for item in items}) == 4


def test_an_atom_id_that_is_no_address_does_not_become_the_link():
    body = atom_document("<entry><title>Entrée</title><id>12345</id></entry>")
    (entry,) = feed.parse(SOURCE, body, url="https://exemple.test/flux.atom")
    assert (entry.url, entry.guid) == ("", "12345")


# --- Relative addresses in HTML point at the source site -----------------------------------

IMAGES_FEED = "https://flux.exemple.test/batiment.rss"


@pytest.fixture
def relative_images():
    return [normalise(entry, ORIGIN) for entry in parse("images-relatives.rss", url=IMAGES_FEED)]


def test_relative_images_and_links_resolve_against_the_entry_link(relative_images):
    html = relative_images[0].content_html
    assert 'src="https://exemple.test/images/couvreurs.jpg"' in html
    assert 'href="https://exemple.test/batiment/2026/fiche-couvreur.html"' in html


def test_an_unsafe_link_is_still_dropped_by_the_sanitiser(relative_images):
    assert "javascript" not in relative_images[0].content_html
    assert ">brochure</a>" in relative_images[0].content_html


def test_without_an_entry_link_relative_images_resolve_against_the_feed_url(relative_images):
    assert 'src="https://flux.exemple.test/images/plaquistes.png"' in (
        relative_images[1].content_html
    )


def test_json_feed_relative_images_resolve_against_the_item_url_else_the_feed_url():
    items = [normalise(entry, ORIGIN)
             for entry in parse("offres-images.json", url="https://flux.exemple.test/o.json")]
    assert 'src="https://exemple.test/images/peintre.jpg"' in items[0].content_html
    assert 'href="https://exemple.test/offres/2026/programme.html"' in items[0].content_html
    assert 'src="https://flux.exemple.test/images/carreleur.png"' in items[1].content_html


def test_a_declared_xml_base_wins_over_the_entry_link():
    body = atom_document(
        '<entry xml:base="https://medias.exemple.test/2026/"><title>Entrée</title>'
        '<id>tag:exemple.test,2026:e</id><link href="https://exemple.test/a/b.html"/>'
        '<content type="html">&lt;img src="photo.jpg"&gt;</content></entry>'
    )
    (entry,) = feed.parse(SOURCE, body, url=IMAGES_FEED)
    assert 'src="https://medias.exemple.test/2026/photo.jpg"' in normalise(
        entry, ORIGIN).content_html


# End to end: the fixtures served on loopback, through the pipeline into the store.
def test_feeds_are_stored_with_text_titles_web_links_and_absolute_images(instance, feed_server):
    for name in ("titres-texte.atom", "guid-sans-lien.rss", "images-relatives.rss"):
        with instance.engine.begin() as conn:
            watched = source_store.add(conn, make_source(feed_server.url(f"/feeds/{name}")))
        assert pipeline.run_source(instance, watched).error is None
    with instance.engine.connect() as conn:
        stored = {item.title: item for item, _ in item_store.iter_all(conn)}
    assert "Les métiers <en tension> en Moselle" in stored
    assert stored["Agents d'entretien : 12 postes à Forbach"].url == ""
    plaquistes = stored["Plaquistes : les inscriptions sont ouvertes"].content_html
    assert f'src="{feed_server.url("/feeds/images/plaquistes.png")}"' in plaquistes
    couvreurs = stored["Couvreurs : un chantier-école sur les toits de Nancy"].content_html
    assert 'src="https://exemple.test/images/couvreurs.jpg"' in couvreurs
