"""The skills tagger: which ROME compétences and savoirs an item writes out.

ROME skills are long labels ("Techniques de soudage", "Avoir l'esprit d'équipe",
"Réaliser des soins d'hygiène et de confort"): they are matched whole, as normalised words
(case, accents, elisions and hyphens aside), which is precise and leaves out paraphrases.
Asides in brackets and trailing "…"/"etc." are left out of a label, and the licences are
also matched as everyone writes them ("permis B" for "Permis de conduire catégorie B").
Kept simple and precise, as for jobs:
- a label that is also a job title ("Commis de cuisine", in the savoirs) is the jobs
  tagger's, not a skill;
- one-word labels are left out: in news they name a field, a sector or something else
  altogether more often than a skill ("Finance" and "la région finance", "Français",
  "Recrutement", "Restauration" of a castle, "C" of "c'est", "Oracle" the firm).
"""

import re
from collections.abc import Collection
from dataclasses import dataclass

from ..refdata import Rome
from .matcher import Match, Matcher, Text, words

_ASIDE = re.compile(r"\s*\([^()]*\)")
_TRAILING = re.compile(r"[\s,]*(?:\.\.\.|…|etc\.?)\s*$")
_LICENCE = re.compile(r"^Permis de conduire catégorie (\w+)$", re.IGNORECASE)


@dataclass(frozen=True)
class SkillTag:
    """An item writes out ROME skill `code` (`label`), in the words `said`."""

    code: str
    label: str
    kind: str
    said: str


class SkillTagger:
    """Built once from the ROME's skills, leaving out the phrases of `job_phrases`."""

    def __init__(self, rome: Rome, job_phrases: Collection[tuple[str, ...]] = ()) -> None:
        self._matcher: Matcher[tuple[str, str, str, bool]] = Matcher()
        for skill in rome.skills:
            for phrase, licence in _phrases(skill.label):
                if len(phrase) > 1 and phrase not in job_phrases:
                    self._matcher.add(phrase, (skill.code, skill.label, skill.kind, licence))

    def tag(self, text: Text) -> list[SkillTag]:
        """The skills `text` writes out, each once, in the order they first appear."""
        found: dict[str, SkillTag] = {}
        for match in self._matcher.find(text.words, lambda m: _reads_as_skill(text, m)):
            for code, label, kind, _ in sorted(match.values):
                found.setdefault(code, SkillTag(code, label, kind,
                                                text.original(match.start, match.end)))
        return list(found.values())


def _reads_as_skill(text: Text, match: Match) -> bool:
    """Within a sentence; a licence's category in capitals ("permis B", not "permis de")."""
    licence = any(value[3] for value in match.values)
    return text.within_sentence(match.start, match.end) and (
        not licence or text.capital[match.end - 1])


def _phrases(label: str) -> list[tuple[tuple[str, ...], bool]]:
    """The phrases a skill label is written as, each saying whether it is a licence's."""
    phrases = [(words(_TRAILING.sub("", _ASIDE.sub("", label))), False)]
    licence = _LICENCE.match(label)
    if licence:
        phrases.append((("permis", *words(licence.group(1))), True))
    return phrases
