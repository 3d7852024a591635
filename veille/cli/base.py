"""The `veille` command group and what its commands share: errors, instance, progress."""

import getpass
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from .. import __version__
from ..errors import VeilleError
from ..instance import Instance, open_instance
from ..settings import load_settings


class VeilleGroup(click.Group):
    """Reports a VeilleError as one line and exit status 1, never as a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VeilleError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=VeilleGroup)
@click.version_option(__version__, prog_name="veille")
@click.option("-v", "--verbose", is_flag=True, help="Log what veille does.")
def cli(verbose: bool) -> None:
    """veille: the skills watch of the Maisons des compétences."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def current_instance() -> Instance:
    return open_instance(load_settings())


def err(message: str) -> None:
    click.echo(message, err=True)


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """Yield `advance(steps)`: a bar on a terminal, a line a step otherwise (logs, CI)."""
    if sys.stderr.isatty():
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield bar.update
        return
    done = 0

    def advance(steps: int) -> None:
        nonlocal done
        done += steps
        err(f"{label}: {done}/{total}")

    yield advance


actor_option = click.option("--by", "actor", default=None,
                            help="Who does it, for the audit log (default: this account).")


def who(actor: str | None) -> str:
    """Who acts, for the audit log: as named, else the account running the command."""
    return actor or f"cli:{getpass.getuser()}"
