"""Human durations such as `30m`, `1h`, `2d` used for collection intervals."""

import re

from .errors import ConfigError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "j": 86400, "w": 604800}
_PATTERN = re.compile(r"^\s*(\d+)\s*([smhdjw])\s*$", re.IGNORECASE)


def parse_duration(text: str) -> int:
    """Return the number of seconds in `text` (`45s`, `30m`, `1h`, `2d`, `1w`; `j` = jour)."""
    match = _PATTERN.match(text)
    if not match or int(match.group(1)) == 0:
        raise ConfigError(
            f"invalid duration {text!r}: expected a positive number and a unit, e.g. 30m, 1h, 2d"
        )
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def format_duration(seconds: int) -> str:
    """Return the shortest exact spelling of `seconds`, the inverse of `parse_duration`."""
    for unit in ("w", "d", "h", "m"):
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"
