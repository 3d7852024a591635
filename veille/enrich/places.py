"""The places tagger: which communes, départements, régions and EPCI an item names.

Names are found by the gazetteer (placenames.py); precision comes first, so a name is a
place only when it reads as one (docs/design-notes.md, "Taggers"):
- it is written with a capital ("à Metz", never "un bar", "le bois");
- a one-word name that is also an ordinary French word (Bar, Moyen, Bois, Rang, Mars,
  Somme, Cher, Lot…) must also stand where places stand: not at a sentence start, after
  "à" or "de" for a commune ("la mairie de Moyen"), after an article for a département ("le
  Lot"); towns of 20,000 people or more (Tours, Cannes) need only their capital;
- a one-word name next to another capitalised word is a person's ("Nancy Martin", "Marie
  Bois", "Lorraine Dubois"), unless that word is a place too ("Carling Saint-Avold"); one
  after "M.", "Mme", "chez" or "l'opérateur" is a person or a firm;
- communes take no article: "la Suisse", "la Marne" are not the communes of those names,
  and a commune whose name has one needs it with its capital ("La Rochelle", not "rue de
  la Rochelle");
- outside the Grand Est, a commune of fewer than 20,000 people needs "à" before it, its
  département after it, or its département or région named in the item (Grand Est first);
- a one-word name that starts the full name of a commune the item names is that commune
  ("Romilly" after "Romilly-sur-Seine");
- homonyms (four Saint-Louis, five Chaumont) are narrowed down by a département written
  after the name ("Void (55)"), by the départements, then the régions the item names, then
  to the Grand Est, and settled in favour of a town five times bigger than the others
  left; else left out;
- a name both of a département or région and of communes (Vienne, Bretagne) is the
  commune after "à", else the wider area, unless the commune lies in it (Paris); a name
  both of a région and of a département (La Réunion) is the département;
- a région before 2016 (Lorraine, Alsace, Picardie…) is the région it lies in now (the
  Grand Est, the Hauts-de-France…), never its départements (placenames.py);
- the name of an organisation is not a place mentioned: a place right after an
  organisation's name or acronym ("UIMM Lorraine", "CCI Grand Est", "Pôle emploi
  Lorraine", "France Travail Grand Est", "FC Metz"), or after it and "de" when the place
  is an area ("Université de Lorraine", "Chambre de métiers de la Moselle"), names the
  organisation and says nothing of where the news happens; a commune after "de" is where
  the organisation is ("l'agence France Travail de Thionville"), and the territorial
  collectivities are their territory ("la Région Grand Est finance", "le Département de la
  Moselle"): both stay places (ORGANISATIONS).
Each tag implies the département(s) and région(s) the place lies in (`expand`), so that a
filter on "Moselle" finds the items naming Metz; a commune also implies its EPCI and its
bassin d'emploi (when the BMO's bassins are loaded).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..refdata import BASSIN, COMMUNE, DEPARTEMENT, EPCI, REGION, Geo
from ..text.typography import DASHES
from .matcher import Match, Text, words
from .placenames import Gazetteer, Historic, Place

GRAND_EST = "44"
_KINDS = (COMMUNE, DEPARTEMENT, REGION, EPCI)
BIG_TOWN = 20_000  # inhabitants: a capitalised ordinary word this big is the town
HOMONYM_RATIO = 5  # a homonym this many times bigger than the others is the one meant
# Words a place name may begin with that say nothing of its capital ("au Havre").
_LEADING = frozenset({"au", "aux", "du", "des", "de", "d", "la", "le", "les", "l"})
_BEFORE_COMMUNE = frozenset({"a", "de", "d"})
_BEFORE_AREA = frozenset({"la", "le", "l", "les", "du", "des", "de", "d", "en", "dans",
                          "au", "aux"})
_ARTICLES = frozenset({"la", "le", "les", "l"})
# After these a name is a person's or a firm's: "M. Nancy", "chez Orange", "l'opérateur X".
_NOT_PLACE_AFTER = frozenset(words(
    "m mme mlle mm dr pr me chez groupe société enseigne opérateur marque firme"))
# Names of départements that are everyday words the ROME's vocabulary lacks.
EVERYDAY = frozenset({"aube", "cher", "creuse", "landes", "somme"})
# Organisations named after the area they serve, as news writes them (folded words): a
# place name after one belongs to the organisation's name. Local establishments (a
# hospital, a lycée, a CFA) are left out: their name says where they are. The territorial
# collectivities too (Région, Département, Ville, Métropole): they are their territory.
ORGANISATIONS = frozenset(words(name) for name in (
    "UIMM", "CCI", "CCIR", "CMA", "CRMA", "CMAR", "CPME", "Medef", "U2P", "FFB", "Capeb",
    "FNTP", "FRTP", "ARS", "Dreets", "DDETS", "Draaf", "Dreal", "Urssaf", "Carsat", "MSA",
    "CAF", "CPAM", "Apec", "Afpa", "Greta", "Cnam", "Agefiph", "Ademe", "Ceser", "Cress",
    "FDSEA", "FRSEA", "CGT", "CFDT", "Unsa", "Adie", "SNCF", "FC", "Crous", "Onisep",
    "Pôle emploi", "France Travail", "Cap emploi", "Mission locale", "Université",
    "Chambre de commerce et d'industrie", "Chambre de commerce", "Chambre de métiers",
    "Chambre de métiers et de l'artisanat", "Chambre d'agriculture",
    "Chambre régionale d'agriculture", "Fédération du bâtiment",
    "Fédération française du bâtiment", "Fédération des travaux publics",
    "Agence régionale de santé", "Crédit agricole", "Crédit mutuel", "Banque populaire",
    "Caisse d'épargne", "Mutualité française", "Football club", "Dernières nouvelles",
))
_ORGANISATION_LENGTHS = sorted({len(name) for name in ORGANISATIONS}, reverse=True)
# What links an organisation's name to the area it is named after: "Université de
# Lorraine", "Chambre de métiers de la Moselle", "UIMM de l'Aube".
_LINKS = frozenset({"de", "du", "des", "d", "la", "l"})
_REACH = 4  # words between an organisation's name and a place of it, at most
CALENDAR = frozenset(words(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche"))


@dataclass(frozen=True)
class PlaceTag:
    """An item names `place`, in the words `said`."""

    place: Place
    said: str


@dataclass(frozen=True)
class _Found:
    """A name found in the text and the places it may mean there (the départements of a
    historic région)."""

    match: Match[Place | Historic]
    places: tuple[Place, ...]
    historic: bool = False


def ordinary_words(labels: Iterable[str]) -> frozenset[str]:
    """The words written in lowercase in `labels` (the ROME's 46,000 titles and skills
    are the French of work): a place named like one of them needs more than a capital."""
    lowercase = {word for label in labels for word in label.split() if word.islower()}
    return frozenset(CALENDAR | EVERYDAY | {part for word in lowercase for part in words(word)})


class PlaceTagger:
    """Built once from the geography (and the ordinary words), then used for every item."""

    def __init__(self, geo: Geo, ordinary: Iterable[str] = CALENDAR | EVERYDAY,
                 bassins: Mapping[str, str] | None = None) -> None:
        self.gazetteer = Gazetteer(geo, bassins)
        self._ordinary = frozenset(ordinary)

    def tag(self, text: Text) -> list[PlaceTag]:
        """The places `text` names, each once, in the order they first appear."""
        found: list[_Found] = []
        owned = 0  # the words before this one are an organisation's name's

        def accept(match: Match[Place | Historic]) -> bool:
            nonlocal owned
            historic = next((v for v in match.values if isinstance(v, Historic)), None)
            named = (v for v in match.values if isinstance(v, Place))  # all, without a Historic
            places = (historic.region,) if historic else tuple(sorted(
                named, key=lambda place: (_KINDS.index(place.kind), place.code)))
            places = _outside_organisations(text, match.start, places)
            if match.start < owned or not places:
                owned = max(owned, match.end)  # nor the shorter names within it
                return False
            places = self._candidates(text, match, places, historic is not None)
            if places:
                found.append(_Found(match, places, historic is not None))
            return bool(places)

        for _ in self.gazetteer.matcher.find(text.words, accept):
            pass
        named = _named_areas(found)
        tags: dict[str, PlaceTag] = {}
        for one in found:
            for place in _resolve(text, one, named, found):
                tags.setdefault(place.key, PlaceTag(place, text.original(one.match.start,
                                                                         one.match.end)))
        return list(tags.values())

    def expand(self, tags: Iterable[PlaceTag]) -> set[str]:
        """The keys of the places tagged and of the EPCI, bassins, départements and régions
        they lie in: what a filter on a place matches."""
        keys = set()
        for tag in tags:
            keys.add(tag.place.key)
            keys.update(f"{DEPARTEMENT}:{code}" for code in tag.place.departements)
            keys.update(f"{REGION}:{code}" for code in tag.place.regions)
            keys.update(f"{EPCI}:{code}" for code in tag.place.epcis)
            keys.update(f"{BASSIN}:{code}" for code in tag.place.bassins)
        return keys

    def _candidates(self, text: Text, match: Match, places: tuple[Place, ...],
                    historic: bool) -> tuple[Place, ...]:
        """The places the name found may mean there, once the module's rules have spoken."""
        start, end = match.start, match.end
        before = text.word(start - 1)
        first = next((i for i in range(start, end) if text.words[i] not in _LEADING), start)
        if (before in _NOT_PLACE_AFTER or not any(text.capital[first:end])
                or not text.within_sentence(start, end)):
            return ()
        if before in _ARTICLES or (text.words[start] in _ARTICLES and not text.capital[start]):
            places = tuple(place for place in places if place.kind != COMMUNE)
        if end - first > 1:
            return places
        if not text.capital[first]:
            return ()
        if self._beside_a_name(text, first, end):  # a person's name, not a commune's
            if historic:
                return ()
            places = tuple(place for place in places if place.kind != COMMUNE)
        if text.words[first] in self._ordinary or len(text.words[first]) <= 2:
            places = _as_ordinary_word(text, match, first, places)
        return places

    def _beside_a_name(self, text: Text, first: int, end: int) -> bool:
        """"Nancy Martin", "Marie Bois": a capitalised word right before or after (not an
        acronym, not a sentence start, not a place) makes a one-word name a person's."""
        def a_name(index: int) -> bool:
            return (0 <= index < len(text) and len(text.words[index]) > 1
                    and text.capital[index] and not text.upper[index]
                    and not text.opening[index] and text.words[index] not in _LEADING)
        def a_place(start: int, end: int | None = None) -> bool:
            found = self.gazetteer.matcher.longest(text.words, start)
            return (found is not None and (end is None or found.end == end)
                    and (found.end - start > 1 or text.words[start] not in self._ordinary))
        if a_name(first - 1) and text.joined(first) and not a_place(first - 1, first):
            return True
        return a_name(end) and text.joined(end) and not a_place(end)


def _outside_organisations(text: Text, start: int,
                           places: tuple[Place, ...]) -> tuple[Place, ...]:
    """The places a name at word `start` may mean, unless it belongs to an organisation's
    name: none right after one ("UIMM Lorraine"), the communes only after one and "de"
    (where the organisation is: "l'agence France Travail de Thionville")."""
    organisation = _organisation_before(text, start)
    if organisation == "named":
        return ()
    if organisation == "linked":
        return tuple(place for place in places if place.kind == COMMUNE)
    return places


def _organisation_before(text: Text, start: int) -> str | None:
    """Whether the name at word `start` belongs to an organisation's name: "named" right
    after it, or after it and other capitalised words ("UIMM Lorraine", "Crédit Agricole
    Alsace Vosges"), "linked" after it and "de" ("Université de Lorraine"), else None."""
    at, linked = start, False
    for _ in range(_REACH):
        for length in _ORGANISATION_LENGTHS:
            if at >= length and text.words[at - length:at] in ORGANISATIONS and (
                    text.within_sentence(at - length, start + 1)):
                return "linked" if linked else "named"
        if text.word(at - 1) in _LINKS:
            linked = True
        elif at == 0 or not (text.capital[at - 1] and _attached(text, at)):
            return None
        at -= 1
    return None


def _attached(text: Text, index: int) -> bool:
    """Whether word `index` follows the word before it with only spaces or dashes between:
    one name ("Auvergne-Rhône-Alpes", "Crédit Agricole Alsace Vosges")."""
    return not text.source[text.ends[index - 1]:text.starts[index]].strip().strip(DASHES)


def _as_ordinary_word(text: Text, match: Match, first: int,
                      places: tuple[Place, ...]) -> tuple[Place, ...]:
    """An ordinary word with a capital is a place where places stand: not at a sentence
    start; after "à"/"de" for a small commune, after an article for a wider area."""
    if text.opening[first]:
        return ()
    before = text.word(first - 1)
    strong = before in _BEFORE_COMMUNE or _departement_after(text, match.end) is not None
    return tuple(place for place in places if (
        before in _BEFORE_AREA if place.kind != COMMUNE
        else strong or place.population >= BIG_TOWN))


def _departement_after(text: Text, end: int) -> str | None:
    """The département code written in brackets after a name: "Void-Vacon (55)"."""
    code = text.word(end)
    if code and (code.isdigit() and len(code) in (2, 3) or code in ("2a", "2b")):
        if "(" in text.source[text.ends[end - 1]:text.starts[end]]:
            return code.upper()
    return None


def _named_areas(found: list[_Found]) -> set[str]:
    """The départements ("d57") and régions ("r44") an item names or implies without
    doubt, what settles its homonyms; those named as such (not through a commune) are
    also marked ("D57", "R44"): what a small commune far away needs."""
    areas: set[str] = set()
    for one in found:
        if sum(place.kind == COMMUNE for place in one.places) <= 1:
            for place in one.places:
                areas.update(f"d{code}" for code in place.departements)
                areas.update(f"r{code}" for code in place.regions)
                if place.kind != COMMUNE:
                    areas.update(f"D{code}" for code in place.departements)
                    areas.update(f"R{code}" for code in place.regions)
    return areas


def _resolve(text: Text, one: _Found, named: set[str], found: list[_Found]) -> list[Place]:
    """The places a name found means there (the module's rules on homonyms)."""
    if one.historic:
        return list(one.places)
    communes = [place for place in one.places if place.kind == COMMUNE]
    areas = sorted((place for place in one.places if place.kind in (DEPARTEMENT, REGION)),
                   key=lambda place: place.kind != DEPARTEMENT)
    if communes and areas:
        inside = [commune for commune in communes if areas[0].kind == DEPARTEMENT
                  and commune.departements[0] == areas[0].code]
        if inside:
            return inside[:1]
        if text.word(one.match.start - 1) != "a":
            return areas[:1]
    if communes:
        commune = _commune(text, one, communes, named, found)
        return [commune] if commune else []
    return (areas or [place for place in one.places if place.kind == EPCI])[:1]


def _commune(text: Text, one: _Found, communes: list[Place], named: set[str],
             found: list[_Found]) -> Place | None:
    """The commune meant among those of that name, or None when nothing settles it."""
    phrase = text.words[one.match.start:one.match.end]
    written = _departement_after(text, one.match.end)
    longer = {place for other in found for place in other.places if place.kind == COMMUNE
              and len(other.places) == 1 and words(place.name)[:len(phrase)] == phrase
              and len(words(place.name)) > len(phrase)}
    if len(longer) == 1:
        return longer.pop()  # "Romilly" after "Romilly-sur-Seine"
    after_a = text.word(one.match.start - 1) == "a"
    communes = [c for c in communes if c.regions[0] == GRAND_EST or c.population >= BIG_TOWN
                or after_a or written or f"D{c.departements[0]}" in named
                or f"R{c.regions[0]}" in named]
    return _homonym(communes, written, named)


def _homonym(communes: list[Place], written: str | None, named: set[str]) -> Place | None:
    """The commune meant among homonyms, or None when nothing settles it: each clue in turn
    narrows the candidates (the département written after the name, the départements,
    then the régions the item names, the Grand Est), then a town five times bigger than
    the others left wins."""
    for keep in (lambda c: c.departements[0] == written,
                 lambda c: f"d{c.departements[0]}" in named,
                 lambda c: f"r{c.regions[0]}" in named,
                 lambda c: c.regions[0] == GRAND_EST):
        communes = [commune for commune in communes if keep(commune)] or communes
        if len(communes) == 1:
            return communes[0]
    if not communes:
        return None
    biggest = sorted(communes, key=lambda c: c.population, reverse=True)
    if biggest[0].population >= HOMONYM_RATIO * max(biggest[1].population, 1):
        return biggest[0]
    return None
