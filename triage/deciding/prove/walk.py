"""The walk as constraints: which questions are asked, where it ends, which outcome wins.

The engine considers the questions in order. Question k is asked when its `when`
holds on the earlier answers and the walk does not end there (or before: see
`encode`). The walk ends at a shown question (or after the last) when a settled decision
with `ends_walk` applies and no decision still open could lead to a more severe
outcome; settled and open depend only on the positions of the questions a decision
reads (`engine.settled_at`, which the engine's `_ends_early` uses too). After the end,
later questions stay unanswered, and every comparison on them is false. An item of a
list with a `when` can be chosen only where that holds (`offered_only`).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import z3

from triage.deciding.engine import settled_at
from triage.deciding.prove.formulas import Formulas
from triage.deciding.prove.space import Formula, Space
from triage.rulesets.model import RuleSet


def enders(rules: RuleSet, k: int, settled: tuple[int, ...]) -> list[int]:
    """The decisions that end the walk at position k when they apply."""
    starts = _ender_starts(rules, settled)
    return sorted(i for i, start in starts.items() if start <= k)


def _ender_starts(rules: RuleSet, settled: tuple[int, ...]) -> dict[int, int]:
    """Per decision that can end the walk: the first position where it does, when it applies.

    It ends the walk at k once it is settled before k (`settled < k`) and no decision still
    open at k (settled at k or later) has a more severe outcome; both only become truer as
    k grows, so each decision has a first position, found by bisection on the severities
    still open: linear in the rule set's size, not in questions times decisions.
    """
    severity = {o.id: o.severity for o in rules.outcomes}
    ends = {o.id for o in rules.outcomes if o.ends_walk}
    size = len(rules.questions)
    # still_open[k]: the most severe outcome of a decision settled at k or later (-1: none).
    still_open = [-1] * (size + 2)
    for decision, at in zip(rules.decisions, settled, strict=True):
        if at >= 0:
            still_open[at] = max(still_open[at], severity[decision.outcome])
    for k in range(size, -1, -1):
        still_open[k] = max(still_open[k], still_open[k + 1])
    falling = [-v for v in still_open[: size + 1]]  # non-decreasing, for bisect
    starts = {}
    for i, (decision, at) in enumerate(zip(rules.decisions, settled, strict=True)):
        mine = severity[decision.outcome]
        if decision.outcome not in ends or mine < 0:
            continue
        first = max(at + 1, bisect_left(falling, -mine))  # first k with still_open[k] <= mine
        if first <= size:
            starts[i] = first
    return starts


@dataclass
class Paths:
    """The constraints of the walk, and the formulas the properties are made of."""

    space: Space
    constraints: list[Formula] = field(default_factory=list)
    applies: list[Formula] = field(default_factory=list)  # per decision
    wins: dict[str, Formula] = field(default_factory=dict)  # per outcome

    @property
    def dead_end(self) -> Formula:
        return z3.Not(z3.Or(*self.applies, self.space.ctx))


def encode(rules: RuleSet, space: Space) -> Paths:
    formulas = Formulas(space)
    walk = Paths(space, list(space.domain))
    walk.applies = [formulas.condition(d.when) for d in rules.decisions]
    starting: dict[int, list[int]] = {}
    for i, k in _ender_starts(rules, settled_at(rules)).items():
        starting.setdefault(k, []).append(i)
    # Where the walk ended, before k, a decision that ends it applied; it reads only
    # questions before the end and ends it at k too (the enders only grow with k): so
    # "the walk still goes on at k" is just "no decision ends it at k". Each `ended`
    # names the enders up to k once, so the constraints grow with the rule set, not
    # with questions times decisions.
    ended = z3.BoolVal(False, space.ctx)
    for k, question in enumerate(rules.questions):
        if k in starting:
            before, ended = ended, z3.Bool(f"ended by {question.id}", space.ctx)
            more = (walk.applies[i] for i in starting[k])
            walk.constraints.append(ended == z3.Or(before, *more))
        shown = formulas.condition(question.when)
        walk.constraints.append(space.asked[question.id] == z3.And(shown, z3.Not(ended)))
    walk.constraints += offered_only(rules, space, formulas)
    walk.wins = _wins(rules, walk)
    return walk


def offered_only(rules: RuleSet, space: Space, formulas: Formulas) -> list[Formula]:
    """An item of a list can be chosen only where it is offered (its `when` holds on the
    answers before it), as `engine.offered` shows it and `assess` refuses it otherwise."""
    return [
        z3.Implies(space.items[question.id][choice.key], formulas.condition(choice.when))
        for question in rules.questions
        if question.id in space.items
        for choice in question.choices  # type: ignore[union-attr]
        if choice.when is not None
    ]


def _wins(rules: RuleSet, walk: Paths) -> dict[str, Formula]:
    """Per outcome: it applies and no more severe one does (severities are unique).

    From the most severe down, "a more severe outcome applies" is one variable per
    outcome, defined from the one above it, so the formulas grow linearly.
    """
    own: dict[str, list[Formula]] = {o.id: [] for o in rules.outcomes}
    for decision, applies in zip(rules.decisions, walk.applies, strict=True):
        own[decision.outcome].append(applies)  # `checks`: every outcome named exists
    wins = {}
    ctx = walk.space.ctx
    above = z3.BoolVal(False, ctx)
    for outcome in sorted(rules.outcomes, key=lambda o: -o.severity):
        applies = z3.Or(*own[outcome.id], ctx)
        wins[outcome.id] = z3.And(applies, z3.Not(above))
        before, above = above, z3.Bool(f"above {outcome.id}", ctx)
        walk.constraints.append(above == z3.Or(before, applies))
    return wins
