"""The rules repository."""

from sqlalchemy import Connection, delete, insert, select

from ..errors import NotFound
from ..models import Rule
from .rows import from_row, inserted_id
from .schema import rules, utcnow


def add(conn: Connection, rule: Rule) -> Rule:
    values = {"action": rule.action, "match": rule.match, "value": rule.value,
              "source_id": rule.source_id, "created_at": utcnow()}
    new_id = inserted_id(conn.execute(insert(rules).values(**values)))
    return Rule(rule.action, rule.match, rule.value, rule.source_id, new_id)


def all_rules(conn: Connection) -> list[Rule]:
    return [from_row(Rule, row) for row in conn.execute(select(rules).order_by(rules.c.id))
            .mappings()]


def get(conn: Connection, rule_id: int) -> Rule:
    row = conn.execute(select(rules).where(rules.c.id == rule_id)).mappings().first()
    if row is None:
        raise NotFound(f"no rule {rule_id}")
    return from_row(Rule, row)


def remove(conn: Connection, rule_id: int) -> None:
    if conn.execute(delete(rules).where(rules.c.id == rule_id)).rowcount == 0:
        raise NotFound(f"no rule {rule_id}")
