"""Names people give things (a bulletin's title, a saved search's name, a dossier's): one
line, spaces collapsed, no invisible character (as collected texts), not empty, not too
long — checked once for all of them."""

from .errors import InvalidRequest
from .processing import literal_text

MAX_CHARS = 300


def one_line(text: str, missing: str, what: str = "Le nom", limit: int = MAX_CHARS) -> str:
    """`text` on one line; InvalidRequest saying `missing` if empty, or that `what` is too long."""
    line = literal_text(text)
    if not line:
        raise InvalidRequest(missing)
    if len(line) > limit:
        raise InvalidRequest(f"{what} dépasse {limit} caractères.")
    return line
