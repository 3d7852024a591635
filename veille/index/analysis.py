"""French text analysis for the index.

`french()` is for ranking: lowercase, elisions removed (l'apprentissage → apprentissage),
stop words dropped, accents folded, Snowball-stemmed. Accents are folded *before* stemming so
that "competences" and "compétences" reach the same stem. `exact()` keeps every word unstemmed,
for exact phrases and, later, spelling suggestions.
"""

import re

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

# Words with their inner apostrophes, so that the elision filter sees "l'apprentissage" whole.
TOKEN_PATTERN = r"\w+(?:['’]\w+)*"
ELIDED_PREFIX = re.compile(r"^(?:l|m|t|n|s|j|d|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]")
# French only: Whoosh adds its English list by default, which drops "are" (the ARE benefit),
# "an" (a year), "us"… The Snowball list lacks "les" and a few other articles and pronouns,
# which queries joined by AND would then require ("les soudeurs" missing "Soudeur recherché").
STOP_WORDS = frozenset(stopwords_for_language("fr")) | {
    "les", "ils", "elles", "cet", "cette", "leurs"
}
# Acronyms of the field that the Snowball stemmer would cut into other words ("VAE" → "va",
# as in "il va"; "CléA" → "cle", as in "clé"): indexed whole, as folded and lowercased.
ACRONYMS = frozenset({"aes", "bpjeps", "bts", "clea", "deaes", "greta", "siae", "vae"})


class ElisionFilter(Filter):
    """Drop an elided article or pronoun glued to a word: l', d', qu', jusqu'…"""

    def __call__(self, tokens):
        for token in tokens:
            token.text = ELIDED_PREFIX.sub("", token.text).replace("’", "'")
            yield token


def french() -> Analyzer:
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | ElisionFilter()
        | StopFilter(stoplist=STOP_WORDS)
        | CharsetFilter(accent_map)
        | StemFilter(lang="fr", ignore=ACRONYMS, cachesize=100_000)
    )


def exact() -> Analyzer:
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | ElisionFilter() | CharsetFilter(
        accent_map
    )
