"""The shortest counter-example: a model of the violation with the fewest answers.

Found by bisection on a bound on the number of questions asked, with the same
incremental solver, so a short counter-example costs a few more checks, not a
search over paths. Its numbers are then made as round as the violation allows, so
a counter-example reads 2.5, not 2.000000000000001.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import z3

from triage.deciding.prove import OutOfBudget
from triage.deciding.prove.space import Formula, holds_in
from triage.rulesets.numbers import PLACES


class Undecided(Exception):
    """The solver gave up for a reason other than the budget (a bug to report)."""


class Budget:
    """What a proof may spend in all, in z3's resource units (`rlimit`): a count of the
    solver's elementary steps, the same on every machine, unlike a time limit. Each
    check may spend what the earlier ones left."""

    def __init__(self, solver: Any, units: int) -> None:
        self.units = units
        self.start = _spent(solver)

    def left(self, solver: Any) -> int:
        return self.units - (_spent(solver) - self.start)


def _spent(solver: Any) -> int:
    statistics = solver.statistics()
    names = statistics.keys()  # none before the first check
    return int(statistics.get_key_value("rlimit count")) if "rlimit count" in names else 0


def _check(solver: Any, budget: Budget | None = None, *assumed: Formula) -> bool:
    if budget is not None:
        left = budget.left(solver)
        if left <= 0:
            raise OutOfBudget(budget.units)
        solver.set("rlimit", left)
    verdict = solver.check(*assumed)
    if verdict == z3.unknown:
        reason = solver.reason_unknown()
        if budget is not None and (reason == "canceled" or "resource" in reason):
            raise OutOfBudget(budget.units)
        raise Undecided(reason)
    return bool(verdict == z3.sat)


def _count(model: Any, asked: list[Formula]) -> int:
    return sum(1 for a in asked if holds_in(model, a))


def possible(solver: Any, goal: Formula, budget: Budget, name: str) -> bool:
    """Whether some walk makes `goal` true (no model is read). The goal is named by a
    fresh literal and assumed, rather than pushed and popped: about twice as fast."""
    literal = z3.Bool(f"goal {name}", solver.ctx)
    solver.add(z3.Implies(literal, goal))
    return _check(solver, budget, literal)


def witness(
    solver: Any,
    goal: Formula,
    asked: list[Formula] | None = None,
    decimals: Sequence[Formula] = (),
    budget: Budget | None = None,
) -> Any:
    """A model where `goal` holds, None if none; with `asked`, one with as few of them
    true (questions asked) as possible, and then with `decimals` (number answers in
    steps of 10**-15) written with as few decimals as possible (see `_plain`). Every
    check spends from `budget`: `OutOfBudget` when it runs out."""
    solver.push()
    try:
        solver.add(goal)
        if not _check(solver, budget):
            return None
        best = solver.model()
        if asked is None:
            return best
        low, high = 0, _count(best, asked)
        while low < high:
            middle = (low + high) // 2
            solver.push()
            solver.add(z3.PbLe([(a, 1) for a in asked], middle))
            if _check(solver, budget):
                best = solver.model()
                high = _count(best, asked)
            else:
                low = middle + 1
            solver.pop()
        solver.add(z3.PbLe([(a, 1) for a in asked], high))
        return _plain(solver, best, decimals, budget)
    finally:
        solver.pop()


def _plain(solver: Any, best: Any, decimals: Sequence[Formula], budget: Budget | None) -> Any:
    """The model with each number, in turn, as round as it can be: a whole number if
    one will do, else one decimal, and so on (2.5 rather than 2.000000000000001)."""
    for value in decimals:
        for places in range(PLACES + 1):
            solver.push()
            solver.add(value % 10 ** (PLACES - places) == 0)
            if _check(solver, budget):
                best = solver.model()
                solver.pop()
                solver.add(value % 10 ** (PLACES - places) == 0)
                break
            solver.pop()
    return best
