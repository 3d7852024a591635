"""Sources that call an API (collectors.APIS): made from the jobs and places a person names
rather than from a URL, their address derived from them."""

from collections.abc import Iterable

from ..collectors import APIS, check_options
from ..errors import ConfigError
from ..instance import Instance
from ..models import Source
from ..refdata import COMMUNE, DEPARTEMENT, EPCI
from ..tags.vocabulary import StoreVocabulary
from .watchlist import make_source

# A département's code (57, 2A, 971) or a commune's (57463, 2A004).
_DEPARTEMENT_CODE = 3


def api_source(instance: Instance, kind: str, romes: Iterable[str], places: Iterable[str], *,
               name: str = "", every: str = "1d", tags: tuple[str, ...] = ()) -> Source:
    """A source of an API kind for ROME jobs (codes) and places (keys, INSEE codes or names
    of départements and communes); ConfigError naming what is wrong."""
    if kind not in APIS:
        raise ConfigError(f"{kind!r} is no API source kind: {', '.join(APIS)}")
    options = {"rome": [rome.strip().upper() for rome in romes if rome.strip()],
               "lieux": [key for place in places if place.strip()
                         for key in place_keys(instance, place)]}
    checked = check_options(kind, options)
    url = APIS[kind].address(instance.settings, checked)
    name = name or f"France Travail {' '.join(checked['rome'])} · {' '.join(checked['lieux'])}"
    return make_source(url, name=name, kind=kind, every=every, tags=tags, options=checked)


def place_keys(instance: Instance, place: str) -> list[str]:
    """The key of a département or commune given by key ("departement:57", "region:44"),
    INSEE code ("57", "57463") or name ("Moselle", "Thionville", "Grand Est": the geography
    must be loaded)."""
    value = place.strip()
    if ":" in value:
        return [value.lower().replace("2a", "2A").replace("2b", "2B")]
    if any(char.isdigit() for char in value):
        kind = DEPARTEMENT if len(value) <= _DEPARTEMENT_CODE else COMMUNE
        return [f"{kind}:{value.upper()}"]
    keys = [key for key in StoreVocabulary(instance.engine).place_keys(value)
            if not key.startswith(f"{EPCI}:")]
    if len(keys) != 1:
        raise ConfigError(f"{value!r} names " + (f"several places ({', '.join(keys[:5])}): give "
                          "one's INSEE code" if keys else "no département or commune veille "
                          "knows: give its INSEE code (or import the geography)"))
    return keys
