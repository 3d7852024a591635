"""An item's article as its page shows it, below its title: the title is read once."""

import pytest

from veille.text.articleview import article_html

TITLE = "Pénurie de soudeurs dans l'industrie mosellane"
TEXT = "<p>Les entreprises recherchent des soudeurs.</p>"


def shown(content: str, title: str = TITLE) -> str:
    return article_html(content, "https://exemple.test/a", False, lambda alt: alt, title)


@pytest.mark.parametrize("opening", [
    f"<h1>{TITLE}</h1>",
    "<h2> Pénurie de soudeurs dans l’industrie  mosellane </h2>",
    f"<p><strong>{TITLE.upper()}</strong></p>",
    f"<div><header><h1>{TITLE}.</h1></header></div>",
])
def test_an_article_opening_with_its_title_is_shown_without_it(opening):
    assert shown(opening + TEXT) == TEXT


def test_a_block_holding_the_title_and_the_text_keeps_the_text():
    assert shown(f"<div><h1>{TITLE}</h1>{TEXT}</div>") == f"<div>{TEXT}</div>"


@pytest.mark.parametrize("content", [
    TEXT,
    f"<p>Metz, le 12 mars.</p><h2>{TITLE}</h2>{TEXT}",  # not at its start
    f"<h1>{TITLE} : ce qui change</h1>{TEXT}",  # more than the title
])
def test_what_is_not_the_title_at_the_start_is_kept(content):
    assert shown(content) == content


def test_without_a_title_nothing_is_left_out():
    assert shown(f"<p>{TITLE}</p>", title="") == f"<p>{TITLE}</p>"
