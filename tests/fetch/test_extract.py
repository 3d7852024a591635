"""Main-text extraction, on the article pages of tests/data/articles.

Each NAME.html comes with NAME.expected.txt (the article's paragraphs, blank-line separated)
and NAME.boilerplate.txt (text of the page around the article, one piece a line).
Texts are compared as word sequences: the sanitiser's spacing around tags does not count.
"""

import re
from dataclasses import dataclass

import pytest

from tests.conftest import DATA
from veille.errors import ConfigError
from veille.fetch.extract import extract_main_html
from veille.text.html import collapse, html_to_text

ARTICLES = DATA / "articles"
URL = "https://www.example.org/actualites/2024/article.html"
_WORDS = re.compile(r"\w+")
_FIRST_SENTENCE = re.compile(r".+?[.!?](?=\s|$)|.+")
# What scripts, JSON-LD and styles of the fixtures hold; none of it is text for a reader.
CODE_MARKERS = ("dataLayer", "googletag", "articleConfig", "@context", "JSONLD_KEYWORD_MARKER",
                "BREADCRUMB_JSONLD_MARKER", "SCRIPT_TAIL_MARKER", "_gaq", "font-size",
                "function", "window.")
_HANDLER = re.compile(r"\son\w+\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """A fixture, with what the guess is known to get wrong on it (bench/extraction.py)."""

    name: str
    lost: tuple[str, ...] = ()  # paragraphs it drops, by their beginning
    leaks: tuple[str, ...] = ()  # lines of NAME.boilerplate.txt it lets through


SIDEBAR_TEASERS = ("Réunion d'information création d'entreprise", "Nuit de l'orientation",
                   "registre national des entreprises")
PAGES = [
    Page("blog"),
    Page("breve"),
    Page("centre-formation"),
    # trafilatura keeps to the element marked as the body and drops the lead placed before it.
    Page("journal-regional", lost=("Entre Metz et Thionville",)),
    Page("ministere"),
    Page("scripts-jsonld"),
    Page("tableau"),
    # Columns named in French escape trafilatura's boilerplate rules: the right column's
    # teasers come along with the article. Such a source gets a selector (see below).
    Page("contenu", leaks=SIDEBAR_TEASERS),
]
NAMES = [page.name for page in PAGES]


def words(text: str) -> str:
    return f" {' '.join(_WORDS.findall(text))} "


def fixture(name: str) -> bytes:
    return (ARTICLES / f"{name}.html").read_bytes()


def first_sentences(name: str) -> list[str]:
    text = (ARTICLES / f"{name}.expected.txt").read_text("utf-8")
    paragraphs = [collapse(p) for p in text.split("\n\n") if p.strip()]
    return [_FIRST_SENTENCE.match(p).group(0) for p in paragraphs]


def boilerplate(name: str) -> list[str]:
    lines = (ARTICLES / f"{name}.boilerplate.txt").read_text("utf-8").splitlines()
    return [line for line in lines if line.strip()]


def missing(sentences: list[str], text: str) -> list[str]:
    return [s for s in sentences if words(s) not in words(text)]


@pytest.mark.parametrize("page", PAGES, ids=NAMES)
def test_keeps_the_first_sentence_of_every_paragraph(page: Page) -> None:
    text = html_to_text(extract_main_html(fixture(page.name), URL))
    expected = [s for s in first_sentences(page.name) if not s.startswith(page.lost)]
    assert missing(expected, text) == []


@pytest.mark.parametrize("page", PAGES, ids=NAMES)
def test_leaves_out_the_text_around_the_article(page: Page) -> None:
    text = words(html_to_text(extract_main_html(fixture(page.name), URL)))
    leaked = [piece for piece in boilerplate(page.name) if words(piece) in text]
    assert [piece for piece in leaked if piece not in page.leaks] == []


def test_a_selector_keeps_out_what_the_guess_lets_through() -> None:
    text = html_to_text(extract_main_html(fixture("contenu"), URL, "div.contenu"))
    assert missing(first_sentences("contenu"), text) == []
    assert [piece for piece in SIDEBAR_TEASERS if words(piece) in words(text)] == []


@pytest.mark.parametrize("selector", [None, "body"], ids=["guess", "whole-body"])
@pytest.mark.parametrize("name", NAMES)
def test_scripts_json_ld_and_handlers_never_come_through(name: str, selector: str | None) -> None:
    html = extract_main_html(fixture(name), URL, selector)
    text = html_to_text(html)
    assert html and [m for m in CODE_MARKERS if m in html or m in text] == []
    assert "<script" not in html and "<iframe" not in html and "javascript:" not in html
    assert not _HANDLER.search(html)


def test_a_selected_element_is_sanitised() -> None:
    page = b"""<html><body><div id="a">
      <p onclick="steal()">Le forum de l'alternance a lieu samedi au lycee Loritz de Nancy.</p>
      <img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">Inscription</a>
      <script>alert(2)</script><iframe src="https://evil.example/"></iframe>
      <form action="/x"><input name="q"></form></div></body></html>"""
    html = extract_main_html(page, URL, "#a")
    assert "Le forum de l'alternance a lieu samedi" in html
    assert "alert" not in html and "steal" not in html and "<iframe" not in html
    assert not _HANDLER.search(html) and "<form" not in html and "<input" not in html


@pytest.mark.parametrize(("name", "selector", "present", "absent"), [
    # The first match, whatever a heuristic would think of it: here a sidebar widget.
    ("breve", "section.widget", "Estac : le club officialise",
     "Offres d'emploi de la semaine"),
    ("breve", ".widget-emploi .offre", "Soudeur TIG", "Auxiliaire de vie"),
    ("contenu", "#colonne-droite", "Nuit de l'orientation", "Vous êtes à la recherche"),
    ("tableau", "table", "Aides à domicile et aides ménagères 6 850 82 %", "Le tableau"),
])
def test_a_selector_takes_its_first_match_as_it_is(
    name: str, selector: str, present: str, absent: str
) -> None:
    text = words(html_to_text(extract_main_html(fixture(name), URL, selector)))
    assert words(present) in text
    assert words(absent) not in text


@pytest.mark.parametrize(("content", "selector"), [
    (fixture("contenu"), "article"),  # an old page: no <article> at all
    (fixture("blog"), "div.introuvable"),
    (fixture("scripts-jsonld"), "script[type='application/ld+json']"),
    (b'<div class="contenu"><script>var x = 1;</script></div>', "div.contenu"),
    (b"", "div.contenu"),
])
def test_a_selector_without_article_text_gives_nothing(content: bytes, selector: str) -> None:
    assert extract_main_html(content, URL, selector) == ""


@pytest.mark.parametrize("selector", ["div[", "p >> a", "::before", "#1a", "   ", "a:nope"])
@pytest.mark.parametrize("content", [b"", fixture("blog")], ids=["empty", "page"])
def test_an_invalid_selector_is_a_config_error(content: bytes, selector: str) -> None:
    with pytest.raises(ConfigError, match="the article selector (is not a valid|must be a)"):
        extract_main_html(content, URL, selector)


def test_an_empty_selector_means_none() -> None:
    assert extract_main_html(fixture("blog"), URL, "") == extract_main_html(fixture("blog"), URL)


@pytest.mark.parametrize("content", [
    b"",
    b"  \n\t ",
    bytes(range(256)) * 4,
    b"\x00" * 200,
    "Une phrase seule, sans balise.".encode(),
    b"<!doctype html><html><head><title>Vide</title></head><body></body></html>",
    b"<html><body><script>document.write('Bonjour et bienvenue sur notre site');</script>",
    b"<nav><ul><li><a href='/'>Accueil</a></li><li><a href='/emploi'>Emploi</a></li></ul></nav>",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300),
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" * 5,
    b'{"titre": "Forum", "offres": [1, 2, 3]}',
    "<p>é</p>".encode("utf-16"),
], ids=["empty", "blank", "all-bytes", "nuls", "plain-text", "empty-page", "script-only",
        "nav-only", "png", "pdf", "json", "utf-16"])
def test_no_article_gives_nothing(content: bytes) -> None:
    assert extract_main_html(content, URL) == ""


_ARTICLE = (
    "<p>Les conseillères de l’Aube accompagnent les reconversions vers l’industrie, la santé et "
    "le bâtiment : une œuvre de longue haleine qui commence par un bilan des compétences.</p>"
    "<p>Chaque mois, une trentaine de personnes suivent l’atelier collectif de Troyes avant de "
    "choisir une formation qualifiante financée par la Région ou par leur compte personnel.</p>"
)


@pytest.mark.parametrize(("encoding", "meta", "content_type"), [
    ("utf-8", "", ""),
    ("utf-8", "", "text/html"),
    ("cp1252", '<meta charset="windows-1252">', ""),
    ("cp1252", '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', ""),
    ("cp1252", '<meta charset="utf-8">', "text/html; charset=windows-1252"),
    ("cp1252", '<meta charset="windows-1252">', "text/html; charset=x-inconnu"),
    ("utf-8", '<meta charset="x-inconnu">', 'text/html; charset="UTF-8"'),
    ("utf-8", '<meta charset="x-inconnu">', ""),
], ids=["default", "header-without-charset", "meta", "latin-1-as-browsers-read-it",
        "header-over-meta", "unknown-header", "quoted-header", "unknown-meta"])
def test_decodes_with_the_header_then_the_meta_then_utf8(
    encoding: str, meta: str, content_type: str
) -> None:
    page = f"<html><head>{meta}<title>t</title></head><body><article>{_ARTICLE}</article></body>"
    html = extract_main_html(page.encode(encoding), URL, content_type=content_type)
    assert "Les conseillères de l’Aube" in html and "une œuvre de longue haleine" in html


def test_an_iso_8859_1_page_reads_right() -> None:
    text = html_to_text(extract_main_html(fixture("contenu"), URL, "div.contenu", "text/html"))
    assert "Vous êtes à la recherche d'un apprenti pour la rentrée ?" in text


def test_relative_links_are_made_absolute_and_nofollow() -> None:
    page = ("<html><body><article><h1>Forum</h1>" + _ARTICLE.replace(
        "atelier collectif", '<a href="../ateliers/collectif.html">atelier collectif</a>'
    ) + "</article></body></html>").encode()
    html = extract_main_html(page, URL)
    assert 'href="https://www.example.org/actualites/ateliers/collectif.html"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize(("name", "markup"), [
    ("tableau", "<td>Aides-soignants</td>"),
    ("ministere", "<li>les savoirs de base"),
    ("blog", "<h2>Chercher les preuves</h2>"),
])
def test_the_article_keeps_its_structure(name: str, markup: str) -> None:
    assert markup in extract_main_html(fixture(name), URL)
