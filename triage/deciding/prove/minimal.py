"""The shortest counter-example: a model of the violation with the fewest answers.

Found by bisection on a bound on the number of questions asked, with the same
incremental solver, so a short counter-example costs a few more checks, not a
search over paths.
"""

from __future__ import annotations

from typing import Any

import z3

from triage.deciding.prove.space import Formula, holds_in


class Undecided(Exception):
    """The solver gave up (it should not, on linear problems: a bug to report)."""


def _check(solver: Any) -> bool:
    verdict = solver.check()
    if verdict == z3.unknown:
        raise Undecided(solver.reason_unknown())
    return bool(verdict == z3.sat)


def _count(model: Any, asked: list[Formula]) -> int:
    return sum(1 for a in asked if holds_in(model, a))


def witness(solver: Any, goal: Formula, asked: list[Formula] | None = None) -> Any:
    """A model where `goal` holds, None if none; with `asked`, one with as few of them
    true (questions asked) as possible."""
    solver.push()
    try:
        solver.add(goal)
        if not _check(solver):
            return None
        best = solver.model()
        if asked is None:
            return best
        low, high = 0, _count(best, asked)
        while low < high:
            middle = (low + high) // 2
            solver.push()
            solver.add(z3.PbLe([(a, 1) for a in asked], middle))
            if _check(solver):
                best = solver.model()
                high = _count(best, asked)
            else:
                low = middle + 1
            solver.pop()
        return best
    finally:
        solver.pop()
