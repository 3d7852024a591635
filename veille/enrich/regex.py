r"""The regular expressions of the keep and block rules, run by RE2 in time linear in the text.

Python's `re` backtracks: `(\w+\s?)*$` on one line of text takes minutes of CPU, holding
the GIL, and one rule tried on the rules page froze every request of the server (issue 14).
RE2 (google-re2) never backtracks, so a rule costs a time proportional to the text it reads,
and it lets other threads run while it matches. What only backtracking can do, RE2 refuses:
back-references (`\1`, `(?P=name)`) and lookarounds (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`).
Such a rule is refused with UnsupportedRegex, an InvalidRequest naming what it holds.

A rule keeps the meaning Python gave it. RE2's `\w`, `\d` and `\s` are ASCII: they are
written as the Unicode classes Python's stand for (`\w` holds "é", `\s` the no-break space),
`\Z` as RE2's `\z`, and `$` still matches before a final newline. `\b` and `\B` are
refused like the lookarounds: RE2 has them only in ASCII (`\bécole` would never match);
`(^|\W)école(\W|$)` says the same. So are `\W` and `\S` inside brackets, which RE2 cannot
write in Unicode there.
"""

import re
from collections.abc import Callable

import re2

from ..errors import InvalidRequest

MAX_PATTERN = 500  # characters of a regular expression
_WORD = r"\p{L}\p{N}_"  # str.isalnum() or "_", Python's \w
_SPACE = r"\t\n\v\f\r\x{1C}-\x{1F}\x{85}\p{Z}"  # str.isspace(), Python's \s
# Escapes written otherwise, outside brackets and inside them (`[\w-]`).
_OUTSIDE = {"w": f"[{_WORD}]", "W": f"[^{_WORD}]", "d": r"\p{Nd}", "D": r"\P{Nd}",
            "s": f"[{_SPACE}]", "S": f"[^{_SPACE}]", "Z": r"\z"}
_INSIDE = {"w": _WORD, "d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE}
# Escapes refused: back-references and word boundaries outside brackets, negated classes in.
_REFUSED_OUTSIDE = frozenset("123456789bB")
_REFUSED_INSIDE = frozenset("WS")
# A token: an escape, a lookaround or named back-reference, an opening bracket (with a `^`
# and a `]` that belong to it), any other character; inside brackets, an escape or a character.
_TOKEN_OUTSIDE = re.compile(r"\\.|\(\?(?:P=|<?[=!])|\[\^?\]?|.", re.DOTALL)
_TOKEN_INSIDE = re.compile(r"\\.|.", re.DOTALL)


class UnsupportedRegex(InvalidRequest):
    """A regular expression holding what rules cannot run as Python meant it (`found`): a
    back-reference, a lookaround, a word boundary, `\\W` or `\\S` inside brackets."""

    def __init__(self, pattern: str, found: str) -> None:
        super().__init__(f"unsupported regular expression {pattern!r}: {found} is not allowed "
                         "(rules run on RE2: no back-references, no assertions such as (?=…), "
                         "(?<=…) or \\b)")
        self.found = found


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # a refused pattern is reported once, by us
    return options


_RE2_OPTIONS = _options()


def compile_regex(value: str) -> Callable[[str], bool]:
    """Whether `value` matches somewhere in a text, case aside, in time linear in the text;
    InvalidRequest if `value` is too long or invalid, UnsupportedRegex (one) if RE2 cannot
    run it."""
    if len(value) > MAX_PATTERN:
        raise InvalidRequest(f"a regular expression of {MAX_PATTERN} characters at most")
    try:
        pattern = re2.compile(_translated(value), _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args else "refused"
        raise InvalidRequest(f"invalid regular expression {value!r}: {reason}") from None
    return lambda text: pattern.search(_bytes(text)) is not None


def _bytes(text: str) -> bytes:
    """The text RE2 reads: Python's `$` matches before a final newline too, RE2's only at the
    end, so a final newline is left out; a lone surrogate (a bad "&#xD800;") has no UTF-8,
    its bytes then match nothing."""
    return text.removesuffix("\n").encode("utf-8", "surrogatepass")


def _translated(pattern: str) -> str:
    """`pattern` in RE2's syntax, with the meaning Python gives it."""
    written, position, in_brackets = [], 0, False
    while position < len(pattern):
        found = (_TOKEN_INSIDE if in_brackets else _TOKEN_OUTSIDE).match(pattern, position)
        assert found is not None, "both end in `.`, which matches any character (DOTALL)"
        token = found[0]
        position += len(token)
        written.append(_token(pattern, token, in_brackets))
        in_brackets = token != "]" if in_brackets else token.startswith("[")
    return "".join(written)


def _token(pattern: str, token: str, in_brackets: bool) -> str:
    if token.startswith("(?"):  # only lookarounds and (?P= are single tokens
        raise UnsupportedRegex(pattern, token)
    if len(token) != 2 or token[0] != "\\":
        return token
    refused, written = ((_REFUSED_INSIDE, _INSIDE) if in_brackets
                        else (_REFUSED_OUTSIDE, _OUTSIDE))
    if token[1] in refused:
        raise UnsupportedRegex(pattern, token)
    return written.get(token[1], token)
