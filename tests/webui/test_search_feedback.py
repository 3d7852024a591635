"""What the search page and the portal say of a search text they could not read all of: a
filter whose value is unreadable is searched as words, and the page says so (in French, and
in English for those who chose it)."""

import pytest

from tests.webui.support import html, sign_in
from tests.webui.test_i18n import choose


@pytest.mark.parametrize(
    ("q", "said"),
    [
        ("soudeur depuis:abc", "« depuis:abc » : date illisible, cherché comme mots"),
        ("lieu:Atlantide", "« lieu:Atlantide » : lieu inconnu, cherché comme mots"),
        ("rome:Z9999", "« rome:Z9999 » : métier inconnu, cherché comme mots"),
    ],
)
def test_the_search_page_says_which_filter_it_could_not_read(client, instance, catalogue, q,
                                                             said):
    sign_in(client, instance, "advisor")
    notices = html(client.get("/search", query_string={"q": q})).select("p.unread")
    assert [notice.get_text() for notice in notices] == [said]


def test_a_search_read_whole_says_nothing_of_the_kind(client, instance, catalogue):
    sign_in(client, instance, "advisor")
    assert not html(client.get("/search", query_string={"q": "soudeur depuis:7j"})).select(
        "p.unread")


def test_the_portal_says_it_too(client, catalogue):
    notices = html(client.get("/portail", query_string={"q": "depuis:hier"})).select("p.unread")
    assert [notice.get_text() for notice in notices] == [
        "« depuis:hier » : date illisible, cherché comme mots"]


def test_in_english_the_message_is_english(client, instance, catalogue):
    sign_in(client, instance, "advisor")
    choose(client, "en")
    notices = html(client.get("/search", query_string={"q": "depuis:abc"})).select("p.unread")
    assert [notice.get_text() for notice in notices] == [
        "“depuis:abc”: unreadable date, searched as words"]
