"""French words as veille reads them: one analysis for the index, the rules, the stories and
the taggers, without a search engine.

A text is cut into words (TOKEN_PATTERN) at hyphens, so that "aide-soignant", "aide
soignant" and "aides-soignants" give the same words, and a number written in groups of three
digits stays whole: "100 000", "100 000" (no-break space) and "100000" are one word, "100000".
Each word then becomes a term:

- `exact_term`, for exact phrases and the rules: as typed (typography.py: "l’ap\u00adpren-
  tissage" is "l'apprentissage", "XIXᵉ" "XIXe"), lowercase, elision removed
  ("l'apprentissage" → "apprentissage"), folded ("Épreuve" → "epreuve", "Œuvre" → "oeuvre");
- `french_term`, for ranking: the same, then stop words dropped (None for "les", "quel",
  "combien", a single letter), the feminine and plural endings Snowball misses made the
  masculine singular ("vendeuse" → "vendeur", "infirmières" → "infirmier", "emplois" →
  "emploi"), then Snowball's French stem ("formations" → "format"); acronyms the stemmer
  would cut into other words are kept whole ("VAE" → "vae", not "va" as in "il va").
  Accents are folded *before* stemming so that "competences" and "compétences" meet.

`memo_of(term)` is a term function with the terms it gave, one per function in the process:
the index fields, the snippets and the story signatures read the same words through it.
bench/relevance.py measured the choices made here.
"""

import re
import threading
import unicodedata
from collections.abc import Callable
from itertools import repeat

import Stemmer

from .typography import APOSTROPHES, COMBINING, INVISIBLE, SPACES, plain

# A number in groups of three digits ("12 500", with a space of any width between them), else
# a word with its inner apostrophes of any kind, so that the elision is seen whole:
# "l'apprentissage", "l’apprentissage". A soft hyphen or an accent typed after its letter
# is inside the word ("for\u00admation", "e\u0301cole"). A single letter followed by full
# stops and letters is an acronym written with them ("S.N.C.F.", "l'A.N.P.E."), one word,
# as it is without them (_bare); the check, after a word of one letter only, costs the
# tokenizer 4 % where an alternative of its own cost 13 %.
_SPACES_IN_NUMBERS = " " + SPACES
_ACRONYM_REST = r"(?:(?<=(?<![\w.])[^\W\d_])(?:\.[^\W\d_])+\.?(?!\w))?"
_WORD_PART = rf"\w[\w{COMBINING}{INVISIBLE}]*{_ACRONYM_REST}"
TOKEN_PATTERN = (
    rf"(?<!\w)\d{{1,3}}(?:[{_SPACES_IN_NUMBERS}]\d{{3}})+(?!\w)"
    rf"|{_WORD_PART}(?:[{APOSTROPHES}]{_WORD_PART})*"
)
WORDS = re.compile(TOKEN_PATTERN)
ELIDED_PREFIX = re.compile(r"^(?:l|m|t|n|s|j|d|c|qu|jusqu|lorsqu|puisqu|quoiqu)'")

# The words that make a question of a text: stop words like any other (a passage answering
# "Combien d'employeurs ?" rarely says "combien"), and ranking.py reads a text holding one
# as a question. "qui" and "que" are stop words already (and relative pronouns as well).
QUESTION_WORDS = frozenset({
    "quel", "quelle", "quels", "quelles", "lequel", "laquelle", "lesquels", "lesquelles",
    "auquel", "auxquels", "auxquelles", "duquel", "desquels", "desquelles",
    "combien", "comment", "pourquoi", "où", "quand", "quoi",
})
# Single letters are what elisions and "a-t-il" leave (and "a", "il a"); single digits are
# words ("niveau 4", "bac+2"), so these letters are stop words rather than every token of
# one character.
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿæœ")
# Snowball's French stop list, as PostgreSQL ships it (src/backend/snowball/stopwords/
# french.stop) and Whoosh copied it (whoosh.lang.stopwords): accented, as texts write them.
_SNOWBALL_STOP_WORDS = frozenset("""
    ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayante ayantes
    ayants ayez ayons c ce ces d dans de des du elle en es est et eu eue eues eurent eus eusse
    eussent eusses eussiez eussions eut eux eûmes eût eûtes furent fus fusse fussent fusses
    fussiez fussions fut fûmes fût fûtes il j je l la le leur lui m ma mais me mes moi mon
    même n ne nos notre nous on ont ou par pas pour qu que qui s sa se sera serai seraient
    serais serait seras serez seriez serions serons seront ses soient sois soit sommes son
    sont soyez soyons suis sur t ta te tes toi ton tu un une vos votre vous y à étaient étais
    était étant étante étantes étants étiez étions été étée étées étés êtes
""".split())
# French only: no English list, which would drop "are" (the ARE benefit), "an" (a year),
# "us"… The Snowball list lacks "les" and a few other articles and pronouns, which queries
# joined by AND would then require ("les soudeurs" missing "Soudeur recherché").
STOP_WORDS = (
    _SNOWBALL_STOP_WORDS
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
# "moi": a stop word, never searched). Words shorter than 4 letters are left alone. That s
# gone, adjectives in -ais and -ois ("anglais", "chinois") would miss their feminine, which
# Snowball stems "anglais": "-aise" and "-oise" lose their s too (not in "chaise", "fraise").
_ENDINGS = (
    ("trices", "teur"), ("trice", "teur"), ("euses", "eur"), ("euse", "eur"),
    ("ieres", "ier"), ("iere", "ier"), ("eres", "er"), ("ere", "er"), ("ees", "e"), ("ee", "e"),
    ("aises", "ai"), ("aise", "ai"), ("oises", "oi"), ("oise", "oi"),
    ("eux", "eur"), ("is", "i"), ("os", "o"), ("us", "u"),
)
# "-ère" and "-eux" only in longer words: "mère" is not "mer", "jeux" not "jeur".
_MIN_LENGTH = {"eres": 7, "ere": 6, "eux": 6, "aises": 8, "aise": 7, "oises": 8, "oise": 7}
# Words kept as they are: plurals of nouns in -eu ("enjeux", "neveux") would become "-eur".
_KEEP = frozenset({"cheveux", "enjeux", "neveux", "pneus"})

# Latin letters that Unicode does not decompose, spelt without their mark (the ligatures œ
# and æ are spelt out by typography.plain already): ß as ss, the rest as their base letter.
_UNDECOMPOSED = {
    "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ŀ": "l", "ı": "i", "ħ": "h",
    "ŧ": "t", "þ": "th",
}
_COMBINING_MARKS = range(0x300, 0x370)  # what NFD leaves of accents, dropped
# Latin-1 letters, Latin Extended A and B, Latin Extended Additional (compatibility
# characters, ﬁ or full-width letters, are plain ones once typography.plain has read them).
_LATIN = (range(0xC0, 0x250), range(0x1E00, 0x1F00))


def _fold_table() -> dict[int, str]:
    """Every letter of _LATIN whose decomposition without its marks is plain ASCII → that
    ("é" → "e", "ǅ" → "Dz"); _UNDECOMPOSED; the combining marks → nothing. Other scripts
    are left alone ("й" is not "и" in Russian)."""
    table: dict[int, str] = dict.fromkeys(_COMBINING_MARKS, "")
    for char in map(chr, (code for block in _LATIN for code in block)):
        bare = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c))
        if bare != char and bare.isascii() and bare.isalnum():
            table[ord(char)] = bare
    for letter, spelt in _UNDECOMPOSED.items():
        table[ord(letter)] = spelt
        if len(letter.upper()) == 1 and not letter.upper().isascii():
            table[ord(letter.upper())] = spelt.upper()
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """`text` as typed (typography.plain) with its Latin letters' accents off, case kept:
    "Œuvre à Épinal" → "OEuvre a Epinal", "lʼÉtat" → "l'Etat". The index, the queries, the
    rules and the taggers fold alike. (Where it differs from Whoosh's accent_map, which it
    replaced: docs/design-notes.md.)"""
    return plain(text).translate(_FOLD)


_STEMMERS = threading.local()  # a PyStemmer stemmer must not be called from two threads


def stem(word: str) -> str:
    """Snowball's French stem of `word` (lowercase, folded): "formations" → "format"."""
    stemmer = getattr(_STEMMERS, "french", None)
    if stemmer is None:
        stemmer = _STEMMERS.french = Stemmer.Stemmer("french")
    return stemmer.stemWord(word)


def base_form(word: str) -> str:
    """`word` (lowercase, folded) with the ending Snowball would miss replaced (_ENDINGS)."""
    if len(word) < 4 or word in ACRONYMS or word in _KEEP or not word.isalpha():
        return word
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) >= _MIN_LENGTH.get(ending, 4):
            return word[: -len(ending)] + replacement
    return word


def _bare(raw: str) -> str:
    """A word as TOKEN_PATTERN cut it, as typed (typography.plain), digits joined, an
    acronym's letters too, lowercase, without its elision."""
    word = plain(raw).lower().replace(".", "")
    if word[:1].isdigit():
        word = word.replace(" ", "")
    return ELIDED_PREFIX.sub("", word)


def exact_term(raw: str) -> str:
    """A word as the unstemmed field holds it: digits joined, lowercase, no elision, folded."""
    return fold(_bare(raw))


def french_term(
    raw: str, stop_words: frozenset[str] = STOP_WORDS, forms: bool = True
) -> str | None:
    """A word as the ranked fields hold it, or None for a stop word: exact_term's form, then
    stop words out (before folding: the list is accented), base forms, Snowball.
    (bench/relevance.py compares other `stop_words` and no `forms`.)"""
    word = _bare(raw)
    if word in stop_words:
        return None
    word = fold(word)
    word = base_form(word) if forms else word
    return word if word in ACRONYMS else stem(word)


Term = Callable[[str], str | None]  # a word as TOKEN_PATTERN cut it → its term, or None


_UNSEEN = "\x00"  # TermMemo.terms: a word not in the memo (no term holds a NUL)


class TermMemo:
    """A term function with the terms it gave: most words of a text were seen before.

    One per term function in the process (`memo_of`): the index fields, the snippets and the
    story signatures (clusters.py) read the same words. Pickled as that call, without the
    terms (the index's schema holds its fields' memos).
    """

    SIZE = 200_000  # distinct words remembered before starting afresh

    def __init__(self, term: Term) -> None:
        self.term = term
        self.memo: dict[str, str | None] = {}

    def __reduce__(self) -> tuple[Callable[[Term], "TermMemo"], tuple[Term]]:
        return memo_of, (self.term,)

    def remember(self, raw: str) -> str | None:
        """The term of `raw`, computed and remembered (the caller looked in `memo` first)."""
        if len(self.memo) >= self.SIZE:
            self.memo.clear()
        text = self.memo[raw] = self.term(raw)
        return text

    def terms(self, words: list[str]) -> list[str | None]:
        """The term of each of `words` (None for a word left out), in order: the words not
        seen before are found by set operations and computed, then every word looked up by
        a C loop."""
        memo = self.memo
        for raw in set(words).difference(memo):
            self.remember(raw)
        found = list(map(memo.get, words, repeat(_UNSEEN)))
        if _UNSEEN not in found:
            return found
        # The memo was full and started afresh meanwhile: word by word.
        return [memo[raw] if raw in memo else self.remember(raw) for raw in words]

    def sequence(self, text: str, words: re.Pattern[str] = WORDS) -> list[str]:
        """The terms of `text`, in order, stop words left out."""
        return [term for term in self.terms(words.findall(text)) if term is not None]


_MEMOS: dict[Term, TermMemo] = {}


def memo_of(term: Term) -> TermMemo:
    """The process's memo of `term`."""
    memo = _MEMOS.get(term)
    if memo is None:
        memo = _MEMOS[term] = TermMemo(term)
    return memo
