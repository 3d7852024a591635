"""What the referentials hold, as the taggers and pages read them back from the store.

Labels are kept exactly as the official files write them ("Soudeur / Soudeuse", curly or
straight apostrophes): matching them loosely is the taggers' job, not the importer's.
"""

from dataclasses import dataclass, field
from datetime import datetime

ROME, GEO, FAP, BASSINS = "rome", "geo", "fap", "bassins"
# France Travail's BMO survey: one referential a year, side by side ("bmo:2024").
BMO = "bmo"
TITLES = {ROME: "ROME 4.0", GEO: "geography", FAP: "FAP", BASSINS: "BMO bassins",
          BMO: "BMO survey"}
# The kinds of place, as place tags name them ("commune:57463", "departement:57"); a bassin
# d'emploi of the BMO survey is a place by its communes ("bassin:4431").
COMMUNE, DEPARTEMENT, REGION, EPCI = "commune", "departement", "region", "epci"
BASSIN = "bassin"


def bmo_name(year: int | str) -> str:
    """The referential of one year of the BMO survey: "bmo:2024"."""
    return f"{BMO}:{year}"


def kind_of(name: str) -> str:
    """The kind of referential a name is: "bmo:2024" is a BMO, "rome" the ROME."""
    return name.partition(":")[0]


def title(name: str) -> str:
    """A referential as the command line names it: "ROME 4.0", "BMO survey"."""
    return TITLES[kind_of(name)]


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
    # The ROME v3 job sheet it comes from (itself for those of ROME v3): what the tables
    # made for ROME v3, such as DARES' ROME → FAP, name it by.
    parent: str = ""


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
class FapFamily:
    """A family of DARES' FAP-2021 nomenclature at one of its levels (22, 86, 228, 341):
    "D1X33" Soudeurs (228, the BMO's jobs), "D1X33b" Ouvriers qualifiés en soudage (341)."""

    level: int
    code: str
    label: str


@dataclass(frozen=True)
class RomeFap:
    """DARES' table: a ROME (v3) job sheet at a qualification level (0 to 9) is in a FAP341."""

    rome: str
    qualification: int
    fap: str


@dataclass
class Fap:
    """FAP-2021: the nomenclature's tree and the ROME → FAP table."""

    version: str
    families: list[FapFamily] = field(default_factory=list)
    rome_links: list[RomeFap] = field(default_factory=list)


@dataclass(frozen=True)
class Bassin:
    """A bassin d'emploi of the BMO survey, by its code ("4431", METZ)."""

    code: str
    name: str


@dataclass(frozen=True)
class BassinCommune:
    commune: str  # INSEE code
    bassin: str


@dataclass
class Bassins:
    """Which bassin d'emploi each commune is in."""

    version: str
    bassins: list[Bassin] = field(default_factory=list)
    communes: list[BassinCommune] = field(default_factory=list)


@dataclass(frozen=True)
class BmoJob:
    """A job of the BMO survey of `year` (FAP-2021 at the 228 level: "D1X33", Soudeurs)."""

    year: int
    code: str
    label: str
    family: str  # the survey's own grouping ("I": Ouvriers des secteurs de l'industrie)
    family_label: str


@dataclass(frozen=True)
class BmoBassin:
    """A bassin d'emploi as the survey of `year` names it."""

    year: int
    code: str
    name: str


@dataclass(frozen=True)
class BmoFigure:
    """The recruitment projects of a job in the part of a bassin inside a département, in
    `year`: in all, judged difficult, seasonal. None is a secret cell ("*": too few
    projects or respondents), never a number."""

    year: int
    job: str
    bassin: str
    departement: str
    region: str
    projects: int | None
    difficult: int | None
    seasonal: int | None


@dataclass(frozen=True)
class BmoTotals:
    """A job's figures summed over the rows of a place (the BMO's sums are made of published
    cells only): its projects, those judged difficult, the seasonal ones, and how many of
    the rows' cells (three a row) were secret. A share is taken over the rows that publish
    both of its figures; None when none does."""

    projects: int = 0
    difficult: int = 0
    seasonal: int = 0
    secrets: int = 0
    difficult_base: int = 0  # the projects of the rows whose difficult ones are published
    seasonal_base: int = 0

    @property
    def difficult_share(self) -> float | None:
        return _share(self.difficult, self.difficult_base)

    @property
    def seasonal_share(self) -> float | None:
        return _share(self.seasonal, self.seasonal_base)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Bmo:
    """One year of France Travail's BMO survey (its release is the year: "2024")."""

    version: str
    jobs: list[BmoJob] = field(default_factory=list)
    bassins: list[BmoBassin] = field(default_factory=list)
    figures: list[BmoFigure] = field(default_factory=list)


@dataclass(frozen=True)
class Mismatch:
    """What one referential's tables and another's disagree on (a bassin in one and not the
    other, a FAP without label): counted and reported, never fatal."""

    what: str
    count: int
    examples: tuple[str, ...] = ()


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

    name: str  # ROME, GEO, FAP, BASSINS or a BMO year ("bmo:2024")
    version: str  # "" when the files do not say
    source: str  # the folder or address it was imported from
    imported_at: datetime
    counts: dict[str, int]

    @property
    def stamp(self) -> tuple:
        """What every import changes, even of the same release: caches built from the
        referential (taggers, place names) are keyed on it."""
        return (self.name, self.version, self.imported_at)
