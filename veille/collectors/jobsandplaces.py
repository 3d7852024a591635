"""The options of an API source watching ROME jobs and places (France Travail's), checked,
and the address naming such a source."""

import re
from urllib.parse import urlencode

from ..errors import ConfigError

ROME = re.compile(r"[A-N][0-9]{4}")


def check(options: dict, places: re.Pattern, places_said: str) -> dict:
    """The options with `rome` (ROME codes) and `lieux` (keys `places` matches), one at least
    of each; ConfigError naming what is expected."""
    return {**options, "rome": _listed(options, "rome", ROME, "ROME codes (H2913)"),
            "lieux": _listed(options, "lieux", places, places_said)}


def _listed(options: dict, key: str, pattern: re.Pattern, what: str) -> list[str]:
    values = options.get(key)
    if not (isinstance(values, list) and values
            and all(isinstance(value, str) and pattern.fullmatch(value) for value in values)):
        raise ConfigError(f'the option "{key}" of a France Travail source is a list of {what}, '
                          f"not {values!r}")
    return values


def address(endpoint: str, options: dict) -> str:
    """The address naming a source: its endpoint, its jobs and its places (one source per
    jobs and places)."""
    query = urlencode({"codeROME": ",".join(options["rome"]),
                       "lieux": ",".join(options["lieux"])}, safe=",:")
    return f"{endpoint}?{query}"
