"""The bulk import format: one JSON object a line, bad lines reported with their number."""

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from veille.collectors import jsonl
from veille.errors import ParseError
from veille.models import Entry

PARIS = ZoneInfo("Europe/Paris")
IMPORT_FILE = Path(__file__).parents[1] / "data" / "import" / "items.jsonl"


def line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_a_complete_line_gives_every_field():
    entry = jsonl.parse_line(line(
        id="imp-001", title="Les métiers verts", content="<p>Rénovation</p>", summary="Résumé",
        url="https://exemple.test/a", published="2026-05-04T09:00:00+02:00",
        source="Observatoire", kind="resource", tags=["transition écologique", "Grand Est"],
    ))
    assert entry == Entry(
        id="imp-001", title="Les métiers verts", content="<p>Rénovation</p>", summary="Résumé",
        url="https://exemple.test/a", published=datetime(2026, 5, 4, 7, tzinfo=UTC),
        source="Observatoire", kind="resource", tags=("transition écologique", "Grand Est"),
    )


def test_only_the_title_is_required():
    assert jsonl.parse_line(line(title="Titre seul")) == Entry(title="Titre seul")


@pytest.mark.parametrize(
    "published, expected",
    [
        ("2026-05-06", datetime(2026, 5, 6, tzinfo=PARIS)),
        ("2026-05-06T09:30:00", datetime(2026, 5, 6, 9, 30, tzinfo=PARIS)),
        ("2026-01-06T09:30:00", datetime(2026, 1, 6, 9, 30, tzinfo=PARIS)),
        ("2026-05-10T07:30:00Z", datetime(2026, 5, 10, 7, 30, tzinfo=UTC)),
        ("2026-05-10T07:30:00-04:00", datetime(2026, 5, 10, 11, 30, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_published_dates_are_aware_and_naive_ones_are_paris_time(published, expected):
    entry = jsonl.parse_line(line(title="t", published=published))
    assert entry.published == expected
    if expected is not None:
        assert entry.published.utcoffset() is not None


def test_a_naive_summer_date_is_two_hours_ahead_of_utc():
    entry = jsonl.parse_line(line(title="t", published="2026-07-01T12:00:00"))
    assert entry.published.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"title": "coupé', "invalid JSON"),
        ("{'title': 'apostrophes'}", "invalid JSON"),
        ('["title", "x"]', "expected a JSON object"),
        ('"juste une chaîne"', "expected a JSON object"),
        ("null", "expected a JSON object"),
        ("{}", "'title' is required"),
        (line(content="sans titre"), "'title' is required"),
        (line(title="   "), "'title' is required"),
        (line(title=42), "'title' must be a string"),
        (line(title="t", url=["https://exemple.test/"]), "'url' must be a string"),
        (line(title="t", content={"html": "<p>"}), "'content' must be a string"),
        (line(title="t", source=None), "'source' must be a string"),
        (line(title="t", kind="article"), "'kind' must be one of news, resource, got 'article'"),
        (line(title="t", kind="News"), "'kind' must be one of"),
        (line(title="t", published="04/05/2026"), "'published' must be an ISO 8601 date"),
        (line(title="t", published="2026-13-01"), "'published' must be an ISO 8601 date"),
        (line(title="t", published=20260504), "'published' must be an ISO 8601 date"),
        (line(title="t", published="0001-01-01T00:00:00+14:00"),
         "'published' must fall within the years 1 to 9999 in UTC"),
        (line(title="t", published="9999-12-31T23:59:59-14:00"),
         "'published' must fall within the years 1 to 9999 in UTC"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON: arrays or objects nested too deeply"),
        ('{"title": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001,
         "invalid JSON: arrays or objects nested too deeply"),
        (line(title="t", tags="cpf"), "'tags' must be a list of strings"),
        (line(title="t", tags=["cpf", 3]), "'tags' must be a list of strings"),
        (line(title="t", tags=None), "'tags' must be a list of strings"),
        (line(title="t", id="../../etc/passwd"), "'id' must be 1 to 128 letters"),
        (line(title="t", id="avec espace"), "'id' must be 1 to 128 letters"),
        (line(title="t", id="-commence-par-un-tiret"), "'id' must be 1 to 128 letters"),
        (line(title="t", id="x" * 129), "'id' must be 1 to 128 letters"),
        (line(title="t", id=42), "'id' must be 1 to 128 letters"),
    ],
)
def test_a_bad_line_raises_a_parse_error_saying_what_is_wrong(text, message):
    with pytest.raises(ParseError, match=re.escape(message)):
        jsonl.parse_line(text)


@pytest.mark.parametrize("good_id", ["imp-001", "A", "x" * 128, "rome:M1805", "v1.2_b"])
def test_ids_of_letters_digits_and_punctuation_are_accepted(good_id):
    assert jsonl.parse_line(line(title="t", id=good_id)).id == good_id


def test_read_numbers_lines_from_one_and_skips_blank_ones():
    lines = [line(title="un") + "\n", "\n", "   \n", "pas du JSON\n", line(title="cinq") + "\n"]
    numbered = list(jsonl.read(lines))
    assert [number for number, _ in numbered] == [1, 4, 5]
    assert numbered[0][1] == Entry(title="un")
    assert isinstance(numbered[1][1], ParseError)
    assert numbered[2][1] == Entry(title="cinq")


def test_a_byte_order_mark_before_the_first_line_is_not_content():
    lines = ["\ufeff" + line(title="un") + "\n", "\ufeff" + line(title="deux") + "\n"]
    (first, second) = list(jsonl.read(lines))
    assert first == (1, Entry(title="un"))
    assert isinstance(second[1], ParseError)  # past the start of the file, it is a stray byte


def test_read_reports_the_bad_line_of_the_sample_import_and_keeps_the_rest():
    with IMPORT_FILE.open(encoding="utf-8") as handle:
        numbered = list(jsonl.read(handle))
    errors = [(number, str(result)) for number, result in numbered
              if isinstance(result, ParseError)]
    entries = [result for _, result in numbered if isinstance(result, Entry)]
    assert [number for number, _ in errors] == [4]
    assert errors[0][1].startswith("invalid JSON")
    assert [entry.id for entry in entries] == ["imp-001", "imp-002", "", "imp-005", "imp-006"]
    assert entries[2].kind == "news"
