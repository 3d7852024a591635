"""Source kind `francetravail-offres`: France Travail's job offers ("Offres d'emploi v2").

A source names ROME jobs and places (options `rome` and `lieux`: "departement:57",
"commune:57463"). Each collection searches, for every (job, place), the offers published in
the last PUBLISHED_SINCE days, page by page (`range`, answered 206 with `Content-Range:
offres 0-149/1234`, 204 when there are none): their number is a dated figure ("offres"),
and each offer an item of kind "offre" whose id is the offer's, so that collecting again
updates offers and never duplicates them. Offers are tagged with the job and the commune the
API gives, not by reading their text.
"""

import re
from datetime import date, datetime
from types import SimpleNamespace

from ..errors import ParseError
from ..fetch.client import Answer, Fetcher
from ..fetch.francetravail import FranceTravail, json_of
from ..models import Entry, Figure, Harvest, Source
from . import jobsandplaces
from .jobsandplaces import ROME

SCOPES = "api_offresdemploiv2 o2dsoffre"
SEARCH = "/offresdemploi/v2/offres/search"
PAGE = 150  # the most offers a page holds
MOST = 3150  # the API serves the first 3,150 offers of a search, no more
PUBLISHED_SINCE = "31"  # days; publieeDepuis takes 1, 3, 7, 14 or 31
OFFER_PAGE = "https://candidat.francetravail.fr/offres/recherche/detail/{}"
INDICATOR = "offres"
ID_PREFIX = "francetravail-offre:"
PLACE = re.compile(r"(departement):([0-9]{2,3}|2[AB])|(commune):([0-9]{5}|2[AB][0-9]{3})")
_RANGE = re.compile(r"offres\s+(\d+)-(\d+)/(\d+)")


def check_options(options: dict) -> dict:
    """A francetravail-offres source's options, checked: `rome` (ROME codes) and `lieux`
    (département or commune keys), one at least of each."""
    return jobsandplaces.check(options, PLACE, "places (departement:57, commune:57463)")


def address(settings: SimpleNamespace, options: dict) -> str:
    """The address naming a source (its identity: one source per jobs and places)."""
    return jobsandplaces.address(f"{settings.francetravail.api_url.rstrip('/')}{SEARCH}", options)


def harvest(source: Source, fetcher: Fetcher, settings: SimpleNamespace, today: date) -> Harvest:
    """The offers of every (job, place) of `source`, and their numbers as of `today`."""
    api = FranceTravail(fetcher, settings.francetravail)
    found = Harvest()
    for rome in source.options["rome"]:
        for place in source.options["lieux"]:
            total, offers = _search(api, rome, place)
            found.figures.append(Figure(INDICATOR, rome, place, today, float(total)))
            for offer in offers:
                entry, found.tags[entry_id(offer)] = _entry(offer)
                found.entries.append(entry)
    found.entries = list({entry.id: entry for entry in found.entries}.values())
    return found


def entry_id(offer: dict) -> str:
    return f"{ID_PREFIX}{offer['id']}"


def _search(api: FranceTravail, rome: str, place: str) -> tuple[int, list[dict]]:
    """How many offers a search finds, and those it serves (all of them, up to MOST)."""
    kind, _, code = place.partition(":")
    params = {"codeROME": rome, kind: code, "publieeDepuis": PUBLISHED_SINCE}
    offers: list[dict] = []
    total = 0
    while len(offers) < min(total, MOST) or not offers:
        first = len(offers)
        answer = api.get(SEARCH, {**params, "range": f"{first}-{first + PAGE - 1}"}, SCOPES)
        if answer.status == 204:
            break
        page = _offers(answer)
        total = _total(answer, first + len(page))
        offers += page
        if not page:
            break
    return max(total, len(offers)), offers


def _offers(answer: Answer) -> list[dict]:
    found = json_of(answer)
    offers = found.get("resultats") if isinstance(found, dict) else None
    if not (isinstance(offers, list) and all(isinstance(offer, dict) and offer.get("id")
                                             for offer in offers)):
        raise ParseError("the offers' search answered no list of offers (resultats)",
                         "api_changed")
    return offers


def _total(answer: Answer, served: int) -> int:
    """The number of offers the search finds: Content-Range's, else those served."""
    said = _RANGE.search(answer.headers.get("content-range", ""))
    return int(said.group(3)) if said else served


def _entry(offer: dict) -> tuple[Entry, list[str]]:
    """An offer as an entry, and the tags the API gives it."""
    employer = _text(offer.get("entreprise"), "nom")
    place = _text(offer.get("lieuTravail"), "libelle")
    contract = str(offer.get("typeContratLibelle") or offer.get("typeContrat") or "")
    entry = Entry(
        title=str(offer.get("intitule") or offer["id"]),
        url=OFFER_PAGE.format(offer["id"]),
        content=str(offer.get("description") or ""),
        content_is_text=True,
        summary=" · ".join(part for part in (employer, place, contract) if part),
        published=_date(offer.get("dateCreation")),
        id=entry_id(offer),
        kind="offre",
        authors=(employer,) if employer else (),
    )
    tags = [f"rome:{offer['romeCode']}"] if ROME.fullmatch(str(offer.get("romeCode"))) else []
    commune = _text(offer.get("lieuTravail"), "commune")
    if PLACE.fullmatch(f"commune:{commune}"):
        tags.append(f"lieu:commune:{commune}")
    return entry, tags


def _text(record: object, key: str) -> str:
    value = record.get(key) if isinstance(record, dict) else None
    return str(value).strip() if value else ""


def _date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
