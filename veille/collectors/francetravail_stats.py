"""Source kind `francetravail-stats`: France Travail's labour-market statistics ("Marché du
travail", stats-offres-demandes-emploi v1).

A source names ROME jobs and territories (options `rome` and `lieux`: a région, a
département or a commune key). Each collection asks, for every (job, territory), the
quarterly indicators of INDICATORS (POST `…/v1/indicateur/NAME` with the territory, the job
and the period type) and stores each value as a dated figure: indicator "DE_1/A" (its code,
and its category when it has one), the job, the territory, the quarter's first day. No item:
the figures are what these sources bring.
"""

import re
from datetime import date
from types import SimpleNamespace

from ..errors import ParseError
from ..fetch.client import Fetcher
from ..fetch.francetravail import FranceTravail, json_of
from ..models import Figure, Harvest, Source
from . import jobsandplaces

SCOPES = "api_stats-offres-demandes-emploiv1 offresetdemandesemploi"
PATH = "/stats-offres-demandes-emploi/v1/indicateur/"
# The indicators asked, with what their body adds: job seekers by category (DE_1), offers
# (OFF_1), hiring dynamism (DYN_1).
INDICATORS = {"stat-demandeurs": {"codeTypeNomenclature": "CATCAND"},
              "stat-offres": {},
              "stat-dynamique-emploi": {}}
PLACE = re.compile(r"(region):([0-9]{2})|(departement):([0-9]{2,3}|2[AB])"
                   r"|(commune):([0-9]{5}|2[AB][0-9]{3})")
TERRITORY_TYPES = {"region": "REG", "departement": "DEP", "commune": "COM"}
PLACE_KINDS = {code: kind for kind, code in TERRITORY_TYPES.items()}
_QUARTER = re.compile(r"([0-9]{4})T([1-4])")
_YEAR = re.compile(r"[0-9]{4}")


def check_options(options: dict) -> dict:
    """A francetravail-stats source's options, checked: `rome` and `lieux` (régions,
    départements or communes), one at least of each."""
    return jobsandplaces.check(options, PLACE, "places (region:44, departement:57, "
                                               "commune:57463)")


def address(settings: SimpleNamespace, options: dict) -> str:
    """The address naming a source (its identity: one source per jobs and territories)."""
    return jobsandplaces.address(
        f"{settings.francetravail.api_url.rstrip('/')}{PATH.rstrip('/')}", options)


def harvest(source: Source, fetcher: Fetcher, settings: SimpleNamespace, today: date) -> Harvest:
    """Every indicator of every (job, territory) of `source`."""
    api = FranceTravail(fetcher, settings.francetravail)
    found = Harvest()
    for rome in source.options["rome"]:
        for place in source.options["lieux"]:
            kind, _, code = place.partition(":")
            for name, extra in INDICATORS.items():
                body = {"codeTypeTerritoire": TERRITORY_TYPES[kind], "codeTerritoire": code,
                        "codeTypeActivite": "ROME", "codeActivite": rome,
                        "codeTypePeriode": "TRIMESTRE", **extra}
                answer = api.post(f"{PATH}{name}", body, SCOPES)
                if answer.status != 204:
                    found.figures += figures(json_of(answer))
    return found


def figures(answer: object) -> list[Figure]:
    """The dated figures of an indicator's answer (`listeValeursParPeriode`); a value the
    publisher masks, or of a period that is no quarter nor year, is left out. ParseError
    "api_changed" for an answer of another shape."""
    values = answer.get("listeValeursParPeriode") if isinstance(answer, dict) else None
    if not (isinstance(answer, dict) and isinstance(values, list)
            and all(isinstance(value, dict) for value in values)):
        raise ParseError("an indicator answered no listeValeursParPeriode", "api_changed")
    indicator = str(answer.get("codeIndicateur") or "")
    found = []
    for value in values:
        figure = _figure(indicator, value)
        if figure:
            found.append(figure)
    return found


def _figure(indicator: str, value: dict) -> Figure | None:
    kind = PLACE_KINDS.get(str(value.get("codeTypeTerritoire")))
    day = _period_start(str(value.get("codePeriode", "")))
    number = _number(value.get("valeurPrincipaleNombre", value.get("valeurPrincipaleNom")))
    if kind is None or day is None or number is None:
        return None
    category = value.get("codeNomenclature")
    return Figure(f"{indicator}/{category}" if category else indicator,
                  str(value.get("codeActivite", "")), f"{kind}:{value.get('codeTerritoire')}",
                  day, number)


def _period_start(code: str) -> date | None:
    """The first day of a period: "2022T3" → 2022-07-01, "2022" → 2022-01-01."""
    if quarter := _QUARTER.fullmatch(code):
        return date(int(quarter.group(1)), 3 * int(quarter.group(2)) - 2, 1)
    return date(int(code), 1, 1) if _YEAR.fullmatch(code) else None


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
