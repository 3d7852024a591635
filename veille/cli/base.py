"""What the commands of `veille` share: the instance, messages, progress, the actor."""

import getpass
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from ..instance import Instance, open_instance
from ..settings import load_settings


def current_instance() -> Instance:
    """The instance of the settings in force, closed when the command ends."""
    return closing(open_instance(load_settings()))


def closing(instance: Instance) -> Instance:
    """`instance`, its store's connections closed when the running command ends."""
    click.get_current_context().call_on_close(instance.close)
    return instance


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
