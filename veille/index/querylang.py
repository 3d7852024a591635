"""The query language of the search box, parsed leniently: nothing typed is ever an error.

    soudeur moselle             every word, in the title or the content; a question or more
                                than three words: any of them, best first (ranking.plain_words)
    "aide à domicile"           these words in this order, whatever the case and accents
    soudeur OR chaudronnier     either (OU too); OR binds tighter than the implicit AND, so
                                `soudeur OR chaudronnier moselle` always wants moselle
    -intérim -"temps partiel"   without; exclusions alone keep every other item
    (a OR b) ET c               parentheses group; ET / AND is the implicit AND, said aloud
    titre:soudeur  source:"L'Est Républicain"  tag:moselle  type:ressource
    rome:H2913  métier:soudeur  domaine:H29  lieu:Moselle  lieu:57  lieu:region:44
    compétence:126359           (a ROME skill's code)
    depuis:7j  depuis:2s  depuis:6m  depuis:1a  depuis:2026-01-01  avant:01/03/2026
    form*                       words starting with "form" (two letters at least)

English names work too (title:, since:, before:, 7d, 2w, 1y). Whatever the syntax cannot
read stays plain words, as in Datasette: text is searched as typed unless it uses the syntax.

With a vocabulary (vocabulary.py: the referentials the store holds), a job named in plain
words also finds the items tagged with its ROME code, whichever of its appellations they
use ("soudeur" finds "braseuse"): synonyms, unless `synonyms` is off.

The text becomes veille's query tree (querytree.py), its words the terms veille.text.french
gives, whatever engine then searches: no engine's query objects are built here.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..text.french import exact_term, french_term, memo_of
from ..text.french import fold as fold_accents
from . import ranking
from .querytokens import Token, tokenize
from .querytree import (
    EVERY,
    NOTHING,
    And,
    AndNot,
    Name,
    Node,
    Not,
    Phrase,
    Prefix,
    Term,
    all_of,
    any_of,
)
from .vocabulary import Vocabulary, known_place_keys, rome_codes

KINDS = {
    **dict.fromkeys(("actualite", "actualites", "news"), "news"),
    **dict.fromkeys(("ressource", "ressources", "resource", "resources"), "resource"),
    **dict.fromkeys(("offre", "offres"), "offre"),
}
# Days and months each unit of a relative date stands for: depuis:7j, depuis:3mois.
UNITS = {
    **dict.fromkeys(("j", "d", "jour", "jours"), (1, 0)),
    **dict.fromkeys(("s", "w", "sem", "semaine", "semaines"), (7, 0)),
    **dict.fromkeys(("m", "mois"), (0, 1)),
    **dict.fromkeys(("a", "y", "an", "ans"), (0, 12)),
}
# Shorter starts match too many words to mean anything ("a*", "l*").
PREFIX_MIN_CHARS = 2
_RELATIVE = re.compile(r"([0-9]{1,6})([a-z]+)")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_FRENCH_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_DOMAINE_CODE = re.compile(r"[A-Na-n]([0-9]{2})?")
# The term functions of the index's fields, with the terms they gave (text.french.memo_of).
_EXACT = memo_of(exact_term)
_FRENCH = memo_of(french_term)


# Why a field's value could not be read: a date, a place or a job no referential knows, a
# domaine or a type that is none; the value is then searched as words.
Unreadable = Literal["date", "place", "job", "domaine", "type"]


@dataclass(frozen=True)
class Unread:
    """A field the text holds that could not be read, as typed ("depuis:abc"), and why."""

    said: str
    reason: Unreadable


@dataclass(frozen=True)
class ParsedQuery:
    tree: Node
    # Dates the text asked for ("depuis:7j", "avant:2026-03-01"), as the first and the last
    # whole local days wanted (so `before` is the day before the one typed after "avant:").
    since: date | None = None
    before: date | None = None
    # The plain words typed, as typed (outside exclusions), for spelling suggestions.
    words: tuple[str, ...] = ()
    # Whether relevance can order the results: the query holds words, a phrase or a title
    # search outside exclusions (prefixes, filters and exclusions score every match alike).
    scored: bool = False
    # The ROME jobs the plain words named, whose tagged items were added (synonyms).
    jobs: tuple[str, ...] = ()
    # The fields that could not be read, searched as words instead: pages say so.
    unread: tuple[Unread, ...] = ()


def parse(text: str, today: date, vocabulary: Vocabulary | None = None,
          synonyms: bool = True, fields: frozenset[str] | None = None) -> ParsedQuery:
    """Every document for a blank text or dates alone; none when it holds no searchable word.
    `fields` names the fields read (as querytokens.FIELDS means them; None: all): another
    one's value is searched as words."""
    if not text.strip():
        return ParsedQuery(EVERY)
    parser = _Parser(tokenize(text), today, vocabulary, synonyms, fields)
    found = parser.sequence(question=ranking.is_question(text))
    if found is None:
        found = EVERY if parser.since or parser.before else NOTHING
    return ParsedQuery(found, parser.since, parser.before, tuple(parser.words),
                       parser.scored, tuple(dict.fromkeys(parser.jobs)),
                       tuple(dict.fromkeys(parser.unread)))


class _Parser:
    """Recursive descent over the tokens:

        sequence := clause*            (all required; AND tokens are skipped)
        clause   := unary (OR unary)*
        unary    := NOT? atom
        atom     := ( sequence ) | phrase | prefix | field | word

    Each method returns None where nothing searchable was found (stop words, a lone operator),
    so that the level above simply leaves it out.
    """

    def __init__(self, tokens: list[Token], today: date, vocabulary: Vocabulary | None,
                 synonyms: bool, fields: frozenset[str] | None = None) -> None:
        self.tokens = tokens
        self.fields = fields
        self.at = 0
        self.today = today
        self.vocabulary = vocabulary
        self.synonyms = synonyms and vocabulary is not None
        self.jobs: list[str] = []
        self.unread: list[Unread] = []
        self.since: date | None = None
        self.before: date | None = None
        self.words: list[str] = []
        self.scored = False
        self.excluding = 0  # how many exclusions enclose the token being read

    def peek(self, ahead: int = 0) -> str:
        """The kind of a coming token; "" past the end."""
        number = self.at + ahead
        return self.tokens[number].kind if number < len(self.tokens) else ""

    def take(self) -> Token:
        self.at += 1
        return self.tokens[self.at - 1]

    def sequence(self, question: bool = False) -> Node | None:
        """Consecutive plain words go to ranking.plain_words together, as one run. In a
        `question` (the whole text, not a parenthesis), its runs of words and its quoted
        phrases find an item by any of them, together: "Qui a écrit « De l'esprit
        géométrique » ?" needs the phrase or "écrit", not both, and a phrase's words find
        too (people misquote), the phrase as written ranking first; fields still filter."""
        kept: list[Node | None] = []
        loose: list[Node | None] = kept if not question else []
        excluded: list[Node | None] = []
        run: list[str] = []
        while self.peek() not in ("", "close"):
            if self.peek() in ("and", "or"):  # AND is implied; an OR with no left side is void
                self.take()
            elif self.peek() == "word" and self.peek(1) != "or":
                run.append(self.take().text)
            elif question and self.peek() == "phrase" and self.peek(1) != "or":
                said = self.tokens[self.at].text  # its words find too: quotes may be loose
                loose.extend((self.plain(run, question), self.atom(), self.plain([said], True)))
                run = []
            else:
                loose.append(self.plain(run, question))
                run = []
                found, negative = self.clause()
                (excluded if negative else kept).append(found)
        loose.append(self.plain(run, question))
        if question:
            kept.append(any_of([q for q in loose if q]))
        return _all_of([q for q in kept if q], [q for q in excluded if q])

    def clause(self) -> tuple[Node | None, bool]:
        """Operands joined by OR; a lone operand tells the sequence whether it is excluded."""
        operands = [self.unary()]
        while self.peek() == "or":
            self.take()
            if self.peek() not in ("", "close", "or"):
                operands.append(self.unary())
        if len(operands) == 1:
            return operands[0]
        return any_of([Not(q) if negative else q for q, negative in operands if q]), False

    def unary(self) -> tuple[Node | None, bool]:
        if self.peek() != "not":
            return self.atom(), False
        self.take()
        self.excluding += 1
        found = self.atom()
        self.excluding -= 1
        return found, True

    def atom(self) -> Node | None:
        if self.peek() in ("", "close"):
            return None
        token = self.take()
        if token.kind == "open":
            found = self.sequence()
            self.take()  # its ")": the tokenizer left only paired parentheses
            return found
        if token.kind == "word":
            return self.plain([token.text])
        if token.kind == "phrase":
            return self.scoring(_terms("exact", token.text, phrase=True))
        if token.kind == "prefix":
            return self.prefix(token.text)
        if token.kind == "field":
            return self.field(token)
        return None  # an operator where a term should be: "OR OR", "- AND"

    def plain(self, run: list[str], question: bool = False) -> Node | None:
        if not run:
            return None
        if not self.excluding:
            self.words.extend(run)
        text = " ".join(run)
        found: Node | None = ranking.plain_words(text, question=question)
        if self.synonyms:
            found = self.with_synonyms(text, found)
        return self.scoring(found)

    def with_synonyms(self, text: str, found: Node | None) -> Node | None:
        """`found`, or the items tagged with a job the text names and holding its other
        words: "soudeur moselle" also finds "braseuse en Moselle"."""
        either: list[Node] = [found] if found is not None else []
        for mention in self.vocabulary.jobs(text) if self.vocabulary else ():
            if not self.excluding:
                self.jobs.append(mention.rome)
            tagged = Term("rome", mention.rome)
            rest = ranking.plain_words(text.replace(mention.said, " ", 1))
            either.append(tagged if rest is None else And((rest, tagged)))
        return any_of(either) if len(either) > 1 else found

    def scoring(self, found: Node | None) -> Node | None:
        """Note that a text query outside exclusions was found: relevance can rank."""
        if found is not None and not self.excluding:
            self.scored = True
        return found

    def prefix(self, start: str) -> Node | None:
        """Words of the exact field starting with `start`, folded as that field is."""
        words = _EXACT.sequence(start)
        if not words or len(words[-1]) < PREFIX_MIN_CHARS:
            return self.plain([start])
        *whole, partial = words
        terms: list[Node] = [Term("exact", word) for word in whole]
        return all_of([*terms, Prefix("exact", partial)])

    def field(self, token: Token) -> Node | None:
        value = token.text.strip()
        if self.fields is not None and token.field not in self.fields:
            return self.plain(value.split())
        if token.field in ("since", "before"):
            return None if self.add_date(token.field, value) else self.unreadable(token, "date")
        if not value:
            return None
        if token.field == "title":
            return self.scoring(_terms("title", value, phrase=token.quoted))
        if token.field == "type":
            kind = KINDS.get(fold(value))
            return Term("kind", kind) if kind else self.unreadable(token, "type")
        if token.field == "rome":
            codes = rome_codes(value, self.vocabulary)
            return _any_of("rome", codes) if codes else self.unreadable(token, "job")
        if token.field == "domaine":
            return self.domaine(value) or self.unreadable(token, "domaine")
        if token.field == "lieu":
            keys = known_place_keys(value, self.vocabulary)
            return _any_of("lieu", keys) if keys else self.unreadable(token, "place")
        if token.field == "skill":
            return Term("skill", value)
        return Name("source" if token.field == "source" else "tags", value)

    def unreadable(self, token: Token, reason: Unreadable) -> Node | None:
        """A field whose value cannot be read: its value searched as words, and reported.
        A ROME code (rome:H2913) or a job's name (métier:soudeur) no referential knows, a
        place's name no referential knows, a date, domaine or type that is none."""
        if not self.excluding:
            self.unread.append(Unread(f"{token.name}:{token.text}", reason))
        return self.plain(token.text.split())

    @staticmethod
    def domaine(value: str) -> Node | None:
        """A domaine professionnel (H29), or a grand domaine (H): the domaines it holds;
        None for anything else."""
        if not _DOMAINE_CODE.fullmatch(value):
            return None
        if len(value) == 1:
            return Prefix("domaine", value.upper())
        return Term("domaine", value.upper())

    def add_date(self, field: str, value: str) -> bool:
        """Keep the narrowest bounds, as filters do; False for a date that cannot be read.
        "avant:1/03/2026" is French for "until 28 February": the day itself is left out."""
        day = parse_day(value, self.today)
        if day and field == "since":
            self.since = max(day, self.since or day)
        elif day and day > date.min:
            last = day - timedelta(days=1)
            self.before = min(last, self.before or last)
        return day is not None


def _all_of(kept: list[Node], excluded: list[Node]) -> Node | None:
    if excluded:
        return AndNot(all_of(kept) or EVERY, any_of(excluded) or NOTHING)
    return all_of(kept)


def _any_of(field: str, values) -> Node | None:
    return any_of([Term(field, value) for value in dict.fromkeys(values)])


def _terms(field: str, text: str, phrase: bool) -> Node | None:
    """The words of `text` as `field` holds them (exact: every word unstemmed; title: the
    ranked terms): all of them, in order if `phrase`."""
    words = (_EXACT if field == "exact" else _FRENCH).sequence(text)
    if len(words) > 1:
        return Phrase(field, tuple(words)) if phrase else all_of(
            [Term(field, word) for word in words])
    return Term(field, words[0]) if words else None


def fold(text: str) -> str:
    """Lowercase, accents off, one apostrophe, single spaces: how names typed are compared."""
    return " ".join(fold_accents(text.casefold()).replace("’", "'").split())


def parse_day(value: str, today: date) -> date | None:
    """The day `value` names, counted back from `today` or written out; None if unreadable."""
    value = value.lower()
    try:
        if match := _RELATIVE.fullmatch(value):
            return _ago(today, int(match[1]), match[2])
        if match := _ISO_DAY.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _FRENCH_DAY.fullmatch(value):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except (ValueError, OverflowError):  # 31/02/2026, or before the year 1
        return None
    return None


def _ago(today: date, count: int, unit: str) -> date | None:
    """`count` units before `today`; a month back from 31 March is the end of February."""
    if unit not in UNITS:
        return None
    days, months = UNITS[unit]
    if days:
        return today - timedelta(days=count * days)
    year, month = divmod(today.year * 12 + today.month - 1 - count * months, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
