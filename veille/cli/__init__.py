"""The `veille` command. Its commands and options are a contract (DESIGN.md, README).

Each command lives in the module of its area under veille/cli/ and COMMANDS declares where,
with its summary: a command's module is imported only when that command runs or shows its own
help, so `veille --help` imports none of them and a command loads only the parts of veille it
uses (not SQLAlchemy, Whoosh, the pipeline and the mailer every time).
"""

import importlib
import logging
from dataclasses import dataclass

import click

from .. import __version__
from ..errors import VeilleError


@dataclass(frozen=True)
class Command:
    """A command of `veille`: the module of veille/cli/ and the name it is defined under, and
    the first sentence of its help, which `veille --help` shows (a test checks it is the
    command's own)."""

    name: str
    module: str
    attribute: str
    summary: str


COMMANDS: tuple[Command, ...] = (
    Command("alerts", "alerts", "alerts_group", "Email alerts of saved searches (daily or "
            "weekly digests of what is new, or a mail when a search is rising)."),
    Command("audit", "items", "audit_log", "The latest changes made by people: who, what, "
            "when."),
    Command("bulletins", "bulletins", "bulletins_group", "Watch bulletins: drafts and sent "
            "ones."),
    Command("collect", "collecting", "collect", "Collect sources once and print what each "
            "gave."),
    Command("dossiers", "dossiers", "dossiers_group", "Gather items and resources in "
            "dossiers, and export them."),
    Command("import", "library", "import_", "Import items from a JSON Lines file (one object "
            "a line); bad lines are skipped."),
    Command("index", "library", "index_group", "Maintain the full-text index."),
    Command("init", "library", "init", "Create the instance (database, index), add the watch "
            "list and starter resources."),
    Command("items", "items", "items_group", "Curate collected items."),
    Command("migrate-store", "library", "migrate_store", "Copy this instance's database into "
            "an empty PostgreSQL database (resumable), check each table's counts and build "
            "the search there; files stay in the instance folder."),
    Command("purge", "items", "purge", "Delete the news older than its source's retention "
            "(`keep_for`, else [retention] news_after); starred, tagged and noted items and "
            "resources are always kept."),
    Command("referentials", "referentials", "referentials_group", "The official referentials "
            "items are tagged with: France Travail's ROME 4.0 (jobs and skills) and INSEE's "
            "geography (communes, départements, régions, EPCI)."),
    Command("refetch", "collecting", "refetch", "Fetch again the full articles of a source's "
            "latest items and store their text."),
    Command("resources", "resources", "resources_group", "Manage the catalogue of documentary "
            "resources."),
    Command("rules", "rules", "rules_group", "Keep or block what sources bring, by words, "
            "phrase, regular expression, source or tag."),
    Command("search", "searching", "search_command", "Search the index (the query language of "
            "the search box: métier:, lieu:…)."),
    Command("serve", "collecting", "serve", "Run the web UI and the collection scheduler: "
            "one process, or web processes beside one scheduler process (--workers)."),
    Command("settings", "settings", "settings_command", "Print the settings in force (config "
            "file and VEILLE_* variables applied)."),
    Command("sources", "sources", "sources", "Manage the watched sources."),
    Command("users", "users", "users_group", "Manage the accounts (there is none by "
            "default)."),
    Command("worker", "collecting", "worker", "Run the collection scheduler alone (deployments "
            "with several web processes); one at a time per instance."),
)
_BY_NAME = {command.name: command for command in COMMANDS}


def load(command: Command) -> click.Command:
    """The command itself, importing its module (and what that module uses)."""
    module = importlib.import_module(f"{__name__}.{command.module}")
    return getattr(module, command.attribute)


class VeilleGroup(click.Group):
    """The commands of COMMANDS, each imported when asked for; reports a VeilleError as one
    line and exit status 1, never as a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_BY_NAME)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = _BY_NAME.get(cmd_name)
        return load(command) if command else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their summaries, laid out by click, importing none."""
        summaries = [click.Command(c.name, help=c.summary) for c in COMMANDS]
        click.Group(commands=summaries).format_commands(ctx, formatter)

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


def main() -> None:
    cli(prog_name="veille")
