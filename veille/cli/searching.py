"""`veille search`: the index searched from the command line, as the search box does. Its
own module, so that a search loads only what searching needs (no pipeline, no referentials)."""

import html
import json

import click

from ..index.search import SORTS, SearchQuery, Sort, page_as_json
from ..models import LOCAL_TIME
from ..tags.vocabulary import StoreVocabulary
from .base import current_instance


@click.command("search")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, as /api/search does.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--no-synonyms", is_flag=True,
              help="Search the words typed only, not a job's other appellations.")
def search_command(query: str, as_json: bool, limit: int, page: int, sort: Sort,
                   no_synonyms: bool) -> None:
    """Search the index (the query language of the search box: métier:, lieu:…)."""
    instance = current_instance()
    request = SearchQuery(q=query, page=page, limit=limit, sort=sort,
                          vocabulary=StoreVocabulary(instance.engine), synonyms=not no_synonyms)
    result = instance.index.search(request)
    if as_json:
        click.echo(json.dumps(page_as_json(result), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.total} results")
    for rank, hit in enumerate(result.hits, start=(page - 1) * limit + 1):
        day = hit.published.astimezone(LOCAL_TIME)
        click.echo(f"{rank}. {hit.title}  [{hit.source}, {day:%Y-%m-%d}, {hit.kind}]")
        if hit.url:
            click.echo(f"   {hit.url}")
        click.echo(f"   {_text(hit.snippet)}")


def _text(snippet: str) -> str:
    """A snippet as plain text: it is escaped text where only <mark> was added (Hit)."""
    return html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))
