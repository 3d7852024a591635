"""The French analysis (veille.text.french) as PostgreSQL tsvectors and tsqueries, written
in Python: PostgreSQL's own parser and dictionaries never see the text, so both engines
hold and match the very same terms.

An item has two vectors: `words`, the stemmed terms of its title (weight A) then of its
content (weight D), and `exact`, the unstemmed terms of its title and content (phrases,
prefixes, spelling). Positions follow the kept words, stop words leaving no gap, as in the
Whoosh index.
"""

from dataclasses import dataclass

from ...text.french import WORDS, exact_term, french_term, memo_of

MAX_POSITION = 16383  # PostgreSQL's: later words all stand at this position
MAX_POSITIONS = 256  # positions kept per term
MAX_TERM_BYTES = 2046  # longer terms are left out (PostgreSQL refuses them)
TITLE, CONTENT = "A", "D"  # the weights ts_rank reads: {D, C, B, A}
RANK_WEIGHTS = "{0.5, 0.5, 0.5, 1.0}"  # a title word weighs two content words, as in Whoosh
_AT = [str(at) for at in range(MAX_POSITION + 1)]  # each position as a literal writes it
_TITLE_AT = [f"{at}{TITLE}" for at in _AT]  # and with the title's weight


def quoted(term: str) -> str:
    """A term as a tsvector or tsquery literal writes it."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def term_of(written: str) -> str:
    """The term a lexeme of item_vectors' literals writes ("'l''eau':" → "l'eau")."""
    return written[1:-2].replace("''", "'").replace("\\\\", "\\")


def indexable(term: str) -> bool:
    """Whether PostgreSQL may hold `term`: it refuses longer terms, and NUL in any text."""
    return "\x00" not in term and len(term.encode("utf-8")) <= MAX_TERM_BYTES


def _lexeme(term: str | None) -> str | None:
    """A term as a lexeme of a literal begins ("'term':"), "" for a term PostgreSQL cannot
    hold (its word keeps its position), None for a word left out."""
    if term is None:
        return None
    return quoted(term) + ":" if indexable(term) else ""


def french_lexeme(word: str) -> str | None:
    """A word's stemmed lexeme, its term read in the memo the process shares (the story
    signatures of the items this process stored have analysed their words already)."""
    return _lexeme(memo_of(french_term).terms([word])[0])


def exact_lexeme(word: str) -> str | None:
    return _lexeme(memo_of(exact_term).terms([word])[0])


_FRENCH = memo_of(french_lexeme)  # each word's lexeme, remembered by the process
_EXACT = memo_of(exact_lexeme)


@dataclass(frozen=True)
class Vectors:
    """An item's two tsvector literals, and the lexemes each holds (term_of reads them)."""

    words: str
    exact: str
    lexemes: dict[str, tuple[str, ...]]  # field ("w": words, "e": exact) → its lexemes


def item_vectors(title: str, content: str) -> Vectors:
    """The `words` and `exact` vectors of an item: its words cut once, each looked up in the
    memo of both analyses, the lexemes written once a process (an import spent most of its
    search side here)."""
    title_words, content_words = WORDS.findall(title), WORDS.findall(content)
    words: dict[str, list[str]] = {}
    title_terms = _kept(_FRENCH.terms(title_words))
    _add(words, _TITLE_AT, 1, title_terms)
    content_terms = _kept(_FRENCH.terms(content_words))
    _add(words, _AT, len(title_terms) + 2, content_terms)
    exact: dict[str, list[str]] = {}
    _add(exact, _AT, 1, _kept(_EXACT.terms(title_words) + _EXACT.terms(content_words)))
    words.pop("", None)
    exact.pop("", None)
    return Vectors(_literal(words), _literal(exact), {"w": tuple(words), "e": tuple(exact)})


def _kept(lexemes: list[str | None]) -> list[str]:
    """The lexemes of words not left out (stop words), in order."""
    return [lexeme for lexeme in lexemes if lexeme is not None]


def _add(positions: dict[str, list[str]], written: list[str], first: int,
         lexemes: list[str]) -> None:
    """Note each of `lexemes` at its position (as `written` writes it) from `first`, the
    words past MAX_POSITION all at MAX_POSITION, MAX_POSITIONS at most a lexeme."""
    last = first + len(lexemes)
    where = written[first:last] if last <= MAX_POSITION else [
        written[min(at, MAX_POSITION)] for at in range(first, last)]
    for at, lexeme in zip(where, lexemes, strict=True):
        found = positions.get(lexeme)
        if found is None:
            positions[lexeme] = [at]
        elif len(found) < MAX_POSITIONS:
            found.append(at)


def _literal(positions: dict[str, list[str]]) -> str:
    """The tsvector literal of lexemes at their positions."""
    return " ".join([lexeme + ",".join(where)
                     for lexeme, where in positions.items()])
