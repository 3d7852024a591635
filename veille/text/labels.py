"""Labels people give things: names (a bulletin's title, a saved search's name, a dossier's)
on one line, spaces collapsed, no invisible character (as collected texts), not empty, not
too long — checked once for all of them; and tags, as sources, documentalists and rules give
them."""

from ..errors import InvalidRequest
from .html import literal_text

MAX_CHARS = 300
# Caps on an item's tags: a feed that breaks them is broken or hostile.
TAGS_MAX = 50
TAG_CHARS = 100  # a label to filter on; a longer one is a sentence


def one_line(text: str, missing: str, what: str = "Le nom", limit: int = MAX_CHARS) -> str:
    """`text` on one line; InvalidRequest saying `missing` if empty, or that `what` is too long."""
    line = literal_text(text)
    if not line:
        raise InvalidRequest(missing)
    if len(line) > limit:
        raise InvalidRequest(f"{what} dépasse {limit} caractères.")
    return line


def normalise_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Lower-cased, trimmed, without duplicates; "a, b" is two tags (the index splits on commas).
    At most TAGS_MAX, the first ones; a tag longer than TAG_CHARS is dropped, not cut."""
    seen: dict[str, None] = {}
    for cleaned in (literal_text(part).lower() for tag in tags for part in tag.split(",")):
        if cleaned and len(cleaned) <= TAG_CHARS:
            seen.setdefault(cleaned, None)
            if len(seen) == TAGS_MAX:
                break
    return tuple(seen)
