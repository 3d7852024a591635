"""What a search's words mean in the referentials the store holds: the places a `lieu` names
and the ROME jobs a text names (for synonyms). The index knows neither; the store side
(veille.tags.vocabulary) answers, and without referentials a search simply goes without.

Places are index keys ("departement:57", "commune:57463"), as the `lieu` column holds them.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

PLACE_KINDS = ("commune", "epci", "departement", "region", "bassin")
ROME_CODE = re.compile(r"[A-Na-n][0-9]{4}")


@dataclass(frozen=True)
class JobMention:
    """A ROME job named in a search text, in the words `said` (as typed)."""

    said: str
    rome: str


class Vocabulary(Protocol):
    def place_keys(self, name: str) -> tuple[str, ...]:
        """The keys of the places of that name ("Moselle" → "departement:57"); () if none."""
        ...

    def jobs(self, text: str) -> Sequence[JobMention]:
        """The ROME jobs `text` names ("soudeurs" → H2913)."""
        ...

    def has_job(self, code: str) -> bool:
        """Whether the ROME holds that code ("H2913")."""
        ...


def place_keys(value: str, vocabulary: Vocabulary | None) -> tuple[str, ...]:
    """The index keys a `lieu` value stands for: a key as written ("region:44",
    "bassin:4431"), a code as a place of any kind ("57": the département; "44": the région
    Grand Est and the département Loire-Atlantique alike; "4431": the bassin d'emploi of
    Metz), else a name the vocabulary knows. A name it does not know stays as written, and
    matches nothing."""
    value = value.strip()
    kind, colon, code = value.partition(":")
    if colon and kind.lower() in PLACE_KINDS:
        return (f"{kind.lower()}:{code.strip().upper()}",)
    if any(char.isdigit() for char in value):
        return tuple(f"{kind}:{value.upper()}" for kind in PLACE_KINDS)
    found = vocabulary.place_keys(value) if vocabulary else ()
    return found or (value,)


def rome_codes(value: str, vocabulary: Vocabulary | None) -> tuple[str, ...]:
    """The ROME codes a job value stands for: a code ("h2913" is H2913), else the jobs the
    text names ("soudeurs" → H2913); () when it names none (or without a vocabulary)."""
    value = value.strip()
    if ROME_CODE.fullmatch(value):
        return (value.upper(),)
    if vocabulary is None:
        return ()
    return tuple(dict.fromkeys(job.rome for job in vocabulary.jobs(value)))
