"""France Travail's ROME 4.0, from its official CSV export (`unix_*_v460_utf8.csv`).

The export is about thirty files; veille reads the eight that name jobs, job titles and
skills: métiers (`referentiel_code_rome`), their domaines (`cr_gd_dp`, `grand_domaine`,
`domaine_professionnel`), appellations, compétences (savoir-faire and savoir-être), savoirs,
and `liens_rome_referentiels`, which links each métier to its appellations, skills and work
contexts (blocs 2, 5 and 6: veille keeps the skills of bloc 5); each métier keeps the ROME
v3 job sheet it comes from (`code_rome_parent`), by which DARES' ROME → FAP table names the
new ones. The release is in every file's name (`_v460_`): any release is accepted and
recorded, a folder mixing two is not.
"""

import re
from collections.abc import Callable
from pathlib import Path

from ..refdata import (
    SAVOIR,
    SAVOIR_ETRE,
    SAVOIR_FAIRE,
    Appellation,
    Domaine,
    GrandDomaine,
    Metier,
    Rome,
    Skill,
    SkillLink,
)
from .reading import ReferentialError, read_csv, require, unique

FILE_NAME = re.compile(r"^unix_(?P<name>[a-z0-9_]+?)_v(?P<version>\d+)_utf8\.csv$")
SKILLS_BLOC = "5"  # "Compétences" in unix_composition_bloc

# The files veille reads, by their name between `unix_` and `_vNNN`, with the columns it uses.
COLUMNS: dict[str, tuple[str, ...]] = {
    "grand_domaine": ("code_grand_domaine", "libelle_grand_domaine"),
    "domaine_professionnel": ("code_domaine_professionnel", "libelle_domaine_professionnel"),
    "cr_gd_dp": ("code_rome", "code_grand_domaine", "code_domaine_professionel"),
    "referentiel_code_rome": ("code_rome", "libelle_rome", "code_rome_parent"),
    "referentiel_appellation": ("code_ogr", "libelle_appellation_long",
                                "libelle_appellation_court", "code_rome", "classification"),
    "referentiel_competence": ("code_ogr", "libelle_competence", "cat_comp", "sous_cat_comp"),
    "referentiel_savoir": ("code_ogr_savoir", "libelle_savoir", "categorie_savoir"),
    "liens_rome_referentiels": ("code_rome", "code_compo_bloc", "code_ogr"),
}

Advance = Callable[[int], None]


def holds_rome(folder: Path) -> bool:
    """Whether `folder` holds files of a ROME CSV export (complete or not)."""
    return any(FILE_NAME.match(path.name) for path in folder.iterdir() if path.is_file())


def release(folder: Path) -> str:
    """The release the export's file names carry ("460"); refuse a folder mixing releases."""
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if match := FILE_NAME.match(path.name):
            found.setdefault(match["version"], path.name)
    if not found:
        raise ReferentialError(f"no ROME file (unix_*_vNNN_utf8.csv) in {folder}")
    if len(found) > 1:
        examples = "; ".join(f"v{version}: {name}" for version, name in sorted(found.items()))
        raise ReferentialError(f"{folder} mixes ROME releases ({examples}): keep one release "
                               "per folder")
    return next(iter(found))


def file_path(folder: Path, name: str, version: str) -> Path:
    return folder / f"unix_{name}_v{version}_utf8.csv"


def read(folder: Path, advance: Advance = lambda steps: None) -> Rome:
    """Read and check the ROME export in `folder`; ReferentialError naming what is wrong."""
    version = release(folder)
    paths = {name: file_path(folder, name, version) for name in COLUMNS}
    missing = [path.name for path in paths.values() if not path.is_file()]
    if missing:
        raise ReferentialError(f"{folder} lacks {', '.join(missing)} of the ROME export")

    def rows(name: str) -> tuple[Path, list]:
        found = read_csv(paths[name], COLUMNS[name])
        advance(1)
        return paths[name], found

    rome = Rome(version)
    rome.grands_domaines = _grands_domaines(*rows("grand_domaine"))
    rome.domaines = _domaines(*rows("domaine_professionnel"), rome.grands_domaines)
    placed = _placement(*rows("cr_gd_dp"), rome.domaines)
    rome.metiers = _metiers(*rows("referentiel_code_rome"), placed, rome)
    known = {metier.code for metier in rome.metiers}
    rome.appellations = _appellations(*rows("referentiel_appellation"), known)
    rome.skills = _competences(*rows("referentiel_competence"))
    rome.skills += _savoirs(*rows("referentiel_savoir"))
    unique(paths["referentiel_savoir"], (skill.code for skill in rome.skills), "skill code")
    rome.links = _links(*rows("liens_rome_referentiels"), known, rome.skills)
    return rome


def _grands_domaines(path: Path, rows: list) -> list[GrandDomaine]:
    for line, row in rows:
        require(path, line, row, *COLUMNS["grand_domaine"])
    found = [GrandDomaine(row["code_grand_domaine"], row["libelle_grand_domaine"])
             for _, row in rows]
    unique(path, (domain.code for domain in found), "grand domaine")
    return found


def _domaines(path: Path, rows: list, grands: list[GrandDomaine]) -> list[Domaine]:
    letters = {domain.code for domain in grands}
    found = []
    for line, row in rows:
        require(path, line, row, *COLUMNS["domaine_professionnel"])
        code = row["code_domaine_professionnel"]
        if code[0] not in letters:
            raise ReferentialError(f"{path.name}, line {line}: domaine {code} belongs to no "
                                   "grand domaine of unix_grand_domaine")
        found.append(Domaine(code, row["libelle_domaine_professionnel"], code[0]))
    unique(path, (domain.code for domain in found), "domaine")
    return found


def _placement(path: Path, rows: list, domaines: list[Domaine]) -> dict[str, Domaine]:
    """The domaine of each ROME code, as `cr_gd_dp` places them."""
    by_code = {domain.code: domain for domain in domaines}
    placed = {}
    for line, row in rows:
        require(path, line, row, *COLUMNS["cr_gd_dp"])
        domain = by_code.get(row["code_domaine_professionel"])
        if domain is None or domain.grand_domaine != row["code_grand_domaine"]:
            raise ReferentialError(
                f"{path.name}, line {line}: {row['code_rome']} is placed in "
                f"{row['code_grand_domaine']}/{row['code_domaine_professionel']}, which "
                "unix_domaine_professionnel does not list")
        placed[row["code_rome"]] = domain
    return placed


def _metiers(path: Path, rows: list, placed: dict[str, Domaine], rome: Rome) -> list[Metier]:
    grands = {domain.code: domain.label for domain in rome.grands_domaines}
    found = []
    for line, row in rows:
        require(path, line, row, "code_rome", "libelle_rome")
        domain = placed.get(row["code_rome"])
        if domain is None:
            raise ReferentialError(f"{path.name}, line {line}: {row['code_rome']} has no "
                                   "domaine in unix_cr_gd_dp")
        found.append(Metier(row["code_rome"], row["libelle_rome"], domain.code,
                            domain.grand_domaine, domain.label, grands[domain.grand_domaine],
                            row["code_rome_parent"] or row["code_rome"]))
    unique(path, (metier.code for metier in found), "ROME code")
    return found


def _appellations(path: Path, rows: list, metiers: set[str]) -> list[Appellation]:
    found = []
    for line, row in rows:
        require(path, line, row, "code_ogr", "libelle_appellation_long", "code_rome")
        if row["code_rome"] not in metiers:
            raise ReferentialError(f"{path.name}, line {line}: appellation {row['code_ogr']} "
                                   f"leads to {row['code_rome']}, an unknown ROME code")
        found.append(Appellation(
            row["code_ogr"], row["libelle_appellation_long"],
            row["libelle_appellation_court"] or row["libelle_appellation_long"],
            row["code_rome"], row["classification"].upper() == "PRINCIPALE"))
    unique(path, (appellation.code for appellation in found), "appellation")
    return found


def _competences(path: Path, rows: list) -> list[Skill]:
    found = []
    for line, row in rows:
        require(path, line, row, "code_ogr", "libelle_competence")
        kind = SAVOIR_ETRE if row["cat_comp"].lower().startswith("savoir-être") else SAVOIR_FAIRE
        found.append(Skill(row["code_ogr"], row["libelle_competence"], kind,
                           row["sous_cat_comp"]))
    return found


def _savoirs(path: Path, rows: list) -> list[Skill]:
    for line, row in rows:
        require(path, line, row, "code_ogr_savoir", "libelle_savoir")
    return [Skill(row["code_ogr_savoir"], row["libelle_savoir"], SAVOIR,
                  row["categorie_savoir"]) for _, row in rows]


def _links(path: Path, rows: list, metiers: set[str], skills: list[Skill]) -> list[SkillLink]:
    """The skills of each métier; links to appellations and work contexts are left out."""
    codes = {skill.code for skill in skills}
    found, seen = [], set()
    for line, row in rows:
        require(path, line, row, *COLUMNS["liens_rome_referentiels"])
        if row["code_rome"] not in metiers:
            raise ReferentialError(f"{path.name}, line {line}: unknown ROME code "
                                   f"{row['code_rome']}")
        if row["code_ogr"] in codes:
            pair = (row["code_rome"], row["code_ogr"])
            if pair not in seen:
                seen.add(pair)
                found.append(SkillLink(*pair))
        elif row["code_compo_bloc"] == SKILLS_BLOC:
            raise ReferentialError(f"{path.name}, line {line}: {row['code_rome']} is linked "
                                   f"to skill {row['code_ogr']}, which neither "
                                   "unix_referentiel_competence nor unix_referentiel_savoir "
                                   "lists")
    return found
