"""The French analysis (veille.text.french) as PostgreSQL tsvectors and tsqueries, written
in Python: PostgreSQL's own parser and dictionaries never see the text, so both engines
hold and match the very same terms.

An item has two vectors: `words`, the stemmed terms of its title (weight A) then of its
content (weight D), and `exact`, the unstemmed terms of its title and content (phrases,
prefixes, spelling). Positions follow the kept words, stop words leaving no gap, as in the
Whoosh index.
"""

from collections.abc import Iterable

from ...text.french import exact_term, french_term, memo_of

_FRENCH = memo_of(french_term)
_EXACT = memo_of(exact_term)
MAX_POSITION = 16383  # PostgreSQL's: later words all stand at this position
MAX_POSITIONS = 256  # positions kept per term
MAX_TERM_BYTES = 2046  # longer terms are left out (PostgreSQL refuses them)
TITLE, CONTENT = "A", "D"  # the weights ts_rank reads: {D, C, B, A}
RANK_WEIGHTS = "{0.5, 0.5, 0.5, 1.0}"  # a title word weighs two content words, as in Whoosh


def quoted(term: str) -> str:
    """A term as a tsvector or tsquery literal writes it."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def words_vector(title: str, content: str) -> str:
    """The `words` tsvector literal: the title's stemmed terms, then the content's."""
    positions: dict[str, list[str]] = {}
    title_terms = _FRENCH.sequence(title)
    _add(positions, title_terms, 1, TITLE)
    _add(positions, _FRENCH.sequence(content), len(title_terms) + 2, "")
    return _literal(positions)


def exact_vector(title: str, content: str) -> str:
    """The `exact` tsvector literal: the unstemmed terms of the title and the content."""
    positions: dict[str, list[str]] = {}
    _add(positions, _EXACT.sequence(f"{title}\n{content}"), 1, "")
    return _literal(positions)


def _add(positions: dict[str, list[str]], terms: Iterable[str], first: int, weight: str) -> None:
    for at, term in enumerate(terms, start=first):
        found = positions.setdefault(term, [])
        if len(found) < MAX_POSITIONS:
            found.append(f"{min(at, MAX_POSITION)}{weight}")


def indexable(term: str) -> bool:
    """Whether PostgreSQL may hold `term`: it refuses longer terms, and NUL in any text."""
    return "\x00" not in term and len(term.encode("utf-8")) <= MAX_TERM_BYTES


def _literal(positions: dict[str, list[str]]) -> str:
    return " ".join(f"{quoted(term)}:{','.join(where)}" for term, where in positions.items()
                    if indexable(term))
