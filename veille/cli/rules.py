"""Commands on the keep and block rules."""

import json
from dataclasses import asdict

import click

from ..curate import rulebook
from ..curate.rulebook import Preview
from ..models import RULE_MATCHES, Rule, RuleAction, RuleMatch
from .base import actor_option, current_instance, who


@click.group("rules")
def rules_group() -> None:
    """Keep or block what sources bring, by words, phrase, regular expression, source or tag."""


def rule_options(command):
    """The options that describe a rule, shared by `add` and `preview`."""
    options = [
        click.option("--keep", "action", flag_value="keep",
                     help="Keep only what matches (with the other keep rules)."),
        click.option("--block", "action", flag_value="block", help="Leave out what matches."),
        *(click.option(f"--{match}", match, metavar="TEXT", help=help_text)
          for match, help_text in _MATCH_HELP.items()),
        click.option("--for-source", "source_id", type=int, default=None,
                     help="Only for this source (by id); by default, for all."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


_MATCH_HELP: dict[RuleMatch, str] = {
    "words": "Every one of these words, in any order (case and accents aside).",
    "phrase": "These words, one after the other.",
    "regex": "A regular expression on the title and text, case aside (RE2: no "
             "back-references, lookarounds or \\b).",
    "source": "Items of the source of this name.",
    "tag": "Items with this tag.",
}


def _rule(action: RuleAction | None, source_id: int | None,
          matches: dict[str, str | None]) -> Rule:
    given = [(match, value) for match in _MATCH_HELP if (value := matches[match]) is not None]
    if action is None:
        raise click.UsageError("say --keep or --block")
    if len(given) != 1:
        raise click.UsageError(f"name one of --{', --'.join(RULE_MATCHES)}")
    match, value = given[0]
    return Rule(action, match, value, source_id)


def _print_preview(found: Preview, shown: int = 20) -> None:
    click.echo(f"of the latest {found.checked} items, this rule leaves out "
               f"{len(found.left_out)}:")
    for item in found.left_out[:shown]:
        click.echo(f"  - {item.title}  [{item.source}]")
    if len(found.left_out) > shown:
        click.echo(f"  … and {len(found.left_out) - shown} more")


@rules_group.command("preview")
@rule_options
def preview(action: RuleAction | None, source_id: int | None, **matches: str | None) -> None:
    """Try a rule on the latest 500 items without saving it."""
    _print_preview(rulebook.preview(current_instance(), _rule(action, source_id, matches)))


@rules_group.command("add")
@rule_options
@actor_option
def add(action: RuleAction | None, source_id: int | None, actor: str | None,
        **matches: str | None) -> None:
    """Save a rule (after showing what it would have left out of the latest 500 items);
    it applies from the next collection, `rules apply` applies it to stored items."""
    instance = current_instance()
    rule = _rule(action, source_id, matches)
    _print_preview(rulebook.preview(instance, rule))
    saved = rulebook.save(instance, rule, who(actor))
    click.echo(f"rule {saved.id} saved")


@rules_group.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_rules(as_json: bool) -> None:
    """The rules, in the order they were added; those collection skips say why."""
    found = rulebook.listed(current_instance())
    if as_json:
        click.echo(json.dumps([asdict(rule) for rule, _ in found], ensure_ascii=False,
                              indent=2))
        return
    for rule, skipped in found:
        scope = f"source {rule.source_id}" if rule.source_id is not None else "all sources"
        why = f" — skipped: {skipped}" if skipped else ""
        click.echo(f"{rule.id}: {rule.action} {rule.match} {rule.value!r} ({scope}){why}")


@rules_group.command("delete")
@click.argument("rule_id", type=int)
@actor_option
def delete(rule_id: int, actor: str | None) -> None:
    """Delete a rule (the items it left out are not brought back)."""
    rulebook.remove(current_instance(), rule_id, who(actor))
    click.echo(f"rule {rule_id} deleted")


@rules_group.command("apply")
@click.argument("rule_id", type=int)
@click.option("--dry-run", is_flag=True, help="Say what would be deleted, delete nothing.")
@actor_option
def apply(rule_id: int, dry_run: bool, actor: str | None) -> None:
    """Delete the stored news items a rule (with the others of their source) leaves out."""
    doomed = rulebook.apply(current_instance(), rule_id, who(actor), dry_run)
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb} {len(doomed)} items")
    for item in doomed[:50]:
        click.echo(f"  - {item.title}  [{item.source}]")
