"""Small, consistent copies of the shared referentials, written by the tests that need to
break, change or serve them: a few métiers with everything they link to, a few départements
with their communes, a BMO workbook of a few rows. Files are written as the official ones are
(UTF-8, every field quoted; xlsx for the BMO)."""

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from openpyxl import Workbook

from veille.referentials import rome

ROME_DIR, GEO_DIR = "rome-4.0", "geo-fr/decoupage-administratif-6.0.0"
FAP_DIR, BMO_DIR = "fap-2021", "bmo-2024"
# The BMO workbook's columns, its bassin columns named after the year (BE24, NOMBE24).
BMO_COLUMNS = ("annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG",
               "NOM_REG", "Dept", "NomDept", "BE{yy}", "NOMBE{yy}", "met", "xmet", "smet")


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@cache
def _source_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A shared file's rows, read once per run (the shared files never change)."""
    return read_rows(path)


def write_rows(path: Path, header: list[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([row[name] for name in header] for row in rows)


def rome_codes(shared_data: Path, first: int, skip: int = 0) -> list[str]:
    """The ROME codes of the métiers file, from the `skip`th, `first` of them."""
    _, rows = _source_rows(rome.file_path(shared_data / ROME_DIR, "referentiel_code_rome",
                                          "460"))
    return [row["code_rome"] for row in rows[skip:skip + first]]


def rome_subset(shared_data: Path, dest: Path, codes: Iterable[str], version: str = "460",
                relabel: dict[str, str] | None = None) -> Path:
    """Write the ROME files veille reads into `dest`, named for `version`, keeping the
    métiers `codes` and what they link to; `relabel` renames métiers (code → label)."""
    codes, relabel = set(codes), relabel or {}
    source = shared_data / ROME_DIR
    dest.mkdir(parents=True, exist_ok=True)
    links_header, links = _source_rows(rome.file_path(source, "liens_rome_referentiels", "460"))
    links = [row for row in links if row["code_rome"] in codes]
    linked = {row["code_ogr"] for row in links}
    keep = {
        "liens_rome_referentiels": lambda row: True,
        "referentiel_competence": lambda row: row["code_ogr"] in linked,
        "referentiel_savoir": lambda row: row["code_ogr_savoir"] in linked,
        "grand_domaine": lambda row: True,
        "domaine_professionnel": lambda row: True,
    }
    for name in rome.COLUMNS:
        header, rows = (links_header, links) if name == "liens_rome_referentiels" else \
            _source_rows(rome.file_path(source, name, "460"))
        chosen = [row for row in rows
                  if keep.get(name, lambda row: row["code_rome"] in codes)(row)]
        if name == "referentiel_code_rome":
            chosen = [{**row, "libelle_rome": relabel.get(row["code_rome"], row["libelle_rome"])}
                      for row in chosen]
        write_rows(rome.file_path(dest, name, version), header, chosen)
    return dest


def geo_subset(shared_data: Path, dest: Path, departements: Iterable[str]) -> Path:
    """Write decoupage-administratif's four files into `dest`, keeping every region and
    département but only the communes (and EPCI) of `departements`."""
    departements, source = set(departements), shared_data / GEO_DIR
    dest.mkdir(parents=True, exist_ok=True)
    communes = [entry for entry in _json(source / "communes.json")
                if entry["departement"] in departements]
    codes = {entry["code"] for entry in communes}
    epcis = [entry for entry in _json(source / "epci.json")
             if any(member["code"] in codes for member in entry["membres"])]
    for name, entries in (("communes.json", communes), ("epci.json", epcis),
                          ("regions.json", _json(source / "regions.json")),
                          ("departements.json", _json(source / "departements.json"))):
        (dest / name).write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return dest


@cache
def _json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def zip_folder(folder: Path, under: str = "") -> bytes:
    """The files of `folder` as a ZIP archive, inside the folder `under` if named."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{under}/{path.name}" if under else path.name)
    return buffer.getvalue()


def bmo_row(year: int, job: str, label: str, departement: str, bassin: int, name: str,
            projects: object, difficult: object, seasonal: object) -> tuple:
    """A row of the BMO workbook of the Grand Est, as France Travail writes it (bassin codes
    as numbers, figures as texts, "*" for a secret cell)."""
    return (year, job, label, "I", "Ouvriers des secteurs de l'industrie", "44", "Grand Est",
            departement, "Moselle", bassin, name, str(projects), str(difficult), str(seasonal))


def write_bmo(path: Path, rows: Iterable[tuple], year: int = 2024,
              columns: Iterable[str] = BMO_COLUMNS) -> Path:
    """A BMO workbook at `path` as the publisher's: a sheet describing the variables, then
    the figures' sheet (header of `columns`, `rows`)."""
    workbook = Workbook()
    workbook.active.title = "Description des variables"
    workbook.active.append((None, "Variables ", "Description "))
    sheet = workbook.create_sheet(f"BMO_{year}_open_data")
    sheet.append([name.format(yy=f"{year % 100:02d}") for name in columns])
    for row in rows:
        sheet.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
