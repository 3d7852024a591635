"""The `veille` command: its commands are declared in one table (veille.cli.COMMANDS), listed
by `veille --help` without importing any of them, and each is imported only when asked for;
each closes its store's connections when it ends."""

import importlib
import os
import pkgutil
import subprocess
import sys

import click
import pytest

import veille.cli
from tests.cli.helpers import HEAVY, imported_by, within
from veille.cli import COMMANDS, cli, load


def test_the_help_lists_every_command_importing_none_of_them_nor_a_heavy_library():
    modules = imported_by("--help")
    assert within(modules, HEAVY) == set()
    assert {module for module in modules if module.startswith("veille.")} <= {
        "veille.cli", "veille.errors"}


def test_the_help_lists_each_command_with_the_first_sentence_of_its_own_help():
    commands = click.Group(commands={command.name: load(command) for command in COMMANDS})
    for width in (50, 80):
        assert listing(cli, width) == listing(commands, width)


def listing(group: click.Group, width: int) -> str:
    ctx = click.Context(group, terminal_width=width)
    formatter = ctx.make_formatter()
    group.format_commands(ctx, formatter)
    return formatter.getvalue()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
def test_each_command_is_found_under_its_name(command):
    assert load(command).name == command.name
    assert cli.get_command(click.Context(cli), command.name) is load(command)


def test_every_command_the_modules_define_is_declared():
    declared = set()
    for command in COMMANDS:
        declared |= set(walk(load(command)))
    for module in pkgutil.iter_modules(veille.cli.__path__, "veille.cli."):
        defined = vars(importlib.import_module(module.name)).values()
        commands = {id(c) for c in defined if isinstance(c, click.Command)}
        assert commands <= declared, module.name


def walk(command: click.Command):
    yield id(command)
    for sub in getattr(command, "commands", {}).values():
        yield from walk(sub)


def test_an_unknown_command_is_refused_as_before(veille):
    assert "No such command 'serach'" in veille("serach", "x", expect=2).stderr


@pytest.mark.parametrize("args", [("init",), ("search", "emploi"), ("sources", "list")])
def test_a_command_closes_its_store_connections_when_it_ends(instance_on_store, args):
    """Python's development mode warns of every connection left open to the garbage
    collector (on PostgreSQL, a session the server keeps until the process dies)."""
    run = subprocess.run([sys.executable, "-X", "dev", "-m", "veille", *args],
                         capture_output=True, text=True, env=os.environ.copy())
    assert run.returncode == 0, run.stderr
    assert "ResourceWarning" not in run.stderr, run.stderr
