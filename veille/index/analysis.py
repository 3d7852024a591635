"""French text analysis for the index.

`french()` is for ranking: lowercase, elisions removed (l'apprentissage → apprentissage),
stop words dropped, accents folded, Snowball-stemmed. Accents are folded *before* stemming so
that "competences" and "compétences" reach the same stem. `exact()` keeps every word unstemmed,
for exact phrases and, later, spelling suggestions.

Both cut words at hyphens, so that "aide-soignant", "aide soignant" and "aides-soignants"
give the same tokens, and keep a number written in groups of three digits whole:
"100 000", "100 000" (no-break space) and "100000" are one token, "100000".
bench/relevance.py measured the choices made here.
"""

import re
from collections.abc import Callable, Iterator

from whoosh import formats
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.fields import TEXT
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

# A number in groups of three digits ("12 500", with a space, a no-break or a thin one), else
# a word with its inner apostrophes, so that the elision filter sees "l'apprentissage" whole.
_SPACES_IN_NUMBERS = " \u00a0\u202f"
TOKEN_PATTERN = (
    rf"(?<!\w)\d{{1,3}}(?:[{_SPACES_IN_NUMBERS}]\d{{3}})+(?!\w)"
    r"|\w+(?:['’]\w+)*"
)
ELIDED_PREFIX = re.compile(r"^(?:l|m|t|n|s|j|d|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]")
_FOLD = str.maketrans(accent_map)
_stem = stemmer_for_language("fr")
# The words that make a question of a text: stop words like any other (a passage answering
# "Combien d'employeurs ?" rarely says "combien"), and ranking.py reads a text holding one
# as a question. "qui" and "que" are stop words already (and relative pronouns as well).
QUESTION_WORDS = frozenset({
    "quel", "quelle", "quels", "quelles", "lequel", "laquelle", "lesquels", "lesquelles",
    "auquel", "auxquels", "auxquelles", "duquel", "desquels", "desquelles",
    "combien", "comment", "pourquoi", "où", "quand", "quoi",
})
# Single letters are what elisions and "a-t-il" leave (and "a", "il a"); single digits are
# words ("niveau 4", "bac+2"), so the stop filter drops these letters rather than every token
# of one character.
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿæœ")
# French only: Whoosh adds its English list by default, which drops "are" (the ARE benefit),
# "an" (a year), "us"… The Snowball list lacks "les" and a few other articles and pronouns,
# which queries joined by AND would then require ("les soudeurs" missing "Soudeur recherché").
STOP_WORDS = (
    frozenset(stopwords_for_language("fr"))
    | {"les", "ils", "elles", "cet", "cette", "leurs"}
    | QUESTION_WORDS
    | LETTERS
)
# Acronyms of the field that the Snowball stemmer would cut into other words ("VAE" → "va",
# as in "il va"; "CléA" → "cle", as in "clé"; "CACES" → "cac"; "ARS" → "ar"): indexed whole,
# as folded and lowercased. Acronyms the stemmer leaves alone (CPF, RNCP, CAP…) need no entry.
ACRONYMS = frozenset({
    "aes", "ars", "bafa", "bpjeps", "bts", "caces", "clea", "dae", "dares", "dea", "deaes",
    "epide", "greta", "insee", "rs", "siae", "vae",
})


# Word endings Snowball leaves apart from the form they go with (folded text, before
# stemming), in order: the first that fits is replaced. Feminine job names meet the masculine
# ("vendeuse" and "vendeur", "formatrice" and "formateur", "infirmière" and "infirmier",
# "salariée" and "salarié"); so do adjectives in -euse and -eux ("nombreuses", "nombreux").
# A plural s after i, o or u, which Snowball keeps (it could be the word's own: "mois",
# "permis"), goes too, so that "emplois" meets "emploi", "détenus" "détenu" (and "mois",
# "moi": a stop word, never searched). Words shorter than 4 letters are left alone.
_ENDINGS = (
    ("trices", "teur"), ("trice", "teur"), ("euses", "eur"), ("euse", "eur"),
    ("ieres", "ier"), ("iere", "ier"), ("eres", "er"), ("ere", "er"), ("ees", "e"), ("ee", "e"),
    ("eux", "eur"), ("is", "i"), ("os", "o"), ("us", "u"),
)
# "-ère" and "-eux" only in longer words: "mère" is not "mer", "jeux" not "jeur".
_MIN_LENGTH = {"eres": 7, "ere": 6, "eux": 6}
# Words kept as they are: plurals of nouns in -eu ("enjeux", "neveux") would become "-eur".
_KEEP = frozenset({"cheveux", "enjeux", "neveux", "pneus"})


def base_form(word: str) -> str:
    """`word` (lowercase, folded) with the ending Snowball would miss replaced (_ENDINGS)."""
    if len(word) < 4 or word in ACRONYMS or word in _KEEP or not word.isalpha():
        return word
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) >= _MIN_LENGTH.get(ending, 4):
            return word[: -len(ending)] + replacement
    return word


Term = Callable[[str], str | None]  # a word as the tokenizer cut it → its term, or None
_MEMOS: dict[Term, dict[str, str | None]] = {}


class _TermFilter(Filter):
    """Turn each token's text into its indexed term, or drop it: one memoised function per
    analyzer rather than a chain of filters, since most words of a text were seen before.

    Dropped tokens leave no gap in positions, as Whoosh's StopFilter does (the first kept
    token keeps its own position, the next ones follow it).
    """

    MEMO = 200_000  # distinct words remembered before starting afresh

    def __init__(self, term: Term) -> None:
        self.term = term
        # One memo per term function in the process: the index fields and the story
        # signatures (clusters.py) read the same words.
        self.memo: dict[str, str | None] = _MEMOS.setdefault(term, {})

    def __getstate__(self) -> dict:  # the schema is pickled into the index: not the memo
        return {"term": self.term}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["term"])

    def remember(self, raw: str) -> str | None:
        if len(self.memo) >= self.MEMO:
            self.memo.clear()
        text = self.memo[raw] = self.term(raw)
        return text

    def __call__(self, tokens):
        memo, position = self.memo, None
        for token in tokens:
            text = memo[token.text] if token.text in memo else self.remember(token.text)
            if text is None:
                continue
            token.text = text
            if token.positions:
                position = token.pos if position is None else position + 1
                token.pos = position
            yield token


class TermText(TEXT):
    """A TEXT field whose words are cut by `pattern` and made terms by `term`.

    Its analyzer (the tokenizer, then _TermFilter) serves queries; `index()` yields the
    same postings in one pass over the text, without Whoosh's tokens, filter chain and
    format: when indexing, they cost more than the words themselves.
    """

    def __init__(self, term: Term, pattern: str = TOKEN_PATTERN, **kwargs) -> None:
        self.terms = _TermFilter(term)
        self.words = re.compile(pattern)
        super().__init__(analyzer=RegexTokenizer(pattern) | self.terms, **kwargs)
        if type(self.format) not in (formats.Positions, formats.Frequency):
            raise TypeError(f"TermText indexes positions or frequencies, not {self.format!r}")

    def sequence(self, text: str) -> list[str]:
        """The terms of `text`, in order (what the analyzer's tokens hold)."""
        memo, remember = self.terms.memo, self.terms.remember
        found = (memo[raw] if raw in memo else remember(raw) for raw in self.words.findall(text))
        return [term for term in found if term is not None]

    def index(self, value: str, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        memo, remember = self.terms.memo, self.terms.remember
        positions: dict[str, list[int]] = {}
        first, kept = None, 0
        for at, raw in enumerate(self.words.findall(value)):
            text = memo[raw] if raw in memo else remember(raw)
            if text is None:
                continue
            if first is None:
                first = at
            positions.setdefault(text, []).append(first + kept)
            kept += 1
        boost = self.format.field_boost
        positional = type(self.format) is formats.Positions
        for text, where in positions.items():
            count = len(where)
            value = self.format.encode(where) if positional else pack_uint(count)
            yield text.encode("utf-8"), count, count * boost, value


def exact_term(raw: str) -> str:
    """A word as the unstemmed field holds it: digits joined, lowercase, no elision, folded."""
    if raw[:1].isdigit():
        raw = "".join(char for char in raw if char not in _SPACES_IN_NUMBERS)
    word = ELIDED_PREFIX.sub("", raw.lower()).replace("’", "'")
    return word.translate(_FOLD)


def french_term(
    raw: str, stop_words: frozenset[str] = STOP_WORDS, forms: bool = True
) -> str | None:
    """A word as the ranked fields hold it, or None for a stop word: exact_term's form, then
    stop words out (before folding: the list is accented), base forms, Snowball.
    (bench/relevance.py compares other `stop_words` and no `forms`.)"""
    if raw[:1].isdigit():
        raw = "".join(char for char in raw if char not in _SPACES_IN_NUMBERS)
    word = ELIDED_PREFIX.sub("", raw.lower()).replace("’", "'")
    if word in stop_words:
        return None
    word = word.translate(_FOLD)
    word = base_form(word) if forms else word
    return word if word in ACRONYMS else _stem(word)
