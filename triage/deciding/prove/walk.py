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

from dataclasses import dataclass, field

import z3

from triage.deciding.engine import settled_at
from triage.deciding.prove.formulas import Formulas
from triage.deciding.prove.space import Formula, Space
from triage.rulesets.model import Outcome, RuleSet


def enders(rules: RuleSet, k: int, settled: tuple[int, ...]) -> list[int]:
    """The decisions that end the walk at position k when they apply."""
    severity = {o.id: o.severity for o in rules.outcomes}
    ends = {o.id for o in rules.outcomes if o.ends_walk}
    still_open = max(
        (severity[d.outcome] for d, s in zip(rules.decisions, settled, strict=True) if s >= k),
        default=-1,
    )
    return [
        i
        for i, (d, s) in enumerate(zip(rules.decisions, settled, strict=True))
        if s < k and d.outcome in ends and severity[d.outcome] >= max(0, still_open)
    ]


@dataclass
class Walk:
    """The constraints of the walk, and the formulas the properties are made of."""

    space: Space
    constraints: list[Formula] = field(default_factory=list)
    applies: list[Formula] = field(default_factory=list)  # per decision
    wins: dict[str, Formula] = field(default_factory=dict)  # per outcome

    @property
    def dead_end(self) -> Formula:
        return z3.Not(z3.Or(*self.applies))


def encode(rules: RuleSet, space: Space) -> Walk:
    formulas = Formulas(space)
    walk = Walk(space, list(space.domain))
    walk.applies = [formulas.condition(d.when) for d in rules.decisions]
    settled = settled_at(rules)
    for k, question in enumerate(rules.questions):
        shown = formulas.condition(question.when)
        # Where the walk ended, before k, a decision that ends it applied; it reads only
        # questions before the end and ends it at k too (`enders` only grows with k):
        # so "the walk still goes on at k" is just "no decision ends it at k".
        stop = z3.Or(*(walk.applies[i] for i in enders(rules, k, settled)))
        walk.constraints.append(space.asked[question.id] == z3.And(shown, z3.Not(stop)))
    walk.constraints += offered_only(rules, space, formulas)
    walk.wins = {o.id: _wins(rules, walk, o) for o in rules.outcomes}
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


def _wins(rules: RuleSet, walk: Walk, outcome: Outcome) -> Formula:
    """The outcome applies and no more severe one does (severities are unique)."""
    severity = {o.id: o.severity for o in rules.outcomes}
    own = [a for d, a in zip(rules.decisions, walk.applies, strict=True) if d.outcome == outcome.id]
    above = [
        a
        for d, a in zip(rules.decisions, walk.applies, strict=True)
        if severity[d.outcome] > outcome.severity  # `checks`: every outcome named exists
    ]
    return z3.And(z3.Or(*own), z3.Not(z3.Or(*above)))
