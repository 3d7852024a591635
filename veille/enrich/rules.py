"""Keep and block rules: which of the items a source brings are stored.

A block rule leaves out the items it matches. When a source has keep rules (its own or
global ones), it keeps only the items one of them matches. Words and phrases are compared
as the search's unstemmed field holds them: case, accents, elisions and typography aside
("l’Île" has the word "ile"); a regular expression sees the title and text as typed
(typography.plain: "’" is "'", "œ" is "oe", a no-break space a space; the pattern is read
so too), case aside, and runs on RE2 in linear time (regex.py).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import InvalidRequest
from ..models import RULE_ACTIONS, RULE_MATCHES, Item, Rule
from ..text.french import WORDS, exact_term
from ..text.labels import normalise_tags
from ..text.typography import plain
from .regex import compile_regex


@dataclass(frozen=True)
class Compiled:
    rule: Rule
    matches: Callable[[Item], bool]


@dataclass(frozen=True)
class Skipped:
    rule: Rule
    error: InvalidRequest  # why it cannot run


def compile_rule(rule: Rule) -> Compiled:
    """The rule, ready to test items; InvalidRequest if it cannot be."""
    if rule.action not in RULE_ACTIONS:
        raise InvalidRequest(f"a rule keeps or blocks, not {rule.action!r}")
    if rule.match not in RULE_MATCHES:
        raise InvalidRequest(f"a rule matches {', '.join(RULE_MATCHES)}, not {rule.match!r}")
    value = rule.value.strip()
    if not value:
        raise InvalidRequest("a rule needs something to match")
    return Compiled(rule, _MATCHERS[rule.match](value))


def compile_stored(rules: Iterable[Rule]) -> tuple[list[Compiled], list[Skipped]]:
    """The stored rules ready to test items, and those that cannot run: a regular
    expression saved before rules ran on RE2 may hold a back-reference or a lookaround. One
    such rule is skipped (its callers report it), it never stops a collection."""
    compiled, skipped = [], []
    for rule in rules:
        try:
            compiled.append(compile_rule(rule))
        except InvalidRequest as error:
            skipped.append(Skipped(rule, error))
    return compiled, skipped


def _all_words(value: str) -> Callable[[Item], bool]:
    wanted = set(_words(value))
    return lambda item: wanted <= set(_words(_text(item)))


def _phrase(value: str) -> Callable[[Item], bool]:
    wanted = f" {' '.join(_words(value))} "
    return lambda item: wanted in f" {' '.join(_words(_text(item)))} "


def _regex(value: str) -> Callable[[Item], bool]:
    matches = compile_regex(plain(value))
    return lambda item: matches(plain(_text(item)))


def _source(value: str) -> Callable[[Item], bool]:
    wanted = _words(value)
    return lambda item: _words(item.source) == wanted


def _tag(value: str) -> Callable[[Item], bool]:
    wanted = set(normalise_tags((value,)))
    return lambda item: bool(wanted & set(item.tags))


_MATCHERS = {"words": _all_words, "phrase": _phrase, "regex": _regex, "source": _source,
             "tag": _tag}


def _words(text: str) -> list[str]:
    return [exact_term(word) for word in WORDS.findall(text)]


def _text(item: Item) -> str:
    return f"{item.title}\n{item.content_text}"


def of_source(rules: Iterable[Compiled], source_id: int | None) -> list[Compiled]:
    """The rules that apply to a source's items: its own and the global ones."""
    return [rule for rule in rules if rule.rule.source_id in (None, source_id)]


def keeps(rules: list[Compiled], item: Item) -> bool:
    """Whether `rules` (those of the item's source) let the item in."""
    if any(rule.rule.action == "block" and rule.matches(item) for rule in rules):
        return False
    keep = [rule for rule in rules if rule.rule.action == "keep"]
    return not keep or any(rule.matches(item) for rule in keep)


def leaves_out(rule: Compiled, item: Item) -> bool:
    """Whether `rule` alone would leave `item` out (what a preview shows)."""
    return rule.matches(item) if rule.rule.action == "block" else not rule.matches(item)
