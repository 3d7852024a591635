"""ESCO's occupations and skills with their French labels, a second vocabulary beside the
ROME (synonyms, skills named the European way).

Both the official CSV export (`skills_fr.csv`, `occupations_fr.csv`, alternative labels one
a line) and labels-only extracts of it (alternative labels separated by `|`) are read: the
columns veille needs, `conceptUri`, `preferredLabel` and `altLabels`, are the same. ESCO's
files do not carry their release; the folder's name may (`ESCO dataset - v1.2.0 - …`).
"""

import re
from collections.abc import Callable
from pathlib import Path

from ..refdata import OCCUPATION, SKILL, Esco, EscoConcept
from .reading import ReferentialError, read_csv, require, unique

FILES = {OCCUPATION: "occupations_fr.csv", SKILL: "skills_fr.csv"}
COLUMNS = ("conceptUri", "preferredLabel", "altLabels")
_VERSION = re.compile(r"v(\d+(?:\.\d+)+)")
_ALT_SEPARATORS = re.compile(r"[\n|]")

Advance = Callable[[int], None]


def holds_esco(folder: Path) -> bool:
    """Whether `folder` holds ESCO's French occupations or skills."""
    return any((folder / name).is_file() for name in FILES.values())


def release(folder: Path) -> str:
    """The ESCO version the folder's name gives ("1.2.1"), else ""."""
    match = _VERSION.search(folder.name)
    return match[1] if match else ""


def read(folder: Path, advance: Advance = lambda steps: None) -> Esco:
    """Read and check the ESCO labels in `folder`; ReferentialError naming what is wrong."""
    missing = [name for name in FILES.values() if not (folder / name).is_file()]
    if missing:
        raise ReferentialError(f"{folder} lacks {', '.join(missing)} of the ESCO export")
    esco = Esco(release(folder))
    for kind, name in FILES.items():
        path = folder / name
        for line, row in read_csv(path, COLUMNS):
            require(path, line, row, "conceptUri", "preferredLabel")
            alt = tuple(label.strip() for label in _ALT_SEPARATORS.split(row["altLabels"])
                        if label.strip())
            esco.concepts.append(EscoConcept(row["conceptUri"], kind, row["preferredLabel"], alt))
        advance(1)
    unique(folder / FILES[SKILL], (concept.uri for concept in esco.concepts), "concept")
    return esco
