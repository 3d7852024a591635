"""Snippets: the passages of an item's text where the searched words are, marked.

The text is escaped and only <mark> is added (Whoosh's HtmlFormatter escapes what it copies),
so a snippet can be shown as HTML. Words matched through a phrase (on the unstemmed field)
are marked too, by analysing them as the content is.
"""

import html

from whoosh import highlight, query
from whoosh.fields import Schema

from .querylang import ParsedQuery

STEMMED = ("title", "content")


class Highlighter:
    def __init__(self, schema: Schema, parsed: ParsedQuery) -> None:
        self.analyzer = schema["content"].analyzer
        self.terms = frozenset(self._terms(parsed.query))
        self.fragmenter = highlight.ContextFragmenter(maxchars=300, surround=60)
        self.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")

    def snippet(self, stored: dict) -> str:
        """The best two passages with the words marked, else the escaped summary."""
        if self.terms:
            found = highlight.highlight(
                stored.get("content", ""), self.terms, self.analyzer, self.fragmenter,
                self.formatter, top=2,
            )
            if found:
                return found
        return html.escape(stored.get("summary", ""))

    def _terms(self, found: query.Query):
        for field, text in found.iter_all_terms(phrases=True):
            text = text.decode("utf-8") if isinstance(text, bytes) else text
            if field in STEMMED:
                yield text
            elif field == "exact":
                yield from (token.text for token in self.analyzer(text, mode="query"))
