"""Dates as French web pages write them: "1er avril 2026 à 14h30", "12/03/2026", ISO 8601.

Collectors that read dates out of page text share `parse_french_date`. Dates written without
a zone are French time (LOCAL_TIME), the time of the sites veille watches. `as_utc` is the
one test of a date veille can store, whoever read it.
"""

import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, time

from ..models import LOCAL_TIME

# Accents are folded before matching: "fevr." and "févr." are the same month.
_MONTHS = {
    "janv": 1, "fev": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6,
    "juil": 7, "aout": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(janv(?:ier)?|fev(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|aout|"
_MONTH += r"sep(?:t(?:embre)?)?|oct(?:obre)?|nov(?:embre)?|dec(?:embre)?)"
_TEXTUAL = re.compile(rf"(?<!\d)(\d{{1,2}})(?:er)?\s+{_MONTH}\.?\s+(\d{{4}})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d)")
# A time right after the (folded) date: "à 14h30", "14h", ", 9 h 05", "14:30", "T14:30".
_TIME = re.compile(r"\s*(?:,|-|–|a|t)?\s*(\d{1,2})\s*(?:h\s*(\d{2})?|:(\d{2}))(?!\d)")


def as_utc(moment: datetime) -> datetime | None:
    """`moment` in UTC (without a zone, it is French time); None when UTC has no such moment
    within Python's years 1 to 9999 ("0001-01-01T00:00:00+14:00" is still year 0 in UTC):
    the store and the index keep dates in UTC, and would fail on it."""
    try:
        return (moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TIME)).astimezone(UTC)
    except OverflowError:
        return None


def parse_french_date(text: str) -> datetime | None:
    """Return the first valid date written in `text`, aware; None when there is none."""
    whole = _iso(text.strip())
    if whole:
        return whole
    folded = _fold(text)
    found = [(match, read) for pattern, read in _SHAPES for match in pattern.finditer(folded)]
    for match, read in sorted(found, key=lambda pair: pair[0].start()):
        moment = _combine(read(match), _TIME.match(folded, match.end()))
        if moment:
            return moment
    return None


def _iso(text: str) -> datetime | None:
    """The whole text as ISO 8601 (what `<time datetime>` holds), else None."""
    if not text[:4].isdigit():
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TIME)


def _fold(text: str) -> str:
    """Lower case without accents; NFKD also turns "1ᵉʳ" into "1er" and odd spaces into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _textual(match: re.Match) -> tuple[int, int, int]:
    day, month, year = match.group(1, 2, 3)
    number = next(n for prefix, n in _MONTHS.items() if month.startswith(prefix))
    return int(year), number, int(day)


def _day_first(match: re.Match) -> tuple[int, int, int]:
    return int(match[4]), int(match[3]), int(match[1])


def _year_first(match: re.Match) -> tuple[int, int, int]:
    return int(match[1]), int(match[3]), int(match[4])


_SHAPES: tuple[tuple[re.Pattern, Callable[[re.Match], tuple[int, int, int]]], ...] = (
    (_TEXTUAL, _textual),
    (_DAY_FIRST, _day_first),
    (_YEAR_FIRST, _year_first),
)


def _combine(ymd: tuple[int, int, int], clock: re.Match | None) -> datetime | None:
    """The date at the time given; None for a date that does not exist ("31 février")."""
    try:
        day = date(*ymd)
    except ValueError:
        return None
    return datetime.combine(day, _clock(clock), tzinfo=LOCAL_TIME)


def _clock(match: re.Match | None) -> time:
    """The time written after a date; midnight without one, or for "48h", a duration."""
    if not match:
        return time()
    hour, minute = int(match[1]), int(match[2] or match[3] or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else time()
