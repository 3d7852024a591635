"""The jobs tagger: which ROME jobs an item talks about, from the job titles it writes.

Every appellation and job sheet title of the ROME is matched in all its forms (joblabels:
masculine, feminine, plural, with or without accents). Precision comes first, so a few
titles are read with care (docs/design-notes.md, "Taggers"):
- a title that means several ROME jobs ("livreur": N4104 and N4105) is left out;
- one-word titles that are everyday words in another sense ("facteur" of success,
  "acteurs" of employment, "carrière", "hôte", "juge" the verb) are never matched alone;
- one-word titles that are also adjectives ("commercial", "comptable", "routier") are
  matched only as nouns, after a determiner or a number ("des commerciaux", "2 comptables"),
  never in "le service commercial";
- phrases that contain a title without naming the job ("secrétaire d'État") hide it;
- a title written with a capital in the middle of a sentence is a proper noun ("Mme
  Berger", the "Boulanger" shop) and is skipped;
- an acronym is matched only as the ROME's own short name of a job ("ASH", "ATSEM"),
  written in capitals.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..refdata import Rome
from .joblabels import acronyms, forms, has_aside
from .matcher import Match, Matcher, Text, words

# One-word forms never matched alone: their everyday sense is commoner in labour news than
# the job (reviewed among the ROME's one-word titles that are frequent French words).
HOMOGRAPHS = frozenset({
    "acteur", "acteurs", "ambassadeur", "ambassadeurs", "ambassadrice", "ambassadrices",
    "arbitre", "arbitres", "calculateur", "calculateurs", "calculatrice", "calculatrices",
    "carriere", "carrieres", "chasseur", "chasseurs", "chasseuse", "chasseuses", "cocher",
    "cochers", "doublure", "doublures", "facteur", "facteurs", "foreuse", "foreuses",
    "glacier", "glaciers", "hote", "hotes", "juge", "lecteur", "lecteurs", "lectrice",
    "lectrices", "ligneuse", "ligneuses", "mime", "mimes", "mineur", "mineurs", "mixeur",
    "mixeurs", "modele", "modeles", "nez", "personnage", "personnages", "road", "roads",
    "silhouette", "silhouettes", "stationnaire", "stationnaires", "vestiaire", "vestiaires",
    "voilier", "voiliers",
    # Acronyms that name a department as well as its head ("la DSI", "la DRH").
    "drh", "dsi",
})
# One-word forms that are adjectives too: matched only after a determiner or a number.
ADJECTIVES = frozenset({
    "cerealier", "cerealiere", "cerealieres", "cerealiers", "commercial", "commerciale",
    "commerciales", "commerciaux", "comique", "comiques", "comptable", "comptables",
    "cycliste", "cyclistes", "fantaisiste", "fantaisistes", "forestier", "forestiere",
    "forestieres", "forestiers", "horloger", "horlogere", "horlogeres", "horlogers",
    "hotelier", "hoteliere", "hotelieres", "hoteliers", "marin", "marins", "publicitaire",
    "publicitaires", "routier", "routiere", "routieres", "routiers", "secouriste",
    "secouristes", "veterinaire", "veterinaires",
})
DETERMINERS = frozenset({
    "un", "une", "des", "les", "le", "la", "l", "de", "d", "du", "aux", "au", "ces", "cet",
    "cette", "ce", "nos", "vos", "leurs", "leur", "ses", "sa", "son", "mes", "quelques",
    "plusieurs", "nombreux", "nombreuses", "deux", "trois", "quatre", "cinq", "six", "dix",
    "vingt", "cent", "mille", "comme",
})
# Phrases that contain a job title without naming the job.
BLOCKERS = (
    "secrétaire d'État", "secrétaires d'État", "secrétaire général", "secrétaire générale",
    "secrétaires généraux", "chasseur de têtes", "chasseurs de têtes", "facteur de risque",
    "facteurs de risque",
)
_FORM, _ADJECTIVE, _ACRONYM = "form", "adjective", "acronym"
# A word that starts this many titles or more names a family of jobs ("agent", "chef").
GENERIC_HEAD = 20


@dataclass(frozen=True)
class JobTag:
    """An item talks about ROME job `rome`, in the words `said` (title `label`)."""

    rome: str
    label: str
    domaine: str
    grand_domaine: str
    said: str


class _Title(NamedTuple):
    """The title a phrase comes from (a tuple: hashed 60,000 times at build)."""

    rome: str
    label: str
    kind: str
    principal: bool = False


class JobTagger:
    """Built once from the ROME (a second or so), then used for every item."""

    def __init__(self, rome: Rome) -> None:
        self._metiers = {metier.code: metier for metier in rome.metiers}
        self._matcher: Matcher[_Title | None] = Matcher()
        titles = _titles(rome)
        self.phrases = frozenset(titles)
        for phrase, title in titles.items():
            self._matcher.add(phrase, title)
        for blocker in BLOCKERS:
            self._matcher.add(words(blocker), None)

    def tag(self, text: Text) -> list[JobTag]:
        """The ROME jobs `text` names, each once, in the order they first appear."""
        found: dict[str, JobTag] = {}
        for match in self._matcher.find(text.words, lambda m: _accepted(text, m)):
            title = next(iter(match.values))
            if title is None or title.rome in found:
                continue
            metier = self._metiers.get(title.rome)
            if metier:
                found[title.rome] = JobTag(title.rome, title.label, metier.domaine,
                                           metier.grand_domaine,
                                           text.original(match.start, match.end))
        return list(found.values())


def _accepted(text: Text, match: Match[_Title | None]) -> bool:
    """Whether the phrase found names a job there; a blocker always wins."""
    title = next(iter(match.values))
    if not text.within_sentence(match.start, match.end):
        return False
    return title is None or _reads_as_job(text, match.start, title)


def _reads_as_job(text: Text, start: int, title: _Title) -> bool:
    """Whether the title found at word `start` names a job there (the module's rules)."""
    if title.kind == _ACRONYM:
        return text.upper[start]
    if text.capital[start] and not text.upper[start] and not text.opening[start]:
        return False  # a proper noun: "Mme Berger", the "Boulanger" shop
    if title.kind == _ADJECTIVE:
        before = text.word(start - 1)
        return before in DETERMINERS or before.isdigit()
    return True


def _titles(rome: Rome) -> dict[tuple[str, ...], _Title]:
    """Every phrase that names one ROME job, with the title it comes from; phrases that
    name several jobs, and one-word homographs, are left out."""
    candidates: dict[tuple[str, ...], set[_Title]] = defaultdict(set)
    entries = [(a.label, a.rome_code, a.principal) for a in rome.appellations]
    entries += [(metier.label, metier.code, True) for metier in rome.metiers]
    titled = {label: forms(label) for label, _, _ in entries}
    generic = _generic_heads(titled.values())
    for label, code, principal in entries:
        qualified = has_aside(label)
        for phrase in titled[label]:
            if qualified and len(phrase) <= 2 and phrase[0] in generic:
                continue  # "Agent technique (espaces verts)" is not any "agent technique"
            kind = _ADJECTIVE if len(phrase) == 1 and phrase[0] in ADJECTIVES else _FORM
            candidates[phrase].add(_Title(code, label, kind, principal))
        if principal:
            for acronym in acronyms(label):
                candidates[words(acronym)].add(_Title(code, label, _ACRONYM, principal))
    shared: dict[_Title, _Title] = {}  # one object a title, not one a phrase
    return {phrase: shared.setdefault(title, title)
            for phrase, found in candidates.items()
            if len({title.rome for title in found}) == 1
            and not (len(phrase) == 1 and phrase[0] in HOMOGRAPHS)
            for title in [min(found, key=_preferred)]}


def _generic_heads(all_forms: Iterable[set[tuple[str, ...]]]) -> set[str]:
    """First words of many titles ("agent", "technicien"): they name a family of jobs."""
    counts = Counter(word for phrases in all_forms for word in {p[0] for p in phrases})
    return {word for word, count in counts.items() if count >= GENERIC_HEAD}


def _preferred(title: _Title) -> tuple[bool, bool, int]:
    """The title a phrase reports: a written one before an acronym, principal first."""
    return title.kind == _ACRONYM, not title.principal, len(title.label)
