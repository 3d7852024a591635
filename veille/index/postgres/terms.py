"""What the stored vocabulary (`search_terms`) serves: "did you mean", read once per version
of the tables and kept for every thread of the process, and the key words of an item for
its similar items."""

import threading
from dataclasses import dataclass

from sqlalchemy import Connection, select

from .. import spelling
from .schema import search_terms
from .writer import version

_cache: dict[tuple[str, int], spelling.Known] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Vocabulary:
    known: spelling.Known

    def suggest(self, text: str, words: tuple[str, ...], few: bool = True) -> str | None:
        return spelling.suggest(self.known, text, words, few)


def vocabulary(conn: Connection) -> Vocabulary:
    """The unstemmed words items hold, as the tables are now."""
    key = (str(conn.engine.url), version(conn))
    with _lock:
        if key not in _cache:
            for old in [k for k in _cache if k[0] == key[0]]:
                del _cache[old]  # only the current version is ever asked for
            rows = conn.execute(select(search_terms.c.term, search_terms.c.found_in).where(
                search_terms.c.field == "e", search_terms.c.found_in > 0))
            _cache[key] = spelling.known(dict(rows.all()))
        return Vocabulary(_cache[key])
