"""Normalisation: safe HTML, canonical URLs, dates, titles, tags and stable ids."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from veille.collect import processing
from veille.collect.processing import (
    Origin,
    capped_html,
    item_id,
    normalise,
    normalise_authors,
    normalise_enclosures,
)
from veille.collectors import feed, jsonl
from veille.models import Entry, Source
from veille.text import html, labels, urls
from veille.text.html import clean_html, html_to_text, shorten
from veille.text.labels import normalise_tags
from veille.text.urls import canonical_url

FETCHED = datetime(2026, 3, 20, 8, 0, tzinfo=UTC)
ORIGIN = Origin(source="Emploi Grand Est", fetched=FETCHED, source_id=3,
                namespace="https://exemple.test/flux.rss")


HOSTILE = [
    # (what it tries, markup, what must not come out)
    ("script", "<p>Offre<script>alert(1)</script></p>", "<script"),
    ("script-body", "<p>Offre<script>alert(1)</script></p>", "alert"),
    ("script-uppercase", "<SCRIPT SRC=https://evil.test/x.js></SCRIPT>", "evil"),
    ("script-in-template", "<template><script>alert(1)</script></template>", "alert"),
    ("style-element", "<style>body { display: none }</style><p>Offre</p>", "display"),
    ("style-import", '<style>@import "https://evil.test/x.css";</style>', "evil"),
    ("style-attribute", '<p style="position:fixed;top:0">Offre</p>', "style"),
    ("link-stylesheet", '<link rel="stylesheet" href="https://evil.test/x.css">', "evil"),
    ("onclick", '<p onclick="steal()">Offre</p>', "onclick"),
    ("onerror", '<img src="https://exemple.test/a.png" onerror="alert(2)">', "onerror"),
    ("onload-svg", '<svg onload="alert(1)"></svg>', "onload"),
    ("onmouseover-unquoted", "<b onmouseover=alert(1)>Offre</b>", "alert"),
    ("ontoggle", '<details open ontoggle="alert(1)"><summary>s</summary></details>', "alert"),
    ("form", '<form action="https://evil.test/"><p>Offre</p></form>', "<form"),
    ("input", '<input type="password" name="mdp">', "<input"),
    ("button", '<button formaction="https://evil.test/">Envoyer</button>', "<button"),
    ("textarea", "<textarea>t</textarea>", "<textarea"),
    ("select", "<select><option>o</option></select>", "<select"),
    ("iframe", '<iframe src="https://exemple.test/"></iframe>', "<iframe"),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "alert"),
    ("object", '<object data="https://evil.test/x.swf"></object>', "<object"),
    ("embed", '<embed src="https://evil.test/x.swf">', "<embed"),
    ("frameset", '<frameset><frame src="https://evil.test/"></frameset>', "<frame"),
    ("base", '<base href="https://evil.test/">', "<base"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.test/">', "refresh"),
    ("math", '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "javascript"),
    ("svg-link", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript"),
    ("href-javascript", '<a href="javascript:alert(1)">Voir</a>', "javascript:"),
    ("href-javascript-case", '<A HREF="JaVaScRiPt:alert(1)">Voir</A>', "alert"),
    ("href-javascript-tab", '<a href="java\tscript:alert(1)">Voir</a>', "alert"),
    ("href-javascript-entity", '<a href="&#106;avascript:alert(1)">Voir</a>', "alert"),
    ("href-javascript-hex-entity", '<a href="&#x6A;avascript:alert(1)">Voir</a>', "alert"),
    ("href-javascript-space", '<a href=" javascript:alert(1)">Voir</a>', "alert"),
    ("href-vbscript", '<a href="vbscript:msgbox(1)">Voir</a>', "vbscript"),
    ("href-data", '<a href="data:text/html,&lt;script&gt;">Voir</a>', "data:"),
    ("src-javascript", '<img src="javascript:alert(1)">', "javascript"),
    ("src-data", '<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
    ("srcset-data", '<img src="https://exemple.test/a.png" srcset="data:image/png;base64,AA 2x">',
     "data:"),
    ("srcset", '<img src="https://exemple.test/a.png" srcset="https://evil.test/b.png 2x">',
     "evil"),
    ("cite-javascript", '<blockquote cite="javascript:alert(1)">Citation</blockquote>',
     "javascript"),
    ("cite-data", '<q cite="data:text/html,x">Citation</q>', "data:"),
    ("video-poster", '<video poster="javascript:alert(1)" src="https://evil.test/v.mp4"></video>',
     "evil"),
    ("audio", '<audio src="https://evil.test/a.mp3" autoplay></audio>', "evil"),
    ("area", '<map><area href="javascript:alert(1)"></map>', "javascript"),
    ("formaction", '<a href="https://exemple.test/" formaction="javascript:alert(1)">x</a>',
     "javascript"),
    ("class-and-id", '<p class="admin-banner" id="login">Offre</p>', "admin"),
    ("noscript-breakout", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
     "onerror"),
    ("comment", "<p>Offre<!-- <script>alert(1)</script> --></p>", "alert"),
]


@pytest.mark.parametrize("markup, forbidden", [case[1:] for case in HOSTILE],
                         ids=[case[0] for case in HOSTILE])
def test_clean_html_removes_what_could_run_restyle_submit_or_load_elsewhere(markup, forbidden):
    assert forbidden not in clean_html(markup).lower()


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Un <strong>forum</strong> de <em>recrutement</em></p>",
        "<h1>Titre</h1><h2>À retenir</h2><h3>Détail</h3><h6>Note</h6>",
        "<ul><li>Les droits</li></ul><ol start=\"3\"><li>Trois</li></ol>",
        "<dl><dt>CAP</dt><dd>Certificat d'aptitude professionnelle</dd></dl>",
        "<blockquote>Citation</blockquote>",
        "<table><tbody><tr><td>CAP</td></tr></tbody></table>",
        "<table><caption>Places</caption><thead><tr><th scope=\"col\">Ville</th></tr></thead>"
        "<tbody><tr><td colspan=\"2\">Metz</td></tr></tbody>"
        "<tfoot><tr><td>Total</td></tr></tfoot></table>",
        '<img src="https://exemple.test/a.png" alt="Atelier" width="300" height="200">',
        '<img src="http://exemple.test/a.png">',
        "<pre><code>veille collect --all</code></pre>",
        "<p>Ligne<br>suivante</p><hr>",
    ],
    ids=["emphasis", "headings", "lists", "definitions", "blockquote", "table", "full-table",
         "https-image", "http-image", "code", "breaks"],
)
def test_clean_html_keeps_safe_markup(markup):
    assert clean_html(markup) == markup


@pytest.mark.parametrize(
    "href", ["https://exemple.test/offres", "http://exemple.test/offres", "mailto:rh@exemple.test"]
)
def test_clean_html_keeps_web_and_mail_links_and_marks_them_nofollow(href):
    cleaned = clean_html(f'<a href="{href}">Voir</a>')
    assert f'href="{href}"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_clean_html_turns_plain_text_into_escaped_paragraphs():
    text = "Salaires & primes > 5 %\n\nSecond paragraphe\nsur deux lignes"
    assert clean_html(text) == (
        "<p>Salaires &amp; primes &gt; 5 %</p><p>Second paragraphe\nsur deux lignes</p>"
    )


def test_clean_html_escapes_a_lone_angle_bracket_in_plain_text():
    assert clean_html("Taux < 5 % et x <3 y") == "<p>Taux &lt; 5 % et x &lt;3 y</p>"


@pytest.mark.parametrize("empty", ["", "\n\n  \n"])
def test_clean_html_of_nothing_is_nothing(empty):
    assert clean_html(empty) == ""


def test_html_to_text_collapses_spaces_between_blocks():
    assert html_to_text("<p>Un</p>\n<p>deux  <b>trois</b></p>") == "Un deux trois"


@pytest.mark.parametrize("text", [
    "Un\n\nDeux  trois", "a < b & c > d", "l'« emploi » \"cité\"", "&amp; déjà échappé &lt;",
    "&nbsp;&eacute; &#233; &amp", "tab\there\r\nline\u00a0nbsp", "", "   \n\n  ",
    "<b>pas du HTML</b> ici", "x\x00y\u200bz\u00adw",
])
def test_plain_text_made_html_reads_back_as_the_html_parser_reads_it(text):
    made = html.text_to_html(text)
    parsed = html.collapse(BeautifulSoup(made, "html.parser").get_text(" "))
    assert html_to_text(made) == parsed


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("court", 10, "court"),
        ("un deux trois quatre", 12, "un deux…"),
        ("un, deux, trois", 10, "un, deux…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary(text, limit, expected):
    assert shorten(text, limit) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://Exemple.TEST/Offres?id=3", "https://exemple.test/Offres?id=3"),
        ("HTTPS://EXEMPLE.TEST", "https://exemple.test/"),
        ("https://exemple.test/a#commentaires", "https://exemple.test/a"),
        ("https://exemple.test/a?utm_source=rss&utm_medium=feed", "https://exemple.test/a"),
        ("https://exemple.test/a?UTM_Campaign=x&id=3", "https://exemple.test/a?id=3"),
        ("https://exemple.test/a?xtor=RSS-1&fbclid=z&gclid=y", "https://exemple.test/a"),
        ("https://exemple.test/a?b=2&a=1", "https://exemple.test/a?b=2&a=1"),
        ("  https://exemple.test/a  ", "https://exemple.test/a"),
        ("http://exemple.test:8080/a", "http://exemple.test:8080/a"),
    ],
)
def test_canonical_url_drops_tracking_and_fragment_and_lowercases_the_host(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "ftp://exemple.test/a",
        "file:///etc/passwd",
        "mailto:rh@exemple.test",
        "data:text/html,x",
        "tag:exemple.test,2026:a",
        "/actualites/relative",
        "//exemple.test/sans-schema",
        "https://",
        "",
    ],
)
def test_canonical_url_is_empty_unless_http_or_https(url):
    assert canonical_url(url) == ""


def entry(**fields) -> Entry:
    base = {"title": "Soudeurs recherchés", "url": "https://exemple.test/soudeurs",
            "content": "<p>Le métier de soudeur reste en tension.</p>",
            "published": datetime(2026, 3, 18, 13, tzinfo=UTC)}
    return Entry(**(base | fields))


def test_normalise_fills_every_field_of_the_item():
    item = normalise(entry(tags=("Moselle",)), ORIGIN)
    assert (item.title, item.url, item.source, item.kind, item.source_id) == (
        "Soudeurs recherchés", "https://exemple.test/soudeurs", "Emploi Grand Est", "news", 3
    )
    assert (item.published, item.fetched) == (datetime(2026, 3, 18, 13, tzinfo=UTC), FETCHED)
    assert item.content_html == "<p>Le métier de soudeur reste en tension.</p>"
    assert item.content_text == item.summary == "Le métier de soudeur reste en tension."
    assert item.tags == ("moselle",)


def test_normalise_sanitises_the_content():
    item = normalise(entry(content='<p>Offre<script>alert(1)</script> <a href="javascript:x()">'
                                   "ici</a></p>"), ORIGIN)
    assert "script" not in item.content_html
    assert "javascript" not in item.content_html
    assert item.content_text == "Offre ici"


def test_a_future_date_is_clamped_to_the_fetch_time():
    item = normalise(entry(published=FETCHED + timedelta(days=30)), ORIGIN)
    assert item.published == FETCHED


def test_a_missing_date_is_left_for_the_store_to_date_at_first_sight():
    assert normalise(entry(published=None), ORIGIN).published is None


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_date_utc_has_no_year_for_is_left_for_the_store_to_date(published):
    assert normalise(entry(published=datetime.fromisoformat(published)), ORIGIN).published is None


def test_lone_surrogates_become_the_replacement_character_in_every_text():
    lone = "Sou\ud800deurs"
    item = normalise(entry(title=lone, content=f"<p>{lone}</p>", summary=lone, url="",
                           guid=lone, source=lone, tags=(lone,), authors=(lone,),
                           enclosures=({"url": f"https://exemple.test/{lone}.pdf"},)),
                     Origin(source=lone, fetched=FETCHED, tags=(lone,), namespace=lone))
    texts = [item.id, item.title, item.content_html, item.content_text, item.summary,
             item.source, *item.tags, *item.authors, item.enclosures[0]["url"]]
    assert all("\ud800" not in text for text in texts)
    assert (item.title, item.source, item.tags, item.authors) == (
        "Sou\ufffddeurs", "Sou\ufffddeurs", ("sou\ufffddeurs",), ("Sou\ufffddeurs",))


def test_a_surrogate_pair_becomes_its_character():
    assert normalise(entry(title="Emploi \ud83d\ude00"), ORIGIN).title == "Emploi \U0001f600"


def test_a_missing_title_falls_back_to_the_start_of_the_text():
    text = "Le métier de soudeur reste en tension en Moselle " * 4
    item = normalise(entry(title="", content=text), ORIGIN)
    assert item.title.startswith("Le métier de soudeur reste en tension")
    assert item.title.endswith("…")
    assert len(item.title) <= 81


def test_an_item_without_title_or_text_is_untitled():
    assert normalise(entry(title="", content=""), ORIGIN).title == "(sans titre)"


def test_a_title_with_markup_becomes_plain_text():
    item = normalise(entry(title="<b>Soudeurs</b> &amp; chaudronniers<script>x</script>"), ORIGIN)
    assert item.title == "Soudeurs & chaudronniers"


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Les métiers &lt;en tension&gt;", "Les métiers <en tension>"),
        ("Salaires &lt; SMIC &amp; primes", "Salaires < SMIC & primes"),
        ("Intérim : la mention &amp;lt;CDD&amp;gt;", "Intérim : la mention &lt;CDD&gt;"),
        ("Taux < 5 % & primes", "Taux < 5 % & primes"),
    ],
    ids=["escaped-brackets", "escaped-lt-and-amp", "escaped-entity", "bare-characters"],
)
def test_a_title_without_tags_is_still_read_as_markup(title, expected):
    """Collectors escape text titles: their escapes must read back as the text they hold."""
    assert normalise(entry(title=title), ORIGIN).title == expected


def test_a_given_summary_is_used_as_plain_text():
    item = normalise(entry(summary="<p>En <em>bref</em></p>"), ORIGIN)
    assert item.summary == "En bref"


def test_a_summary_that_repeats_a_long_content_is_shortened():
    text = "mot " * 200
    item = normalise(entry(content=text, summary=text), ORIGIN)
    assert item.summary.endswith("…") and len(item.summary) <= 281


@pytest.mark.parametrize("field", ["title", "content", "summary", "source"])
def test_control_characters_are_removed_from_every_text(field):
    item = normalise(entry(**{field: "Sou\x00deur\x01s\x7f en\x0btension"}), ORIGIN)
    stored = " ".join([item.title, item.content_html, item.content_text, item.summary, item.source])
    assert "Soudeurs entension" in stored
    assert not any(char in stored for char in "\x00\x01\x7f\x0b")


def test_a_source_name_with_markup_becomes_plain_text():
    item = normalise(entry(source="<i onmouseover=alert(4)>Pirate</i> &amp; Cie"), ORIGIN)
    assert item.source == "Pirate & Cie"


def test_a_missing_summary_is_the_shortened_text():
    text = "mot " * 200
    item = normalise(entry(content=text, summary=""), ORIGIN)
    assert item.summary.endswith("…")
    assert len(item.summary) <= 281


@pytest.mark.parametrize(
    "tags, expected",
    [
        (("Moselle", "moselle", " MOSELLE "), ("moselle",)),
        (("BTP, Moselle",), ("btp", "moselle")),
        (("a,,b", ",", "  "), ("a", "b")),
        (("transition  écologique",), ("transition écologique",)),
        ((), ()),
    ],
)
def test_tags_are_trimmed_lowercased_split_on_commas_and_deduplicated(tags, expected):
    assert normalise_tags(tags) == expected


def test_the_origin_tags_come_first_then_the_entry_tags():
    origin = Origin(source="S", fetched=FETCHED, tags=("Grand Est", "emploi"))
    item = normalise(entry(tags=("Emploi", "Moselle")), origin)
    assert item.tags == ("grand est", "emploi", "moselle")


def test_the_entry_source_and_kind_win_over_the_origin():
    item = normalise(entry(source="Import", kind="resource"), ORIGIN)
    assert (item.source, item.kind) == ("Import", "resource")


def test_a_given_id_is_kept():
    assert normalise(entry(id="imp-001"), ORIGIN).id == "imp-001"


def test_the_same_url_gives_the_same_id_from_any_source():
    other = Origin(source="Autre", fetched=FETCHED + timedelta(days=1),
                   namespace="https://autre.test/")
    first = normalise(entry(url="https://exemple.test/a?utm_source=x", title="Un"), ORIGIN)
    second = normalise(entry(url="https://EXEMPLE.test/a#top", title="Deux", guid="g"), other)
    assert first.id == second.id == item_id("https://exemple.test/a", "")


def test_different_urls_give_different_ids():
    assert normalise(entry(url="https://exemple.test/a"), ORIGIN).id != normalise(
        entry(url="https://exemple.test/b"), ORIGIN
    ).id


def test_without_url_the_id_comes_from_the_namespace_and_guid():
    first = normalise(entry(url="", guid="item-1", title="Un"), ORIGIN)
    retitled = normalise(entry(url="", guid="item-1", title="Deux"), ORIGIN)
    other_feed = normalise(entry(url="", guid="item-1"), Origin(
        source="Emploi Grand Est", fetched=FETCHED, namespace="https://autre.test/flux.rss"))
    assert first.id == retitled.id
    assert first.id != other_feed.id


def test_without_url_or_guid_the_id_comes_from_the_title():
    same = normalise(entry(url="", title="Un"), ORIGIN).id
    assert same == normalise(entry(url="", title="Un", content="autre"), ORIGIN).id
    assert same != normalise(entry(url="", title="Deux"), ORIGIN).id


def test_an_unsafe_url_is_dropped_and_the_id_falls_back_to_the_guid():
    item = normalise(entry(url="javascript:alert(1)", guid="g1"), ORIGIN)
    assert item.url == ""
    assert item.id == normalise(entry(url="", guid="g1"), ORIGIN).id


@pytest.mark.parametrize("url", ["http://[::1/a", "https://[exemple.test/a"])
def test_canonical_url_of_a_malformed_host_is_empty(url):
    assert canonical_url(url) == ""


def test_canonical_url_of_an_address_longer_than_the_cap_is_empty():
    base = "https://exemple.test/a?q="
    assert canonical_url(base + "x" * (urls.URL_CHARS - len(base))) != ""
    assert canonical_url(base + "x" * (urls.URL_CHARS - len(base) + 1)) == ""


def test_an_entry_url_longer_than_the_cap_is_dropped():
    assert normalise(entry(url="https://exemple.test/" + "a" * 3000), ORIGIN).url == ""


def test_shorten_never_exceeds_its_limit_even_without_spaces():
    assert shorten("x" * 50, 10) == "x" * 9 + "…"


# --- Plain-text entries ----------------------------------------------------------------------

def test_plain_text_content_is_shown_literally():
    item = normalise(entry(content="<b>hi</b> & <script>x()</script>", content_is_text=True),
                     ORIGIN)
    assert item.content_html == (
        "<p>&lt;b&gt;hi&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;</p>"
    )
    assert item.content_text == "<b>hi</b> & <script>x()</script>"


def test_the_summary_of_a_plain_text_entry_is_shown_literally():
    item = normalise(entry(content="Texte", summary="<i>En bref</i>", content_is_text=True),
                     ORIGIN)
    assert item.summary == "<i>En bref</i>"


def test_the_summary_of_an_html_entry_is_read_as_html():
    assert normalise(entry(summary="<i>En bref</i>"), ORIGIN).summary == "En bref"


# --- Caps on field lengths and counts -------------------------------------------------------

def test_a_title_is_cut_at_the_cap():
    item = normalise(entry(title="Soudeurs recherchés " * 100), ORIGIN)
    assert len(item.title) <= processing.TITLE_CHARS
    assert item.title.startswith("Soudeurs recherchés Soudeurs") and item.title.endswith("…")


LINKS = '<p><a href="https://exemple.test/x">lien</a> d&eacute;j&agrave; vu</p>\n'


@pytest.mark.parametrize(
    "content, is_text",
    [(LINKS * 40_000, False), ("déjà <vu> & revu " * 100_000, True), ("mot " * 400_000, False)],
    ids=["html", "plain-text", "text-without-tags"],
)
def test_content_html_is_cut_to_the_cap(content, is_text):
    size = len(capped_html(content, is_text=is_text).encode())
    assert processing.CONTENT_HTML_BYTES - 1000 < size <= processing.CONTENT_HTML_BYTES


def test_content_html_cut_at_the_cap_never_splits_a_tag_or_an_entity():
    html = capped_html(LINKS * 40_000)
    assert html.count("<a ") == html.count("</a>")
    assert html.count("<p>") == html.count("</p>")
    assert "&lt;" not in html and "&amp;" not in html
    assert html.endswith("</p>")


def test_normalised_content_is_cut_to_the_cap_and_its_text_follows():
    item = normalise(entry(content=LINKS * 40_000), ORIGIN)
    assert len(item.content_html.encode()) <= processing.CONTENT_HTML_BYTES
    assert item.content_text.endswith("lien déjà vu")


def test_content_under_the_cap_is_left_whole():
    assert capped_html(LINKS * 10) == clean_html(LINKS * 10)
    assert capped_html(LINKS * 10).count("<a ") == 10


def test_at_most_the_first_fifty_tags_are_kept():
    tags = tuple(f"tag {number}" for number in range(80))
    assert normalise_tags(tags) == tags[: labels.TAGS_MAX]


def test_a_tag_longer_than_the_cap_is_dropped_not_cut():
    long_tag = "t" * (labels.TAG_CHARS + 1)
    assert normalise_tags(("emploi", long_tag, "t" * labels.TAG_CHARS)) == (
        "emploi", "t" * labels.TAG_CHARS
    )


@pytest.mark.parametrize(
    "authors, expected",
    [
        (("Marie Curie", " Marie  Curie ", "MARIE CURIE"), ("Marie Curie",)),
        (("<b>Léa</b> Simon", "", "  "), ("Léa Simon",)),
        (("Anne\x00 Petit",), ("Anne Petit",)),
        ((), ()),
    ],
    ids=["duplicates-whatever-their-case", "markup-and-blanks", "control-characters", "none"],
)
def test_authors_are_plain_one_line_names_once_each(authors, expected):
    assert normalise_authors(authors) == expected


def test_at_most_twenty_authors_of_at_most_two_hundred_characters_are_kept():
    authors = normalise_authors(tuple(f"Auteur {n} " + "nom " * 100 for n in range(30)))
    assert len(authors) == processing.AUTHORS_MAX
    assert all(len(author) <= processing.AUTHOR_CHARS for author in authors)
    assert authors[0].startswith("Auteur 0 nom")


PDF = {"url": "https://exemple.test/fiche.pdf", "type": "application/pdf", "length": 2048}


@pytest.mark.parametrize(
    "enclosures, expected",
    [
        ((PDF,), (PDF,)),
        ((PDF, PDF | {"type": "", "length": None}), (PDF,)),
        ((PDF | {"url": " https://exemple.test/fiche.pdf "},), (PDF,)),
        ((PDF | {"url": "javascript:alert(1)"},), ()),
        ((PDF | {"url": "data:application/pdf;base64,AAAA"},), ()),
        ((PDF | {"url": "/fiche.pdf"},), ()),
        ((PDF | {"url": "https://exemple.test/" + "a" * 3000},), ()),
        ((PDF | {"url": None},), ()),
        ((PDF | {"type": "Application/PDF"},), (PDF,)),
        ((PDF | {"type": "<script>"},), (PDF | {"type": ""},)),
        ((PDF | {"type": 3},), (PDF | {"type": ""},)),
        ((PDF | {"length": -1},), (PDF | {"length": None},)),
        ((PDF | {"length": "2048"},), (PDF | {"length": None},)),
        ((PDF | {"length": True},), (PDF | {"length": None},)),
        (({"url": PDF["url"]},), (PDF | {"type": "", "length": None},)),
        (("https://exemple.test/fiche.pdf", PDF), (PDF,)),
    ],
    ids=["kept", "duplicate-url", "spaces", "javascript", "data", "relative", "too-long",
         "no-url", "type-case", "type-not-a-media-type", "type-not-text", "negative-length",
         "length-as-text", "length-boolean", "bare", "not-a-dict"],
)
def test_enclosures_keep_web_urls_media_types_and_byte_counts_only(enclosures, expected):
    assert normalise_enclosures(enclosures) == expected


def test_at_most_twenty_enclosures_are_kept():
    enclosures = tuple(PDF | {"url": f"https://exemple.test/{n}.pdf"} for n in range(30))
    assert normalise_enclosures(enclosures) == enclosures[: processing.ENCLOSURES_MAX]


def test_normalise_cleans_authors_and_enclosures_of_the_entry():
    item = normalise(entry(authors=("Léa", "léa"), enclosures=(PDF, {"url": "ftp://x/y"})),
                     ORIGIN)
    assert (item.authors, item.enclosures) == (("Léa",), (PDF,))


# Invisible characters that change what a text shows or how it reads: bidirectional
# controls (U+202E makes "Offre gpj.exe" look like "Offre exe.jpg"), zero-width spaces and
# joiners, the soft hyphen, the byte order mark, the word joiner, a tag character.
INVISIBLE = {
    "left-to-right embedding": "\u202a", "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c", "left-to-right override": "\u202d",
    "right-to-left override": "\u202e", "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067", "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069", "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f", "arabic letter mark": "\u061c",
    "zero width space": "\u200b", "zero width non-joiner": "\u200c",
    "zero width joiner": "\u200d", "soft hyphen": "\u00ad", "byte order mark": "\ufeff",
    "word joiner": "\u2060", "tag letter": "\U000e0041",
}


def carrying(char: str) -> Entry:
    """An entry read from a line of `veille import` whose every text holds `char`, raw and
    as an entity (authors too, which feeds give)."""
    dirty = f"Sou{char}deurs&#x{ord(char):x}; recherchés"
    line = json.dumps({"title": dirty, "content": f"<p>{dirty}</p>", "summary": dirty,
                       "source": dirty, "tags": [dirty], "url": "https://exemple.test/soudeurs"})
    return replace(jsonl.parse_line(line), authors=(dirty,))


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_leave_every_text_of_an_imported_item(char):
    item = normalise(carrying(char), ORIGIN)
    texts = [item.title, item.content_html, item.content_text, item.summary, item.source,
             *item.tags, *item.authors]
    assert [text for text in texts if char in text] == []
    assert item.title == item.summary == item.source == "Soudeurs recherchés"


def test_a_feed_title_loses_its_right_to_left_override():
    document = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                "<title>Flux</title><item><title>Offre \u202egpj.exe</title>"
                "<link>https://exemple.test/offre</link>"
                "<description>Offre &#x202E;gpj.exe</description></item></channel></rss>")
    (found,) = feed.parse(Source(name="Flux", url="https://exemple.test/flux.rss"),
                          document.encode("utf-8"), url="https://exemple.test/flux.rss")
    item = normalise(found, ORIGIN)
    assert (item.title, item.summary) == ("Offre gpj.exe", "Offre gpj.exe")


@pytest.mark.parametrize("text", [
    "Une mécanicienne 👩\u200d🔧 et un cœur ❤\ufe0f\u200d🔥",  # emoji sequences keep their joiner
    "Comptabilité en arabe : \u0627\u0644\u0645\u062d\u0627\u0633\u0628\u0629",
    "Tabulation\tet retour\nà la ligne",
])
def test_visible_text_keeps_its_characters(text):
    assert html.literal_text(text) == " ".join(text.split())
