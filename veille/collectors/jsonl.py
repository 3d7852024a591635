"""The bulk import format: one JSON object a line (see `veille import` in the README).

`{"title", "content", "url", "published" (ISO 8601), "source", "kind", "tags", "id"?}`;
only `title` is required. Each line is read alone: a bad one (not JSON, nested too deeply
to read, a wrong field, a date outside UTC's years) is reported with its number and the rest
are read. A byte order mark before the first line, as some editors write, is not content.
"""

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from ..errors import ParseError
from ..models import KINDS, LOCAL_TIME, Entry
from ..text.dates import as_utc

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
_TEXT_FIELDS = ("title", "content", "url", "source", "summary")


def read(lines: Iterable[str]) -> Iterator[tuple[int, Entry | ParseError]]:
    """Yield (line number, entry) for good lines and (line number, error) for bad ones."""
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            yield number, parse_line(line)
        except ParseError as exc:
            yield number, exc


def parse_line(line: str) -> Entry:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ParseError("invalid JSON: arrays or objects nested too deeply to read") from None
    if not isinstance(data, dict):
        raise ParseError("expected a JSON object")
    for name in _TEXT_FIELDS:
        if not isinstance(data.get(name, ""), str):
            raise ParseError(f"{name!r} must be a string")
    if not data.get("title", "").strip():
        raise ParseError("'title' is required")
    return Entry(
        title=data["title"],
        content=data.get("content", ""),
        summary=data.get("summary", ""),
        url=data.get("url", ""),
        source=data.get("source", ""),
        published=_published(data.get("published")),
        kind=_kind(data.get("kind", "news")),
        tags=_tags(data.get("tags", [])),
        id=_id(data.get("id", "")),
    )


def _published(value) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ParseError(f"'published' must be an ISO 8601 date, got {value!r}") from None
    if as_utc(parsed) is None:
        raise ParseError(f"'published' must fall within the years 1 to 9999 in UTC, got {value!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_TIME)


# Job offers come from their API alone (collectors/francetravail_offres.py).
IMPORTED_KINDS = tuple(kind for kind in KINDS if kind != "offre")


def _kind(value):
    if value not in IMPORTED_KINDS:
        raise ParseError(f"'kind' must be one of {', '.join(IMPORTED_KINDS)}, got {value!r}")
    return value


def _tags(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ParseError("'tags' must be a list of strings")
    return tuple(value)


def _id(value) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not _ID.match(value):
        raise ParseError(
            "'id' must be 1 to 128 letters, digits or . _ : - (starting with a letter or digit)"
        )
    return value
