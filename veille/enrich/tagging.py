"""The three taggers together: an item's title and text read once, then tagged with the
ROME jobs (and their domaines), the skills and the places it names.

The taggers are built once from the referentials the store holds (a few seconds: some
150,000 phrases) and then serve every item in well under a millisecond each, so that
tagging adds little to collecting (bench/tagging.py measures both). The caller loads the
referentials (`store.referentials.load_rome`, `load_geo`): enrich reads no store itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from ..refdata import Geo, Rome
from .jobs import JobTag, JobTagger
from .matcher import read
from .places import PlaceTag, PlaceTagger, ordinary_words
from .skills import SkillTag, SkillTagger


@dataclass(frozen=True)
class Tags:
    """What an item was tagged with; `place_keys` adds to the places named the départements
    and régions they lie in ("commune:57463" brings "departement:57" and "region:44", its
    EPCI and its bassin d'emploi)."""

    jobs: tuple[JobTag, ...] = ()
    skills: tuple[SkillTag, ...] = ()
    places: tuple[PlaceTag, ...] = ()
    place_keys: frozenset[str] = frozenset()

    @property
    def rome(self) -> tuple[str, ...]:
        return tuple(tag.rome for tag in self.jobs)

    @property
    def domaines(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag.domaine for tag in self.jobs))

    @property
    def grands_domaines(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag.grand_domaine for tag in self.jobs))


class Taggers:
    """The jobs, skills and places taggers, built once from the ROME and the geography (and
    the communes' bassins d'emploi, INSEE code → bassin, when loaded)."""

    def __init__(self, rome: Rome, geo: Geo, bassins: Mapping[str, str] | None = None) -> None:
        self.jobs = JobTagger(rome)
        self.skills = SkillTagger(rome, self.jobs.phrases)
        labels = [title.label for title in rome.appellations]
        labels += [skill.label for skill in rome.skills]
        self.places = PlaceTagger(geo, ordinary_words(labels), bassins)

    def tag(self, title: str, text: str) -> Tags:
        """Tag an item by its title and its plain text."""
        words = read(f"{title}\n{text}")
        places = self.places.tag(words)
        return Tags(tuple(self.jobs.tag(words)), tuple(self.skills.tag(words)),
                    tuple(places), frozenset(self.places.expand(places)))
