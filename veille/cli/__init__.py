"""The `veille` command. Its commands and options are a contract (DESIGN.md, README).

One module per area registers its commands on the group defined in base.py.
"""

from . import (  # noqa: F401 - importing registers the commands
    alerts,
    bulletins,
    collecting,
    dossiers,
    items,
    library,
    referentials,
    resources,
    rules,
    sources,
    users,
)
from .base import cli


def main() -> None:
    cli(prog_name="veille")
