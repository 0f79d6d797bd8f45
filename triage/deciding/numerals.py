"""Numbers in answers files, read as they were written, by the command line's rule.

YAML 1.1 reads `010` as 8, `0x0A` and `0b1010` as 10, `1_0` as 10 and `1:30` as 90,
while `--answer pain=010` gives 10 and the README refuses such forms. So a number in
an answers document (an answer, or an item of one) must be written in plain ASCII
decimal without a leading zero (`7`, `-2`, `37.5`), and is handed on as the text
written (`Numeral`), which a number question reads exactly as it reads `--answer`.
Any other spelling is refused at its file, line and column.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from triage.errors import AnswerError, Problem
from triage.i18n import _
from triage.rulesets.parse import Located, Path_

# As `answers.DECIMAL` (at most 15 digits each side), without a leading zero (octal to
# YAML 1.1) and without a decimal comma (YAML never reads `37,5` as a number).
WRITTEN = re.compile(r"[+-]?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?", re.ASCII)


class Numeral(str):
    """A number from an answers file, as the text written (`37.5`): a number question
    reads it as typed text, and any other question refuses it, as it refused the number."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def as_written(located: Located, under: Path_) -> list[Problem]:
    """Every number inside `located.data[under...]` made a `Numeral`; each one not written
    in plain decimal is a problem at its place (and left as YAML read it)."""
    problems = []
    for path, (text, where) in located.numerals.items():
        if path[: len(under)] != under or "<key>" in path or "<discarded>" in path:
            continue  # elsewhere, a mapping's key, or a value refused already
        if WRITTEN.fullmatch(text):
            _replace(located.data, path, Numeral(text))
            continue
        message = _(
            "{text} is not a number written in decimal (YAML would read it as {value}); "
            "write it as on the command line, e.g. 10 or 37.5"
        ).format(text=text[:40], value=_value(located, path))
        problems.append(Problem(message, "", *where, code="invalid-value"))
    return sorted(problems, key=lambda p: (p.line, p.column))


def refuse_misspelt(located: Located, under: Path_) -> None:
    """`as_written`, the first problem raised as an `AnswerError` (an answers document)."""
    problems = as_written(located, under)
    if problems:
        raise AnswerError(f"{problems[0].where()}: {problems[0].message}")


def _value(located: Located, path: Path_) -> str:
    node: Any = located.data
    for part in path:
        node = node[part]
    if isinstance(node, int) and node.bit_length() > 128:  # `0xfff...`: too long to print
        return _("a number of {n} bits").format(n=node.bit_length())
    if isinstance(node, Decimal):  # a decimal the rule-set reader keeps exact: as YAML 1.1 reads it
        return (
            repr(float(node)) if node.is_finite() and abs(node.adjusted()) < 300 else str(node)
        )[:40]
    return repr(node)[:40]


def _replace(data: Any, path: Path_, value: Numeral) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
