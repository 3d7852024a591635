"""The page collector: listing web pages without a feed, read through CSS selectors."""

from datetime import datetime
from pathlib import Path

import pytest

from veille.collect import pipeline
from veille.collectors import COLLECTORS, page
from veille.errors import ConfigError, ParseError
from veille.index.search import SearchQuery
from veille.models import LOCAL_TIME, Source
from veille.sources.watchlist import make_source
from veille.store import items as item_store
from veille.store import sources as source_store
from veille.text.html import plain_text

PAGES = Path(__file__).parents[1] / "data" / "pages"
PAGE_URL = "https://site.test/actualites/liste.html"


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TIME)


def source(url: str = PAGE_URL, **selectors: str) -> Source:
    return Source(name="Fixture", url=url, kind="page", options={"page": selectors})


def parse_html(body: str, url: str = "", **selectors: str):
    """Parse a page given as text; `item` defaults to "article"."""
    selectors.setdefault("item", "article")
    return page.parse(source(**selectors), body.encode("utf-8"), url=url)


def only(body: str, **selectors: str):
    (entry,) = parse_html(body, **selectors)
    return entry


EMPLOI = (
    "emploi-territoire.html",
    "https://emploi.exemple.test/actualites/",
    {"item": "article"},
    [
        (
            "Job dating logistique à Pont-à-Mousson",
            "https://emploi.exemple.test/actualites/2026/03/job-dating-logistique",
            paris(2026, 3, 18, 9, 30),
        ),
        (
            "Aide à domicile : une session de recrutement sans CV",
            "https://emploi.exemple.test/actualites/2026/03/aide-a-domicile",
            paris(2026, 3, 10),
        ),
        (
            "Forum des métiers de l'industrie",
            "https://emploi.exemple.test/agenda/forum-industrie?utm_source=accueil",
            paris(2026, 2, 27, 14, 0),
        ),
        (
            "Bilan de l'emploi dans le bassin en 2025",
            "https://emploi.exemple.test/actualites/2026/02/bilan-emploi-bassin",
            None,
        ),
    ],
)
CENTRE = (
    "centre-formation.html",
    "https://cfa.exemple.test/actualites/index.php",
    {"item": "div.actu", "date": ".date"},
    [
        (
            "Titre professionnel de cuisinier : la session de printemps est ouverte",
            "https://cfa.exemple.test/actualites/actualite.php?id=128",
            paris(2026, 3, 12),
        ),
        (
            "Réunion d'information sur la VAE des métiers du soin",
            "https://cfa.exemple.test/actualites/actualite.php?id=131",
            paris(2026, 4, 1, 14, 30),
        ),
        (
            "Habilitations électriques : nouvelles dates",
            "https://cfa.exemple.test/formations/habilitations-electriques",
            None,
        ),
    ],
)
LATIN1 = (
    "competences-latin1.html",
    "https://competences.exemple.test/breves.html",
    {"item": "ul.breves > li", "date": "em"},
    [
        (
            "Compétences vertes : un diagnostic pour les PME",
            "https://competences.exemple.test/breves/competences-vertes.html",
            paris(2026, 3, 12),
        ),
        (
            "Permis de conduire : une aide de 500 € pour l’emploi",
            "https://competences.exemple.test/breves/aide-permis.html",
            paris(2026, 2, 3),
        ),
    ],
)


@pytest.mark.parametrize(
    "name, url, selectors, expected", [EMPLOI, CENTRE, LATIN1], ids=["emploi", "centre", "latin1"]
)
def test_each_fixture_page_gives_its_news_with_titles_links_and_dates(
    name, url, selectors, expected
):
    entries = page.parse(source(**selectors), (PAGES / name).read_bytes(), url=url)
    assert [(entry.title, entry.url, entry.published) for entry in entries] == expected


def test_the_summary_becomes_the_content_as_plain_text():
    name, url, selectors, _ = CENTRE
    entries = page.parse(source(**selectors), (PAGES / name).read_bytes(), url=url)
    assert entries[0].content == (
        "Quinze places pour préparer le titre en neuf mois, dont trois en entreprise."
    )
    assert entries[0].content_is_text and entries[0].kind == "news"


def test_the_collector_is_registered_for_the_page_kind():
    assert COLLECTORS["page"] is page.parse


# Defaults: what each part is when its selector is left out.
@pytest.mark.parametrize(
    "body, title",
    [
        ('<article><h2>Titre</h2><a href="/a">Lire</a></article>', "Titre"),
        ('<article><p>x</p><h4>Titre h4</h4><h2>Autre</h2><a href="/a">Lire</a></article>',
         "Titre h4"),
        ('<article><a href="/a">Titre du lien</a><p>Résumé</p></article>', "Titre du lien"),
        ('<article><h3>  Titre\n   sur <em>deux</em>\n lignes </h3><a href="/a">x</a></article>',
         "Titre sur deux lignes"),
    ],
)
def test_by_default_the_title_is_the_first_heading_else_the_first_link(body, title):
    assert only(body).title == title


def test_a_title_that_looks_like_markup_keeps_its_text():
    entry = only('<article><h2>Les métiers &lt;en tension&gt; &amp; la rentrée</h2>'
                 '<a href="/a">Lire</a></article>')
    assert plain_text(entry.title) == "Les métiers <en tension> & la rentrée"


def test_a_block_that_is_itself_a_link_is_its_own_link_and_title():
    entry = only('<a class="carte" href="/a"><span>Titre de la carte</span></a>', item="a.carte")
    assert (entry.url, entry.title) == ("https://site.test/a", "Titre de la carte")


def test_by_default_the_link_is_the_first_in_the_block():
    entry = only('<article><h2>T</h2><a href="/premier">1</a><a href="/second">2</a></article>')
    assert entry.url == "https://site.test/premier"


def test_by_default_the_summary_is_the_first_paragraph():
    body = '<article><a href="/a">T</a><p>Premier  <b>paragraphe</b>.</p><p>Second.</p></article>'
    assert only(body).content == "Premier paragraphe."


def test_by_default_the_date_is_the_first_time_element():
    body = """<article><a href="/a">T</a><time datetime="2026-03-02">2 mars</time>
        <time datetime="2026-03-09">9 mars</time></article>"""
    assert only(body).published == paris(2026, 3, 2)


def test_a_block_without_a_paragraph_has_no_content():
    assert only('<article><a href="/a">T</a></article>').content == ""


# Selectors given in the options.
BLOCK = """<div class="actu">
  <h2>Rubrique</h2><h3 class="titre">Le vrai titre</h3>
  <p>Accroche</p><div class="resume">Le résumé choisi</div>
  <a href="/partage">Partager</a>
  <span class="suite"><a href="/article-42">Lire la suite</a></span>
  <time datetime="2026-01-05">5 janvier</time><span class="maj">Mis à jour le 07/01/2026</span>
</div>"""


@pytest.mark.parametrize(
    "selectors, attribute, expected",
    [
        ({"title": "h3.titre"}, "title", "Le vrai titre"),
        ({"summary": ".resume"}, "content", "Le résumé choisi"),
        ({"link": ".suite a"}, "url", "https://site.test/article-42"),
        ({"link": "span.suite"}, "url", "https://site.test/article-42"),
        ({"date": ".maj"}, "published", paris(2026, 1, 7)),
    ],
)
def test_a_selector_given_in_the_options_picks_that_part(selectors, attribute, expected):
    entry = only(BLOCK, item="div.actu", **selectors)
    assert getattr(entry, attribute) == expected


@pytest.mark.parametrize(
    "selectors, attribute, expected",
    [
        ({"title": ".absent"}, "title", ""),
        ({"summary": ".absent"}, "content", ""),
        ({"date": ".absent"}, "published", None),
    ],
)
def test_a_selector_that_finds_nothing_in_a_block_leaves_that_part_empty(
    selectors, attribute, expected
):
    entry = only(BLOCK, item="div.actu", **selectors)
    assert getattr(entry, attribute) == expected


# Links.
@pytest.mark.parametrize(
    "href, url",
    [
        ("/emploi/forum", "https://site.test/emploi/forum"),
        ("forum.html", "https://site.test/actualites/forum.html"),
        ("../agenda/forum", "https://site.test/agenda/forum"),
        ("?id=12", "https://site.test/actualites/liste.html?id=12"),
        ("//autre.test/forum", "https://autre.test/forum"),
        ("http://autre.test/forum", "http://autre.test/forum"),
        ("  /forum\n", "https://site.test/forum"),
        ("/forum#commentaires", "https://site.test/forum"),
    ],
)
def test_a_link_resolves_against_the_url_the_page_was_fetched_from(href, url):
    assert only(f'<article><a href="{href}">T</a></article>', url=PAGE_URL).url == url


def test_without_a_fetch_url_links_resolve_against_the_source_url():
    entries = page.parse(source(item="article"), b'<article><a href="forum">T</a></article>')
    assert entries[0].url == "https://site.test/actualites/forum"


def test_a_base_element_changes_where_relative_links_start():
    body = '<head><base href="/cms/"></head><article><a href="forum">T</a></article>'
    assert only(body, url=PAGE_URL).url == "https://site.test/cms/forum"


@pytest.mark.parametrize(
    "href",
    ["javascript:void(0)", "JavaScript:ouvrir()", "mailto:accueil@site.test", "tel:+33312345678",
     "ftp://site.test/fichier", "#", "#haut", "", PAGE_URL],
)
def test_a_block_whose_only_link_cannot_be_followed_is_skipped(href):
    body = f'<article><a href="{href}">Sans lien</a></article><article><a href="/b">B</a></article>'
    assert [entry.title for entry in parse_html(body, url=PAGE_URL)] == ["B"]


def test_links_that_cannot_be_followed_give_way_to_the_next_one_in_the_block():
    body = """<article><h2>T</h2><a href="javascript:partager()">Partager</a>
        <a href="mailto:a@site.test">Écrire</a><a href="/article">Lire</a></article>"""
    assert only(body).url == "https://site.test/article"


@pytest.mark.parametrize(
    "second_href",
    ["/article", "https://site.test/article", "/article#suite"],
)
def test_the_same_link_twice_in_the_page_gives_one_entry_the_first(second_href):
    body = f"""<article><h2>À la une</h2><a href="/article">Lire</a></article>
        <article><h2>Dans la liste</h2><a href="{second_href}">Lire</a></article>"""
    assert [entry.title for entry in parse_html(body)] == ["À la une"]


# Dates.
@pytest.mark.parametrize(
    "date_html, published",
    [
        ('<time datetime="2026-03-12T10:00:00+01:00">hier</time>', paris(2026, 3, 12, 10)),
        ('<time datetime="12 mars">Publié le 13 mars 2026</time>', paris(2026, 3, 13)),
        ("<time>12/03/2026</time>", paris(2026, 3, 12)),
        ("<time>il y a trois jours</time>", None),
        ('<time datetime="">—</time>', None),
        ("", None),
    ],
)
def test_the_date_comes_from_the_datetime_attribute_else_the_text_else_none(date_html, published):
    assert only(f'<article><a href="/a">T</a>{date_html}</article>').published == published


# Character sets.
@pytest.mark.parametrize(
    "content, content_type",
    [
        ((PAGES / "competences-latin1.html").read_bytes(), ""),
        ((PAGES / "competences-latin1.html").read_bytes(), "text/html"),
        ((PAGES / "competences-latin1.html").read_bytes(), "text/html; charset=unknown-8"),
        ('<li><a href="/a">Compétences</a></li>'.encode("cp1252"), "text/html; charset=ISO-8859-1"),
        ('<meta charset="utf-8"><li><a href="/a">Compétences</a></li>'.encode("latin-1"),
         'text/html; charset="latin1"'),
        ('<meta charset="latin1"><li><a href="/a">Compétences</a></li>'.encode(),
         "text/html; charset=utf-8"),
        ('<li><a href="/a">Compétences</a></li>'.encode("utf-8-sig"), "text/html; charset=latin1"),
        ('<li><a href="/a">Compétences</a></li>'.encode("utf-16"), ""),
        ('<li><a href="/a">Compétences</a></li>'.encode(), ""),
        ('<meta charset="base64"><li><a href="/a">Compétences</a></li>'.encode(), ""),
    ],
    ids=["meta", "no-charset-in-header", "unknown-header-charset", "header",
         "latin1-header-over-utf8-meta", "utf8-header-over-latin1-meta", "byte-order-mark",
         "utf-16-bom", "utf-8-default", "non-text-codec-ignored"],
)
def test_the_page_is_decoded_by_bom_then_header_then_meta_then_utf8(content, content_type):
    entries = page.parse(source(item="li"), content, content_type=content_type)
    assert entries[0].title.startswith("Compétences")


def test_a_page_labelled_latin_1_is_read_as_windows_1252_as_browsers_do():
    content = '<li><a href="/a">Aide de 500 € pour l’emploi</a></li>'.encode("cp1252")
    (entry,) = page.parse(source(item="li"), content, content_type="text/html; charset=iso-8859-1")
    assert entry.title == "Aide de 500 € pour l’emploi"


def test_bytes_that_are_not_utf_8_in_an_undeclared_page_are_replaced_not_fatal():
    content = b'<li><a href="/a">Comp\xe9tences</a></li>'
    assert page.parse(source(item="li"), content)[0].title == "Comp\ufffdtences"


# Pages that give no entry.
def test_an_item_selector_matching_nothing_says_the_layout_probably_changed():
    with pytest.raises(ParseError, match=r"'div\.actu' matched no block.*layout"):
        parse_html('<article><a href="/a">T</a></article>', item="div.actu")


@pytest.mark.parametrize("body", ['<article><a href="/a">T</a></article>', "Bonjour",
                                  '<?xml version="1.0"?><rss version="2.0"/>',
                                  "<div class='actu'>Rien à suivre</div>"])
def test_a_page_without_its_news_is_an_error_of_the_kind_not_a_page(body):
    with pytest.raises(ParseError) as refused:
        parse_html(body, item="div.actu")
    assert refused.value.kind == "not_a_page"


def test_blocks_without_any_link_to_follow_point_at_the_link_selector():
    body = '<article><a href="mailto:a@site.test">T</a></article><article>Rien</article>'
    with pytest.raises(ParseError, match=r"2 block\(s\) matched 'article' but none has an http"):
        parse_html(body)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "no HTML markup"),
        (b"https://site.test/actualites.html", "no HTML markup"),
        (b"actualites.html", "no HTML markup"),
        ((Path(__file__).parents[1] / "data" / "feeds" / "emploi-grand-est.rss").read_bytes(),
         'XML document.*kind "feed"'),
    ],
)
def test_a_document_that_is_no_web_page_is_refused_saying_what_it_is(content, reason):
    with pytest.raises(ParseError, match=reason):
        page.parse(source(item="item"), content)


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    body = b"""<?xml version="1.0" encoding="utf-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><body>
        <article><a href="/a">Titre</a></article></body></html>"""
    assert [entry.title for entry in page.parse(source(item="article"), body)] == ["Titre"]


# Options.
@pytest.mark.parametrize(
    "options, message",
    [
        ({}, 'needs the option "page"'),
        ({"page": "article"}, 'needs the option "page"'),
        ({"page": {}}, '"item" is required'),
        ({"page": {"title": "h2"}}, '"item" is required'),
        ({"page": {"item": ""}}, "'item' must be a non-empty CSS selector"),
        ({"page": {"item": "   "}}, "'item' must be a non-empty CSS selector"),
        ({"page": {"item": 3}}, "'item' must be a non-empty CSS selector"),
        ({"page": {"item": "article", "date": ["time"]}}, "'date' must be a non-empty"),
        ({"page": {"item": "article", "titre": "h2"}}, "unknown page option 'titre'"),
        ({"page": {"item": "div[class"}}, r"'item' is not a valid CSS selector \('div\[class'\)"),
        ({"page": {"item": "article", "link": "a[href="}}, "'link' is not a valid CSS selector"),
        ({"page": {"item": "article", "title": "h2 >"}}, "'title' is not a valid CSS selector"),
        ({"page": {"item": "article", "summary": "p:nope"}}, "'summary' is not a valid CSS"),
    ],
)
def test_invalid_page_options_are_a_config_error_naming_the_key(options, message):
    with pytest.raises(ConfigError, match=message):
        page.validate_options(options)


def test_valid_page_options_come_back_trimmed_with_the_other_options_untouched():
    options = {"page": {"summary": " p.chapo ", "item": "div.actu "}, "autre": 1}
    assert page.validate_options(options) == {
        "page": {"item": "div.actu", "summary": "p.chapo"}, "autre": 1
    }


def test_parsing_with_invalid_options_is_a_config_error_for_the_source():
    with pytest.raises(ConfigError, match="'item' is not a valid CSS selector"):
        page.parse(source(item="div["), b'<article><a href="/a">T</a></article>')


# End to end: a loopback server, the pipeline, the store and the index.
def test_a_page_source_is_collected_into_the_store_and_the_index(instance, feed_server):
    body = (PAGES / "emploi-territoire.html").read_bytes()
    feed_server.put("/actualites.html", body, "text/html; charset=utf-8")
    watched = make_source(feed_server.url("/actualites.html"), kind="page", name="Emploi VdM",
                          options={"page": {"item": "article.carte"}})
    with instance.engine.begin() as conn:
        watched = source_store.add(conn, watched)

    report = pipeline.run_source(instance, watched)

    assert (report.error, report.fetched, report.new) == (None, 4, 4)
    with instance.engine.connect() as conn:
        stored = {item.title: item for item, _ in item_store.iter_all(conn)}
    forum = stored["Forum des métiers de l'industrie"]
    assert forum.url == feed_server.url("/agenda/forum-industrie")
    assert forum.published == paris(2026, 2, 27, 14, 0) and forum.source == "Emploi VdM"
    assert stored["Bilan de l'emploi dans le bassin en 2025"].published is not None
    found = instance.index.search(SearchQuery(q="caristes"))
    assert [hit.title for hit in found.hits] == ["Job dating logistique à Pont-à-Mousson"]


def test_a_block_dated_before_year_one_in_utc_is_kept_undated_with_the_others(instance,
                                                                              feed_server):
    """1 January of year 1 in Paris is still year 0 in UTC: no date the store can keep."""
    blocks = "".join(f'<article><h2>{title}</h2><a href="/a/{n}">lire</a><time>{day}</time>'
                     "</article>" for n, (title, day) in enumerate(
                         [("Forum de l'emploi", "12/03/2026"), ("Avant notre ère", "01/01/0001"),
                          ("Salon des métiers", "14/03/2026")]))
    feed_server.put("/dates.html", f"<html><body>{blocks}</body></html>".encode(),
                    "text/html; charset=utf-8")
    with instance.engine.begin() as conn:
        watched = source_store.add(conn, make_source(
            feed_server.url("/dates.html"), kind="page", options={"page": {"item": "article"}}))

    report = pipeline.run_source(instance, watched)

    assert (report.error, report.fetched, report.new) == (None, 3, 3)
    with instance.engine.connect() as conn:
        stored = {item.title: item for item, _ in item_store.iter_all(conn)}
    assert stored["Avant notre ère"].published == stored["Avant notre ère"].fetched
