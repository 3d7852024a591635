"""How plain words are matched: a few keywords need every word, a question any, best first.

The query language (querylang.py) hands every run of plain words to `plain_words`, which
decides for every engine alike; the engines score (Whoosh: whoosh/scoring.py). Both are
tuned with bench/relevance.py, which asks the 1,448 questions of PIAF (French Wikipedia) and
prints the figures behind these choices:

- a few keywords ("soudeur Moselle", "aide-soignant apprentissage") must all be found: an
  advisor typing them wants items about all of them, and AND keeps the list short;
- a question ("Combien d'employeurs ?") or a longer text is matched by any of its words and
  ranked by how many it holds and how rare they are: a passage answering a question rarely
  holds every word of it (on PIAF, MRR@10 0.21 with AND against 0.85; choosing by word count
  alone, AND up to 2 words, gives 0.81). Whoosh's coordination bonus (OrGroup.factory(0.9))
  changed nothing there, and is left out;
- a word scores in the title or in the content, whichever scores best (a "max", not a sum,
  0.85 against 0.84: a word found in both is not counted twice), the title weighing more
  by its shortness alone: a field boost of 2 (the weight of its words doubled), right on
  PIAF's 290 dev paragraphs, lowered MRR@10 on all 1,518 (0.801 with no boost, 0.796 with
  1.5, 0.784 with 2: a paragraph's article title is shared by its article's other
  paragraphs, which a boost pushes up too);
- BM25 with Lucene's idf, so that a word found in most items weighs almost nothing;
- a question's words found close together rank an item higher (term proximity, the `near`
  terms of Words): on all 1,518 paragraphs of PIAF, MRR@10 0.783 → 0.802 with the Whoosh
  engine (whoosh/proximity.py), 0.809 with the title's boost gone (recall@10 0.897 →
  0.899); with the words found as typed ranked higher (proximity.py too) 0.819 / 0.909;
- a question's quoted phrase finds with the question's other words, not beside them
  (querylang: "Qui a écrit « De l'esprit géométrique » ?" held "écrit" and the phrase
  required, and found nothing), and its words find too (a misquote finds): with acronyms
  written with full stops read whole (text/french.py), 0.824 / 0.915;
- the word naming what a question asks (`asked_terms`: "En quelle année…", "Quel est le
  nom…", "Comment s'appelle…") counts ASKED_WEIGHT of its score: the answer gives a year
  or a name, seldom the question's word for it. 0.824 / 0.915 → 0.828 / 0.921 (a weight of
  0.5 gave 0.827 / 0.918, 0.1 0.826 / 0.921, 0 0.825 / 0.921; each half of the articles
  moved alike, 0.820 / 0.930 → 0.822 / 0.936 and 0.828 / 0.903 → 0.833 / 0.908).
Tried and left out, as they moved nothing or lowered the figures:
  pseudo-relevance feedback (the best terms of the first 1 to 10 results added:
  recall@10 +0.003, MRR@10 −0.002 to −0.011; again as RM3 for questions alone, the first
  2 to 10 results' 10 to 20 best terms by share and idf added at a low weight: recall@10
  +0.001 to +0.003, MRR@10 −0.001 to −0.015, the first results' article's other
  paragraphs pulled up with them), idf squared for long questions (MRR@10
  −0.030), a coordination bonus (+0.003), other BM25 K1 and B (±0.003; per field, the
  title's B 0 to 1 or the content's K1 0.9 to 1.6 and B 0.5 to 0.9, ±0.002), the title
  weighing 0.5 to 1.25 times the content (−0.001 to −0.004), a word in both
  title and content counting some of its lesser score too (−0.003 to −0.039), French
  verbs in -ent stemmed as in -er (+0.002: Snowball leaves "tournent" whole; a lemmatiser
  would match 95 of the 2,217 question words the answer lacks, bench/relevance.py),
  "être" and "avoir" as stop words like their forms (+0.000), the asked word left out of
  proximity too (MRR@10 −0.002), "quoi", "où" (with its accent: folded, it is "ou") or
  "que" asking like "comment" (±0.001).
"""

import re

from ..text.french import (
    QUESTION_WORDS,
    WORDS,
    TermMemo,
    exact_term,
    fold,
    french_term,
    memo_of,
)
from .querytree import Words

# Up to this many significant words, a text that is not a question needs every word.
MAX_KEYWORDS = 3
# The share of its score that the word naming what a question asks keeps (asked_terms).
ASKED_WEIGHT = 0.25
# Interrogative determiners: the first significant word after one names what is asked
# ("quelle année", "quel est le nom"); "comment" asks it of the word right after it only
# ("comment s'appelle", not "comment la ville…", whose "ville" is what the question is about).
_ASKING = frozenset({"quel", "quelle", "quels", "quelles"})
_ASKING_NEXT = frozenset({"comment"})
# Words that make a question of a text only when they open it: inside one they are relative
# pronouns ("formations qui recrutent").
_QUESTION_OPENERS = frozenset({"qui", "que", "qu'est-ce", "est-ce"})
_RAW_WORD = re.compile(r"[\w'’-]+")
_FRENCH = memo_of(french_term)  # the memo the index's title and content share
_EXACT = memo_of(exact_term)


def plain_words(text: str, terms: TermMemo = _FRENCH, pattern: re.Pattern[str] = WORDS,
                question: bool = False) -> Words | None:
    """Words typed without operators: up to MAX_KEYWORDS words, each must be found, in the
    title or the content; a question (or words of one: `question`) or a longer text finds
    items holding any of its words, best first. None when no word is left once stop words
    are gone. (bench/relevance.py reads them with other `terms` and word `pattern`s.)"""
    words = significant_words(text, terms, pattern)
    if not words:
        return None
    if not (question or is_question(text)):
        return Words(tuple(words), every=len(words) <= MAX_KEYWORDS,
                     near=near_terms(text, terms, pattern))
    asked = asked_terms(text, terms, pattern)
    weights = tuple(ASKED_WEIGHT if asked.intersection(word) else 1.0 for word in words)
    return Words(tuple(words), every=False, near=near_terms(text, terms, pattern),
                 weights=weights if asked else ())


def asked_terms(text: str, terms: TermMemo = _FRENCH, pattern: re.Pattern[str] = WORDS
                ) -> set[str]:
    """The terms of the words of a question that name what it asks: the first significant
    word after "quel", "quelle", "quels" or "quelles", the word right after "comment". "En
    quelle année…", "Quel est le nom…", "Comment s'appelle…" ask for a year or a name,
    which the answer gives without repeating the question's word for it: on PIAF, the
    answering paragraph holds 30 % of such words and 71 % of a question's other words."""
    found: set[str] = set()
    asking = None
    for raw in pattern.findall(text):
        term = terms.memo[raw] if raw in terms.memo else terms.remember(raw)
        if term is not None and asking is not None:
            found.add(term)
        if term is not None or asking in _ASKING_NEXT:
            asking = None
        word = fold(raw.lower()).split("'")[-1]
        if word in _ASKING or word in _ASKING_NEXT:
            asking = word
    return found


def near_terms(text: str, terms: TermMemo = _FRENCH, pattern: re.Pattern[str] = WORDS
               ) -> tuple[str, ...]:
    """The unstemmed terms (exact_term) of the words of `text` that are not stop words, in
    order, without repeats: what proximity looks for close together."""
    found = []
    for raw in pattern.findall(text):
        term = terms.memo[raw] if raw in terms.memo else terms.remember(raw)
        exact = None if term is None else _EXACT.memo.get(raw) or _EXACT.remember(raw)
        if exact is not None:
            found.append(exact)
    return tuple(dict.fromkeys(found))


def significant_words(text: str, terms: TermMemo = _FRENCH, pattern: re.Pattern[str] = WORDS
                      ) -> list[tuple[str, ...]]:
    """The words of `text` as the title and content hold them (french_term), without stop
    words or repeats: a word written with hyphens or other marks but no space
    ("aide-soignant", "bac+2") is one word of several terms."""
    memo, remember = terms.memo, terms.remember
    words: list[list[str]] = []
    end = None
    for match in pattern.finditer(text):
        raw = match.group()
        term = memo[raw] if raw in memo else remember(raw)
        if term is None:
            continue
        gap = text[end : match.start()] if end is not None else " "
        if words and not any(char.isspace() for char in gap):
            words[-1].append(term)
        else:
            words.append([term])
        end = match.end()
    return list(dict.fromkeys(tuple(dict.fromkeys(word)) for word in words))


def is_question(text: str) -> bool:
    """Whether `text` reads as a question: a question mark, a question word anywhere ("En
    quelle année…"), or "qui", "que", "qu'est-ce", "est-ce" first."""
    if "?" in text:
        return True
    raw = [word.lower().replace("’", "'") for word in _RAW_WORD.findall(text)]
    if raw and raw[0] in _QUESTION_OPENERS:
        return True
    return any(word.split("'")[-1] in QUESTION_WORDS for word in raw)
