"""Normalisation: safe HTML, canonical URLs, dates, titles, tags and stable ids."""

from datetime import UTC, datetime, timedelta

import pytest

from veille.models import Entry
from veille.processing import (
    Origin,
    canonical_url,
    clean_html,
    html_to_text,
    item_id,
    normalise,
    normalise_tags,
    shorten,
)

FETCHED = datetime(2026, 3, 20, 8, 0, tzinfo=UTC)
ORIGIN = Origin(source="Emploi Grand Est", fetched=FETCHED, source_id=3,
                namespace="https://exemple.test/flux.rss")


@pytest.mark.parametrize(
    "markup, forbidden",
    [
        ("<p>Offre<script>alert(1)</script></p>", "<script"),
        ("<p>Offre<script>alert(1)</script></p>", "alert"),
        ('<p onclick="steal()">Offre</p>', "onclick"),
        ('<img src="https://exemple.test/a.png" onerror="alert(2)">', "onerror"),
        ('<a href="javascript:alert(1)">Voir</a>', "javascript:"),
        ('<A HREF="JaVaScRiPt:alert(1)">Voir</A>', "alert"),
        ('<a href="data:text/html,&lt;script&gt;">Voir</a>', "data:"),
        ('<iframe src="https://exemple.test/"></iframe>', "<iframe"),
        ("<style>body { display: none }</style><p>Offre</p>", "display"),
        ('<form action="https://exemple.test/"><input name="q"></form>', "<form"),
        ('<svg onload="alert(1)"></svg>', "onload"),
    ],
)
def test_clean_html_removes_what_could_run_or_restyle(markup, forbidden):
    assert forbidden not in clean_html(markup).lower()


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Un <strong>forum</strong> de <em>recrutement</em></p>",
        "<h2>À retenir</h2><ul><li>Les droits</li></ul>",
        "<blockquote>Citation</blockquote>",
        "<table><tbody><tr><td>CAP</td></tr></tbody></table>",
    ],
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
