"""The French analysis (veille.text.french) as PostgreSQL tsvectors and tsqueries, written
in Python: PostgreSQL's own parser and dictionaries never see the text, so both engines
hold and match the very same terms.

An item has two vectors: `words`, the stemmed terms of its title (weight A) then of its
content (weight D), and `exact`, the unstemmed terms of its title and content (phrases,
prefixes, spelling). Positions follow the kept words, stop words leaving no gap, as in the
Whoosh index.
"""

from collections.abc import Sequence

from ...text.french import WORDS, exact_term, french_term, memo_of

_FRENCH = memo_of(french_term)
_EXACT = memo_of(exact_term)
MAX_POSITION = 16383  # PostgreSQL's: later words all stand at this position
MAX_POSITIONS = 256  # positions kept per term
MAX_TERM_BYTES = 2046  # longer terms are left out (PostgreSQL refuses them)
TITLE, CONTENT = "A", "D"  # the weights ts_rank reads: {D, C, B, A}
RANK_WEIGHTS = "{0.5, 0.5, 0.5, 1.0}"  # a title word weighs two content words, as in Whoosh
_WRITTEN: dict[str, str] = {}  # each term as a literal writes it ("" if it cannot be held)


def quoted(term: str) -> str:
    """A term as a tsvector or tsquery literal writes it."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def item_vectors(title: str, content: str) -> tuple[str, str]:
    """The `words` and `exact` tsvector literals of an item: its words cut once, each
    looked up in the memo of both analyses (an import spent most of its search side
    here)."""
    title_words, content_words = WORDS.findall(title), WORDS.findall(content)
    words: dict[str, list] = {}
    title_terms = _kept(_FRENCH.terms(title_words))
    _add(words, [f"{at}{TITLE}" for at in _positions(1, len(title_terms))], title_terms)
    content_terms = _kept(_FRENCH.terms(content_words))
    _add(words, _positions(len(title_terms) + 2, len(content_terms)), content_terms)
    exact: dict[str, list] = {}
    exact_terms = _kept(_EXACT.terms(title_words) + _EXACT.terms(content_words))
    _add(exact, _positions(1, len(exact_terms)), exact_terms)
    return _literal(words), _literal(exact)


def _kept(terms: list[str | None]) -> list[str]:
    """The terms of words not left out (stop words), in order."""
    return [term for term in terms if term is not None]


def _positions(first: int, count: int) -> range | list[int]:
    """The positions of `count` words from `first`, the last ones all at MAX_POSITION."""
    if first + count <= MAX_POSITION:
        return range(first, first + count)
    return [min(at, MAX_POSITION) for at in range(first, first + count)]


def _add(positions: dict[str, list], where: Sequence, terms: list[str]) -> None:
    for at, term in zip(where, terms, strict=True):
        found = positions.get(term)
        if found is None:
            positions[term] = [at]
        elif len(found) < MAX_POSITIONS:
            found.append(at)


def indexable(term: str) -> bool:
    """Whether PostgreSQL may hold `term`: it refuses longer terms, and NUL in any text."""
    return "\x00" not in term and len(term.encode("utf-8")) <= MAX_TERM_BYTES


def _literal(positions: dict[str, list]) -> str:
    return " ".join(f"{written}:{','.join(map(str, where))}" for term, where in positions.items()
                    if (written := _WRITTEN.get(term) or _written(term)))


def _written(term: str) -> str:
    if len(_WRITTEN) >= _FRENCH.SIZE:
        _WRITTEN.clear()
    written = _WRITTEN[term] = quoted(term) if indexable(term) else ""
    return written
