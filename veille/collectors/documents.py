"""Documentary resources written as Markdown with TOML front matter between `+++` lines.

The starter resources in `config/resources/` use this form; `veille init` indexes them.
"""

import tomllib
from datetime import date, datetime, time

import markdown

from ..errors import ParseError
from ..models import LOCAL_TIME, Entry

FENCE = "+++"


def parse_markdown(name: str, content: bytes) -> Entry:
    """Return a resource entry from a Markdown document; `name` identifies it in messages."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{name}: not UTF-8 text ({exc.reason})") from None
    meta, body = _split_front_matter(name, text)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ParseError(f"{name}: the front matter needs a title")
    return Entry(
        title=title,
        summary=str(meta.get("description", "")),
        content=markdown.markdown(body),
        published=_published(meta.get("date")),
        tags=_tags(name, meta.get("tags", [])),
        kind="resource",
    )


def _split_front_matter(name: str, text: str) -> tuple[dict, str]:
    if not text.startswith(FENCE):
        return {}, text
    _, front, body = (text.split(FENCE, 2) + ["", ""])[:3]
    try:
        return tomllib.loads(front), body
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"{name}: invalid front matter: {exc}") from None


def _tags(name: str, value) -> tuple[str, ...]:
    """The tags list; a bare string would otherwise become one tag per letter."""
    if not isinstance(value, list):
        raise ParseError(f"{name}: 'tags' must be a list, like tags = [\"cpf\"]")
    return tuple(str(tag) for tag in value)


def _published(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=LOCAL_TIME)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=LOCAL_TIME)
    return None
