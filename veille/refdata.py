"""What the referentials hold, as the taggers and pages read them back from the store.

Labels are kept exactly as the official files write them ("Soudeur / Soudeuse", curly or
straight apostrophes): matching them loosely is the taggers' job, not the importer's.
"""

from dataclasses import dataclass, field
from datetime import datetime

ROME, GEO = "rome", "geo"
TITLES = {ROME: "ROME 4.0", GEO: "geography"}
# The kinds of place, as place tags name them ("commune:57463", "departement:57").
COMMUNE, DEPARTEMENT, REGION, EPCI = "commune", "departement", "region", "epci"


@dataclass(frozen=True)
class GrandDomaine:
    """One of the fourteen ROME "grands domaines" (A … N), the portal's sectors."""

    code: str
    label: str


@dataclass(frozen=True)
class Domaine:
    """A ROME "domaine professionnel" (e.g. H29), inside the grand domaine of its letter."""

    code: str
    label: str
    grand_domaine: str


@dataclass(frozen=True)
class Metier:
    """A ROME job sheet (e.g. H2913), with its domaine and grand domaine."""

    code: str
    label: str
    domaine: str
    grand_domaine: str
    domaine_label: str = ""
    grand_domaine_label: str = ""


@dataclass(frozen=True)
class Appellation:
    """A job title people use ("Soudeur / Soudeuse"), leading to one ROME job sheet.

    `principal` marks the title that names the job sheet itself; the others are synonyms.
    """

    code: str
    label: str
    short_label: str
    rome_code: str
    principal: bool = False


SAVOIR_FAIRE, SAVOIR_ETRE, SAVOIR = "savoir-faire", "savoir-être", "savoir"


@dataclass(frozen=True)
class Skill:
    """A compétence (savoir-faire, savoir-être professionnel) or a savoir of the ROME."""

    code: str
    label: str
    kind: str  # SAVOIR_FAIRE, SAVOIR_ETRE or SAVOIR
    category: str = ""  # e.g. "Technique", "Normes et procédés"


@dataclass(frozen=True)
class SkillLink:
    """A ROME job sheet asks for a skill."""

    rome_code: str
    skill_code: str


@dataclass
class Rome:
    """The ROME 4.0 referential: its release (e.g. "460") and its lists."""

    version: str
    grands_domaines: list[GrandDomaine] = field(default_factory=list)
    domaines: list[Domaine] = field(default_factory=list)
    metiers: list[Metier] = field(default_factory=list)
    appellations: list[Appellation] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    links: list[SkillLink] = field(default_factory=list)


@dataclass(frozen=True)
class Region:
    code: str  # INSEE code, e.g. "44" (Grand Est)
    name: str


@dataclass(frozen=True)
class Departement:
    code: str  # e.g. "57", "2A", "974"
    name: str
    region: str


@dataclass(frozen=True)
class Epci:
    """An intercommunality with its own taxation (CC, CA, CU, métropole), by SIREN."""

    code: str
    name: str
    kind: str  # CC, CA, CU, METRO…
    population: int | None = None


@dataclass(frozen=True)
class Commune:
    """A current commune (communes déléguées and associées are left out) by INSEE code."""

    code: str
    name: str
    departement: str
    region: str
    epci: str = ""  # SIREN of its EPCI; "" for the few islands outside any
    population: int | None = None
    postcodes: tuple[str, ...] = ()


@dataclass
class Geo:
    """The administrative geography (INSEE COG through decoupage-administratif)."""

    version: str
    regions: list[Region] = field(default_factory=list)
    departements: list[Departement] = field(default_factory=list)
    epcis: list[Epci] = field(default_factory=list)
    communes: list[Commune] = field(default_factory=list)


@dataclass(frozen=True)
class Changes:
    """What an import did to one table (or to all of a referential's)."""

    added: int = 0
    changed: int = 0
    removed: int = 0

    def __add__(self, other: "Changes") -> "Changes":
        return Changes(self.added + other.added, self.changed + other.changed,
                       self.removed + other.removed)


@dataclass(frozen=True)
class ReferentialVersion:
    """The release of a referential the store holds, where it came from and its counts."""

    name: str  # ROME or GEO
    version: str  # "" when the files do not say
    source: str  # the folder or address it was imported from
    imported_at: datetime
    counts: dict[str, int]

    @property
    def stamp(self) -> tuple:
        """What every import changes, even of the same release: caches built from the
        referential (taggers, place names) are keyed on it."""
        return (self.name, self.version, self.imported_at)
