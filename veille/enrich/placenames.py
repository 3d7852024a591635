"""The names of France's places as news writes them, built once from the geography.

Each name leads to one or more places (a commune, a département, a région, an EPCI):
"Saint-Louis" to four communes, "Vienne" to a département and a commune. Besides the
official names: "St-Dié" for "Saint-Dié", "au Havre" and "du Havre" for "Le Havre", "la
communauté de communes Terres Touloises" for "CC Terres Touloises" (and "Terres
Touloises" alone, when no commune or département bears that name), "PACA", and the
régions before 2016 (Alsace, Lorraine, Champagne-Ardenne…), which stand for the région they
lie in now (the Grand Est), never for their départements: "la Lorraine" names none of
Meuse, Meurthe-et-Moselle, Moselle and Vosges in particular. The tagger (places.py)
decides between the places a name leads to.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..refdata import COMMUNE, DEPARTEMENT, EPCI, REGION, Geo
from .matcher import Matcher, words

# Régions and départements proper: the overseas collectivities (975 and up) are neither.
_OVERSEAS_COLLECTIVITIES = 975
# Régions before the 2016 merger, still in everyday use, by the région they lie in now.
HISTORIC_REGIONS = {
    **dict.fromkeys(("Alsace", "Lorraine", "Champagne-Ardenne"), "44"),
    **dict.fromkeys(("Nord-Pas-de-Calais", "Picardie"), "32"),
    **dict.fromkeys(("Haute-Normandie", "Basse-Normandie"), "28"),
    **dict.fromkeys(("Bourgogne", "Franche-Comté"), "27"),
    **dict.fromkeys(("Auvergne", "Rhône-Alpes"), "84"),
    **dict.fromkeys(("Limousin", "Poitou-Charentes", "Aquitaine"), "75"),
    **dict.fromkeys(("Midi-Pyrénées", "Languedoc-Roussillon"), "76"),
}
REGION_ALIASES = {"PACA": "93", "Provence-Alpes-Côte-d'Azur": "93"}
# How EPCI names abbreviate their kind, and what news writes instead.
_EPCI_KINDS = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération",
               "CU": "Communauté urbaine"}
_EPCI_PREFIX = re.compile(r"^(CC|CA|CU)\s+")
_LEADING_LINK = re.compile(r"^(?:du|de la|de l'|de l’|des|de|d'|d’)\s*", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)")
# "Le Havre": "au Havre", "du Havre"; "Les Islettes": "aux Islettes", "des Islettes".
_CONTRACTIONS = {"le": ("au", "du"), "les": ("aux", "des")}


@dataclass(frozen=True)
class Place:
    """A place of the geography, with the départements, régions (and, for a commune, the
    EPCI and the BMO's bassin d'emploi) it lies in (a département lies in itself, a région
    in itself), for filters that include them."""

    kind: str
    code: str
    name: str
    departements: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    population: int = 0
    epcis: tuple[str, ...] = ()
    bassins: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The place as a tag: "commune:57463", "departement:57", "region:44"."""
        return f"{self.kind}:{self.code}"


@dataclass(frozen=True)
class Historic:
    """A région before 2016, which stands for the région it lies in now."""

    name: str
    region: Place


class Gazetteer:
    """Every place by its key, and a matcher of their names: a phrase stands for the
    places of that name (homonyms, or a commune and a département alike), or for a
    `Historic` région (a name of the région it lies in now, that a person may bear too).
    `bassins` gives communes their bassin d'emploi (INSEE code → code)."""

    def __init__(self, geo: Geo, bassins: Mapping[str, str] | None = None) -> None:
        self.places: dict[str, Place] = {}
        self.matcher: Matcher[Place | Historic] = Matcher()
        members: dict[str, list[Place]] = defaultdict(list)
        self._add_regions_and_departements(geo)
        self._add_communes(geo, members, bassins or {})
        self._add_epcis(geo, members)
        self._add_historic()

    def _place(self, place: Place, names: Iterable[str]) -> None:
        self.places[place.key] = place
        for name in names:
            for phrase in _spellings(name):
                self.matcher.add(phrase, place)

    def _taken(self, phrase: tuple[str, ...]) -> bool:
        return bool(self.matcher.values(phrase))

    def _add_regions_and_departements(self, geo: Geo) -> None:
        for region in geo.regions:
            if _proper(region.code):
                place = Place(REGION, region.code, region.name, (), (region.code,))
                self._place(place, [region.name])
        for alias, code in REGION_ALIASES.items():
            self._place(self.places[f"{REGION}:{code}"], [alias])
        for departement in geo.departements:
            if _proper(departement.code):
                place = Place(DEPARTEMENT, departement.code, departement.name,
                              (departement.code,), (departement.region,))
                self._place(place, [departement.name])

    def _add_communes(self, geo: Geo, members: dict[str, list[Place]],
                      bassins: Mapping[str, str]) -> None:
        for commune in geo.communes:
            bassin = bassins.get(commune.code)
            place = Place(COMMUNE, commune.code, commune.name, (commune.departement,),
                          (commune.region,), commune.population or 0,
                          (commune.epci,) if commune.epci else (),
                          (bassin,) if bassin else ())
            self._place(place, [commune.name])
            if commune.epci:
                members[commune.epci].append(place)

    def _add_epcis(self, geo: Geo, members: dict[str, list[Place]]) -> None:
        for epci in geo.epcis:
            inside = members.get(epci.code, [])
            place = Place(EPCI, epci.code, epci.name,
                          tuple(sorted({d for m in inside for d in m.departements})),
                          tuple(sorted({r for m in inside for r in m.regions})),
                          epci.population or 0)
            self._place(place, _epci_names(epci.name, self._taken))

    def _add_historic(self) -> None:
        for name, code in HISTORIC_REGIONS.items():
            if f"{REGION}:{code}" not in self.places:
                continue
            historic = Historic(name, self.places[f"{REGION}:{code}"])
            for phrase in _spellings(name):
                if not self._taken(phrase):
                    self.matcher.add(phrase, historic)


def _proper(code: str) -> bool:
    """Whether a région or département code is one of France's régions or départements
    proper (not an overseas collectivity such as Saint-Martin, 978)."""
    return not code.isdigit() or int(code) < _OVERSEAS_COLLECTIVITIES


def _spellings(name: str) -> Iterator[tuple[str, ...]]:
    """The phrases a place name is written as: as is, with "St"/"Ste" for "Saint"/"Sainte",
    and with "au"/"du"/"aux"/"des" for a leading "Le"/"Les"."""
    phrase = words(_ASIDE.sub("", name))
    yield phrase
    short = tuple({"saint": "st", "sainte": "ste"}.get(word, word) for word in phrase)
    if short != phrase:
        yield short
    for contraction in _CONTRACTIONS.get(phrase[0], ()) if phrase else ():
        yield (contraction, *phrase[1:])


def _epci_names(name: str, taken: Callable[[tuple[str, ...]], bool]) -> list[str]:
    """An EPCI's official name, spelt out ("CC du Val d'Argent" → "Communauté de communes
    du Val d'Argent"), and its own part ("Val d'Argent") when it has two words or more and
    is no commune's or département's name."""
    bare = _ASIDE.sub("", name).strip()
    prefix = _EPCI_PREFIX.match(bare)
    if not prefix:
        return [bare]
    own = _LEADING_LINK.sub("", bare[prefix.end():])
    names = [_EPCI_KINDS[prefix.group(1)] + " " + bare[prefix.end():]]
    if len(words(own)) >= 2 and not taken(words(own)):
        names.append(own)
    return names
