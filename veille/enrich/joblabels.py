"""The ways a ROME job title is written in news, from the way the ROME writes it.

The ROME writes "Soudeur / Soudeuse", "Aide-soignant / Aide-soignante à domicile",
"Agent / Agente d'administration principal(e) des douanes", "Infirmier / Infirmière
anesthésiste (IADE)": a masculine and a feminine head, then what both share. News writes
"les soudeurs", "une aide-soignante", "des aides-soignants à domicile". `forms` spells out
each title's masculine, feminine and (simple French) plural forms as the matcher compares
them; asides in brackets are left out ("(IADE)", "(lapins)"), and an acronym that spells
the title ("ASH" for "Agent de service hospitalier") is kept for `acronyms`.
"""

import re
from collections.abc import Iterator
from functools import lru_cache

from .matcher import words

# "principal(e)", "Diplômé(e)": an ending in brackets glued to its word.
_ENDING = re.compile(r"(\w)\((\w{1,4})\)")
# An aside: "(IADE)", "(lapins)", " -IADE-" or " - AESH" at the end.
_ASIDE = re.compile(r"\s+\(([^()]*)\)|\s+-\s?([A-Z][A-Z0-9]{1,})-?(?=\s|$)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,}")
# Words an acronym skips ("Agent de Service Hospitalier" → ASH).
_LINKS = frozenset({"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le",
                    "les", "pour", "sur"})


def forms(label: str) -> set[tuple[str, ...]]:
    """Every form of a ROME title news may write, as tuples of normalised words: singular
    and plural, masculine and feminine ("aide-soignant", "aides-soignantes"); the words
    right after the head agree ("ouvriers agricoles", "pisteurs secouristes"), and the
    last word of an English title alone takes the plural ("data scientists")."""
    bare = _ASIDE.sub("", label).strip()
    found: set[tuple[str, ...]] = set()
    for text in {_ENDING.sub(r"\1", bare), _ENDING.sub(r"\1\2", bare)}:
        for head, rest in _genders(text):
            count = _agreeing(rest)
            group, tail = head + rest[:count], rest[count:]
            found.add(words(" ".join(head + rest)))
            found.add(words(" ".join([_plural_word(w) for w in head] + rest)))
            found.add(words(" ".join([_plural_word(w) for w in group] + tail)))
            found.add(words(" ".join(group[:-1] + [_plural_word(group[-1], last_part=True)]
                                     + tail)))
    found.discard(())
    return found


def _agreeing(rest: list[str]) -> int:
    """How many words after a title's head agree with it: up to the first link word
    ("agricole" in "ouvrier agricole", none in "conducteur de bus")."""
    for count, word in enumerate(rest):
        if not word.replace("-", "").isalpha() or _first(word) in _LINKS:
            return count
    return len(rest)


def has_aside(label: str) -> bool:
    """Whether the title has a qualifying aside that `forms` leaves out ("Agent technique
    (espaces verts)"), which an acronym is not."""
    return any(not _ACRONYM.fullmatch(match.group(1) or match.group(2) or "")
               for match in _ASIDE.finditer(label))


def _genders(text: str) -> list[tuple[list[str], list[str]]]:
    """The (head, rest) pairs of a title: "Soudeur / Soudeuse de précision" gives
    (["Soudeur"], ["de", "précision"]) and (["Soudeuse"], ["de", "précision"])."""
    if " / " not in text:
        split = text.split()
        return [(split[:1], split[1:])]
    left, right = (side.split() for side in text.split(" / ", 1))
    if not left or not right:
        return [(left or right, [])]
    if _stem(right[0]) == _stem(left[-1]) and words(right[0]) == words(left[-1]):
        return [(left, []), (right[:1], right[1:])]  # "Homme sage-femme / Sage-femme"
    if len(left) > 1 and _stem(right[0]) != _stem(left[0]) and (
            _stem(right[0]) == _stem(left[-1]) or len(right) == 1):
        # "Instrumentiste Industriel / Industrielle": the slash is on the last word only.
        return [(left, right[1:]), (left[:-1] + right[:1], right[1:])]
    count = len(left)
    return [(left, right[count:]), (right[:count], right[count:])]


def _stem(word: str) -> str:
    folded = _first(word)
    return folded[:3]


@lru_cache(maxsize=16_384)
def _first(word: str) -> str:
    """The first normalised word of `word` ("" for none); cached: titles share words."""
    folded = words(word)
    return folded[0] if folded else ""


def _plural_word(word: str, last_part: bool = False) -> str:
    """"aide-soignant" → "aides-soignants" (or "aide-soignants" with `last_part`)."""
    if word.lower() in _LINKS:
        return word
    parts = word.split("-")
    if last_part:
        return "-".join(parts[:-1] + [plural(parts[-1])])
    return "-".join(plural(part) for part in parts)


def plural(word: str) -> str:
    """The regular French plural of a noun or adjective; enough for job titles."""
    lower = word.lower()
    if lower.endswith(("s", "x", "z")):
        return word
    if lower.endswith("al"):
        return word[:-2] + "aux"
    if lower.endswith(("eau", "eu", "au")):
        return word + "x"
    return word + "s"


def acronyms(label: str) -> Iterator[str]:
    """The acronyms in a title's asides that spell the title itself: "ASH" in "Agent /
    Agente de service hospitalier (ASH)", not "RH" in "Assistant / Assistante Ressources
    Humaines (RH)", which names the field."""
    head, rest = _genders(_ASIDE.sub("", label).strip())[0]
    initials = "".join(word[0] for word in words(" ".join(head + rest)) if word not in _LINKS)
    for match in _ASIDE.finditer(label):
        aside = match.group(1) or match.group(2) or ""
        if _ACRONYM.fullmatch(aside):
            common = min(len(aside), len(initials))
            if common >= 2 and aside.lower()[:common] == initials[:common]:
                yield aside
