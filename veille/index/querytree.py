"""veille's own query tree: what the query language (querylang) reads a text into, and what
every search engine evaluates (the Whoosh engine compiles it: veille.index.whoosh.queries).

The words in it are already terms, as veille.text.french makes them: the stemmed terms of the
title and the content (`french_term`) or the unstemmed ones of both (`exact_term`), so that
every engine matches the same words. The fields are the document's:

- `title`: the title's stemmed terms; `exact`: the unstemmed terms of the title and content;
- `kind` ("news", "resource"), and the item tags' keys: `rome` (H2913), `domaine` (H29),
  `lieu` ("departement:57"), `skill` (a ROME skill's code);
- `source` and `tags`: names as written, matched once folded (`Name`).

Scores: words, terms of `title` and `exact` and phrases score; And and Or add their parts'
scores, and a word scores in the title or the content, whichever scores best; keys, names,
prefixes score every match alike; what Not and AndNot exclude scores nothing. An engine may
merge repeated parts of an And or an Or (Whoosh does).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Every:
    """Every item (a blank text, dates alone)."""


@dataclass(frozen=True)
class Nothing:
    """No item (a text of stop words)."""


@dataclass(frozen=True)
class Words:
    """Plain words, in the title or the content: each word's terms (one, or several for a
    word written with hyphens, "aide-soignant", all required). `every`: every word is
    required (a few keywords); else any finds an item, those holding most first (a question,
    a longer text). ranking.plain_words decides, for every engine alike. `near`: the
    significant words' unstemmed terms (`exact_term`) in the order typed, for an engine that
    ranks higher the items holding them close together (Whoosh: whoosh/proximity.py);
    engines may ignore it, it finds nothing by itself. `weights`: each word's share of its
    score, one per word of `terms` (none given: each weighs 1): ranking.py weighs less the
    word naming what a question asks ("En quelle année…"); it finds as any other."""

    terms: tuple[tuple[str, ...], ...]
    every: bool
    near: tuple[str, ...] = field(default=(), compare=False)
    weights: tuple[float, ...] = field(default=(), compare=False)

    def weighted(self) -> Iterator[tuple[tuple[str, ...], float]]:
        """Each word's terms and weight."""
        return zip(self.terms, self.weights or (1.0,) * len(self.terms), strict=True)


@dataclass(frozen=True)
class Term:
    """A term of a field: a stemmed word of the title, an unstemmed word, or a key."""

    field: str
    text: str


@dataclass(frozen=True)
class Phrase:
    """Terms of a field (`exact`, `title`) one after the other."""

    field: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    """The terms of a field starting with `start` (`exact` words, `domaine` keys)."""

    field: str
    start: str


@dataclass(frozen=True)
class Name:
    """The values of a field of names (`source`, `tags`) equal to `text` once both are
    folded (querylang.fold): "l’est republicain" is "L'Est Républicain"."""

    field: str
    text: str


@dataclass(frozen=True)
class And:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    """The items `part` does not find (an excluded alternative: "vosges OR -salariés")."""

    part: "Node"


@dataclass(frozen=True)
class AndNot:
    """The items `kept` finds and `excluded` does not, scored by `kept`."""

    kept: "Node"
    excluded: "Node"


Node = Every | Nothing | Words | Term | Phrase | Prefix | Name | And | Or | Not | AndNot
EVERY = Every()
NOTHING = Nothing()


def all_of(parts: list[Node]) -> Node | None:
    """What every part finds; the part itself when alone, None when there is none."""
    if len(parts) > 1:
        return And(tuple(parts))
    return parts[0] if parts else None


def any_of(parts: list[Node]) -> Node | None:
    """What any part finds; the part itself when alone, None when there is none."""
    if len(parts) > 1:
        return Or(tuple(parts))
    return parts[0] if parts else None


def terms(node: Node) -> Iterator[tuple[str, str]]:
    """The (field, term) of every word, term and phrase of the tree, excluded ones too; the
    words' field is "text" (title or content): what snippets look for."""
    if isinstance(node, Words):
        yield from (("text", term) for word in node.terms for term in word)
    elif isinstance(node, Term):
        yield node.field, node.text
    elif isinstance(node, Phrase):
        yield from ((node.field, term) for term in node.terms)
    elif isinstance(node, (And, Or)):
        for part in node.parts:
            yield from terms(part)
    elif isinstance(node, Not):
        yield from terms(node.part)
    elif isinstance(node, AndNot):
        yield from terms(node.kept)
        yield from terms(node.excluded)
