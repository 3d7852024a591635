"""Full articles: a feed of summaries, completed with the text of each new entry's page."""

import pytest

from tests.conftest import DATA
from veille.collect import pipeline
from veille.errors import ConfigError
from veille.sources.watchlist import make_source
from veille.store import items as item_store
from veille.store import sources as source_store

ARTICLES = DATA / "articles"


def summaries_feed(feed_server, pages: list[str]) -> bytes:
    """An RSS feed whose entries give one line each and link to article pages."""
    entries = "".join(
        f"<item><title>Article {name}</title><link>{feed_server.url(f'/articles/{name}')}</link>"
        f"<description>Résumé en une ligne de {name}.</description></item>"
        for name in pages
    )
    return f'<rss version="2.0"><channel><title>Résumés</title>{entries}</channel></rss>'.encode()


def serve_articles(feed_server, names: list[str]) -> None:
    for name in names:
        body = (ARTICLES / f"{name}.html").read_bytes()
        feed_server.put(f"/articles/{name}", body, "text/html")  # each page says its charset


def watch(instance, url: str, **options):
    with instance.engine.begin() as conn:
        return source_store.add(conn, make_source(url, name="Résumés", options=options))


def stored(instance) -> dict[str, object]:
    with instance.engine.connect() as conn:
        return {item.title: item for item, _ in item_store.iter_all(conn)}


def first_line(name: str) -> str:
    return (ARTICLES / f"{name}.expected.txt").read_text(encoding="utf-8").split("\n")[0][:60]


def test_a_full_text_source_stores_each_article_and_keeps_the_feed_summary(instance, feed_server):
    serve_articles(feed_server, ["blog", "ministere"])
    feed_server.put("/resumes.rss", summaries_feed(feed_server, ["blog", "ministere"]))
    source = watch(instance, feed_server.url("/resumes.rss"), full_text=True)
    report = pipeline.run_source(instance, source)
    assert (report.error, report.new) == (None, 2)
    blog = stored(instance)["Article blog"]
    assert first_line("blog").split("«")[0].strip() in blog.content_text
    assert blog.summary == "Résumé en une ligne de blog."


def test_articles_are_fetched_once_for_new_entries_only(instance, feed_server):
    serve_articles(feed_server, ["blog"])
    feed_server.put("/resumes.rss", summaries_feed(feed_server, ["blog"]))
    source = watch(instance, feed_server.url("/resumes.rss"), full_text=True)
    pipeline.run_source(instance, source)
    feed_server.put("/resumes.rss", summaries_feed(feed_server, ["blog", "breve"]) + b" ")
    serve_articles(feed_server, ["breve"])
    with instance.engine.connect() as conn:
        pipeline.run_source(instance, source_store.get(conn, source.id))
    assert feed_server.statuses("/articles/blog") == [200]
    assert feed_server.statuses("/articles/breve") == [200]


def test_an_article_that_cannot_be_fetched_leaves_the_entry_as_the_feed_gave_it(
    instance, feed_server
):
    feed_server.put("/resumes.rss", summaries_feed(feed_server, ["absent"]))
    source = watch(instance, feed_server.url("/resumes.rss"), full_text=True)
    report = pipeline.run_source(instance, source)
    assert (report.error, report.new) == (None, 1)
    assert stored(instance)["Article absent"].content_text == "Résumé en une ligne de absent."


def test_an_article_at_an_address_the_client_cannot_read_leaves_only_its_entry_as_given(
    instance, feed_server
):
    serve_articles(feed_server, ["blog"])
    body = summaries_feed(feed_server, ["blog"]).replace(b"</channel>", (
        "<item><title>Article octal</title><link>http://0177.0.0.1/article</link>"
        "<description>Résumé en une ligne.</description></item></channel>").encode())
    feed_server.put("/resumes.rss", body)
    source = watch(instance, feed_server.url("/resumes.rss"), full_text=True)
    report = pipeline.run_source(instance, source)
    assert (report.error, report.new) == (None, 2)
    assert stored(instance)["Article octal"].content_text == "Résumé en une ligne."
    assert first_line("blog").split("«")[0].strip() in stored(instance)["Article blog"].content_text


def test_a_selector_picks_the_article_element(instance, feed_server):
    serve_articles(feed_server, ["contenu"])
    feed_server.put("/resumes.rss", summaries_feed(feed_server, ["contenu"]))
    source = watch(instance, feed_server.url("/resumes.rss"), full_text=True,
                   full_text_selector="div.contenu")
    pipeline.run_source(instance, source)
    assert first_line("contenu")[:40] in stored(instance)["Article contenu"].content_text


def test_without_the_option_no_article_is_fetched(instance, feed_server):
    serve_articles(feed_server, ["blog"])
    feed_server.put("/resumes.rss", summaries_feed(feed_server, ["blog"]))
    pipeline.run_source(instance, watch(instance, feed_server.url("/resumes.rss")))
    assert feed_server.statuses("/articles/blog") == []


def test_refetch_stores_the_articles_again(instance, feed_server):
    feed_server.put("/resumes.rss", summaries_feed(feed_server, ["blog"]))
    source = watch(instance, feed_server.url("/resumes.rss"), full_text=True)
    pipeline.run_source(instance, source)  # the page is missing: the summary is kept
    serve_articles(feed_server, ["blog"])
    with instance.engine.connect() as conn:
        latest = item_store.latest(conn, 10, source.id)
    counts = pipeline.refetch(instance, source, latest)
    assert counts.updated == 1
    assert "savoir-faire" in stored(instance)["Article blog"].content_text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"full_text": "oui"}, "must be true or false"),
        ({"full_text": True, "full_text_selector": "div["}, "not a valid CSS selector"),
    ],
)
def test_wrong_full_text_options_are_refused(options, message):
    with pytest.raises(ConfigError, match=message):
        make_source("https://exemple.test/rss", options=options)
