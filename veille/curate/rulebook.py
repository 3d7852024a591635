"""Keep and block rules in the store: tried on the latest items before being saved, and
re-applied to the items stored before they existed. Collection applies them (pipeline)."""

from dataclasses import asdict, dataclass

from ..enrich.rules import compile_rule, compile_stored, keeps, leaves_out, of_source
from ..errors import InvalidRequest
from ..instance import Instance
from ..models import Item, Rule
from ..store import audit, daily
from ..store import items as item_store
from ..store import rules as rule_store
from ..store import sources as source_store

PREVIEW_ITEMS = 500


@dataclass
class Preview:
    checked: int  # the latest items of the rule's scope, tried
    left_out: list[Item]  # those the rule would leave out


def preview(instance: Instance, rule: Rule, limit: int = PREVIEW_ITEMS) -> Preview:
    """What `rule` would leave out of the latest `limit` news items of its scope (its
    source, or all); InvalidRequest if it is not a valid rule (UnsupportedRegex for a
    regular expression RE2 cannot run)."""
    compiled = compile_rule(rule)
    with instance.engine.connect() as conn:
        if rule.source_id is not None:
            source_store.get(conn, rule.source_id)  # NotFound for an unknown source
        latest = item_store.latest(conn, limit, rule.source_id)
    return Preview(len(latest), [item for item in latest if leaves_out(compiled, item)])


def save(instance: Instance, rule: Rule, actor: str) -> Rule:
    """Store a valid rule (InvalidRequest otherwise); it applies from the next collection."""
    compile_rule(rule)
    with instance.engine.begin() as conn:
        if rule.source_id is not None:
            source_store.get(conn, rule.source_id)
        saved = rule_store.add(conn, rule)
        audit.record(conn, actor, "rule-add", f"rule:{saved.id}", asdict(saved))
    return saved


def listed(instance: Instance) -> list[tuple[Rule, InvalidRequest | None]]:
    """The stored rules, in the order they were added, each with why collection skips it
    (a regular expression RE2 cannot run, saved before rules ran on it), else None."""
    with instance.engine.connect() as conn:
        rules = rule_store.all_rules(conn)
    _, skipped = compile_stored(rules)
    why = {each.rule.id: each.error for each in skipped}
    return [(rule, why.get(rule.id)) for rule in rules]


def remove(instance: Instance, rule_id: int, actor: str) -> None:
    """Delete a rule (what it left out is not brought back). NotFound for an unknown one."""
    with instance.engine.begin() as conn:
        rule = rule_store.get(conn, rule_id)
        rule_store.remove(conn, rule_id)
        audit.record(conn, actor, "rule-delete", f"rule:{rule_id}", asdict(rule))


def apply(instance: Instance, rule_id: int, actor: str, dry_run: bool = False) -> list[Item]:
    """Delete the stored news items that the rules of their source, with rule `rule_id`,
    would not have let in (resources are never touched); the deleted items, or with
    `dry_run` those it would delete. InvalidRequest if rule `rule_id` cannot run; the
    other rules that cannot are skipped, as at collection."""
    with instance.engine.connect() as conn:
        chosen = compile_rule(rule_store.get(conn, rule_id))
        compiled, _ = compile_stored(rule_store.all_rules(conn))
        doomed = [
            item for item, _ in item_store.iter_all(conn)
            if item.kind == "news" and chosen.rule.source_id in (None, item.source_id)
            and leaves_out(chosen, item) and not keeps(of_source(compiled, item.source_id), item)
        ]
    if doomed and not dry_run:
        with instance.engine.begin() as conn:
            daily.remove(conn, [item.id for item in doomed])  # never wanted: not counted
            item_store.delete(conn, [item.id for item in doomed])
            audit.record(conn, actor, "rule-apply", f"rule:{rule_id}",
                         {"deleted": len(doomed)})
        instance.sync_index()
    return doomed
