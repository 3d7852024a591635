"""`veille settings`: the settings in force, read without opening the instance (its own
module, so that printing them loads nothing else)."""

import click

from ..settings import load_settings, render_toml


@click.command("settings")
@click.option("--defaults", is_flag=True, help="The defaults, as config/veille.toml holds them.")
def settings_command(defaults: bool) -> None:
    """Print the settings in force (config file and VEILLE_* variables applied)."""
    click.echo(render_toml(None if defaults else load_settings()), nl=False)
