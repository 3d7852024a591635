"""Names people give things (a bulletin's title, a saved search's name): one line, spaces
collapsed, not empty, not too long — checked once for all of them."""

from .errors import InvalidRequest

MAX_CHARS = 300


def one_line(text: str, missing: str, what: str = "Le nom", limit: int = MAX_CHARS) -> str:
    """`text` on one line; InvalidRequest saying `missing` if empty, or that `what` is too long."""
    line = " ".join(text.split())
    if not line:
        raise InvalidRequest(missing)
    if len(line) > limit:
        raise InvalidRequest(f"{what} dépasse {limit} caractères.")
    return line
