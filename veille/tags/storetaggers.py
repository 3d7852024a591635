"""The taggers (enrich.tagging) of the referentials the store holds: the ROME, the geography
and the BMO's bassins. They take seconds to build, so each process builds them once, and
again when `referential_versions` says another release was imported (releases.PerRelease).

Item tagging (itemtags) and the search's vocabulary (vocabulary) read them. A module of its
own so that a search loads none of item tagging's parts (the items, tags and daily counts of
the store, the instance), and enrich.tagging is imported when the taggers are first built:
a search on an instance without referentials never imports it (`veille search` starts
faster).
"""

from typing import TYPE_CHECKING

from sqlalchemy import Connection

from ..refdata import BASSINS, GEO, ROME
from ..store import labourmarket
from ..store import referentials as referential_store
from .releases import PerRelease

if TYPE_CHECKING:
    from ..enrich.tagging import Taggers


def _build(conn: Connection) -> "Taggers":
    from ..enrich.tagging import Taggers

    return Taggers(referential_store.load_rome(conn), referential_store.load_geo(conn),
                   labourmarket.commune_bassins(conn))


_taggers = PerRelease((ROME, GEO), _build, optional=(BASSINS,))


def taggers(conn: Connection) -> "Taggers | None":
    """The taggers for the referentials the store holds; None without the ROME and the
    geography. Built once per release of them (and of the bassins) and process."""
    return _taggers.get(conn)
