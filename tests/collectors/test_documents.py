"""Documentary resources: Markdown with TOML front matter between `+++` lines."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from veille.collectors.documents import parse_markdown
from veille.errors import ParseError

PARIS = ZoneInfo("Europe/Paris")
RESOURCES = Path(__file__).parents[1] / "data" / "config" / "resources"


def document(front: str, body: str = "Texte de la fiche.") -> bytes:
    return f"+++\n{front}\n+++\n\n{body}\n".encode()


def test_the_front_matter_gives_title_description_tags_and_date():
    entry = parse_markdown("cpf-en-bref.md", (RESOURCES / "cpf-en-bref.md").read_bytes())
    assert entry.title == "Le CPF en bref"
    assert entry.summary == "Fiche de test : le compte personnel de formation en quelques lignes."
    assert entry.tags == ("cpf", "financement")
    assert entry.published == datetime(2026, 1, 15, tzinfo=PARIS)
    assert entry.kind == "resource"


def test_the_body_is_rendered_from_markdown_to_html():
    entry = parse_markdown("cpf-en-bref.md", (RESOURCES / "cpf-en-bref.md").read_bytes())
    assert "<h2>À retenir</h2>" in entry.content
    assert "<li>Les droits sont comptés en euros.</li>" in entry.content
    assert "+++" not in entry.content
    assert "title =" not in entry.content


def test_optional_fields_may_be_left_out():
    entry = parse_markdown("fiche.md", document('title = "Fiche minimale"'))
    assert (entry.title, entry.summary, entry.tags, entry.published) == (
        "Fiche minimale", "", (), None
    )


@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("date = 2026-02-01", datetime(2026, 2, 1, tzinfo=PARIS)),
        ("date = 2026-02-01T09:30:00", datetime(2026, 2, 1, 9, 30, tzinfo=PARIS)),
        ("date = 2026-02-01T09:30:00Z", datetime(2026, 2, 1, 9, 30, tzinfo=UTC)),
    ],
)
def test_dates_are_aware_and_zoneless_ones_are_paris_time(date_line, expected):
    entry = parse_markdown("fiche.md", document(f'title = "Fiche"\n{date_line}'))
    assert entry.published == expected
    assert entry.published.utcoffset() is not None


@pytest.mark.parametrize(
    "content",
    [
        b"Une fiche sans front matter.",
        document('description = "Sans titre"'),
        document('title = "   "'),
        document("title = 42"),
    ],
)
def test_a_document_without_a_title_is_refused(content):
    with pytest.raises(ParseError, match="fiche.md: the front matter needs a title"):
        parse_markdown("fiche.md", content)


def test_a_document_that_is_not_utf8_is_refused():
    content = document('title = "Fiche accentuée"').decode().encode("latin-1")
    with pytest.raises(ParseError, match="fiche.md: not UTF-8 text"):
        parse_markdown("fiche.md", content)


def test_invalid_front_matter_is_refused_with_the_document_name():
    with pytest.raises(ParseError, match="fiche.md: invalid front matter"):
        parse_markdown("fiche.md", document("title = pas entre guillemets"))


def test_tags_given_as_a_string_are_refused_rather_than_split_into_letters():
    with pytest.raises(ParseError, match="fiche.md: 'tags' must be a list"):
        parse_markdown("fiche.md", document('title = "Fiche"\ntags = "cpf"'))
