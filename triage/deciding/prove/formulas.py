"""Conditions and scores as formulas over the answers (see `space`).

A score is a linear sum of its terms' weights, exact as the engine adds them
(scaled to whole numbers); a comparison of a score is a linear inequality, which
the solver decides without trying the instrument's answers one by one.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import z3

from triage.deciding.prove.space import Formula, Space, _integer
from triage.rulesets.model import (
    All,
    AnyOf,
    ChoiceQuestion,
    Compare,
    Condition,
    MultiChoiceQuestion,
    Not,
    Term,
    YesNoQuestion,
)
from triage.rulesets.scores import weight

Sum = Any  # a z3 arithmetic expression


class Formulas:
    """Builds (and shares) the formula of each condition and score of a rule set."""

    def __init__(self, space: Space) -> None:
        self.space = space
        self._scores: dict[str, tuple[Sum, int]] = {}

    def condition(self, condition: Condition | None) -> Formula:
        if condition is None:
            return z3.BoolVal(True, self.space.ctx)
        if isinstance(condition, All):
            return z3.And(*(self.condition(c) for c in condition.all), self.space.ctx)
        if isinstance(condition, AnyOf):
            return z3.Or(*(self.condition(c) for c in condition.any), self.space.ctx)
        if isinstance(condition, Not):
            return z3.Not(self.condition(condition.not_))
        if condition.score is not None:
            return self._compare_score(condition)
        return self.space.compare(condition)

    def _compare_score(self, atom: Compare) -> Formula:
        # A rule set that loads compares a score only with is, >=, <=, > or < and an
        # exact number (the model and `checks` refuse anything else).
        total, scale = self.score(atom.subject)
        bound = Fraction(atom.operand)  # type: ignore[call-overload]
        return _integer(total, atom.operator, bound * scale)

    def score(self, score_id: str) -> tuple[Sum, int]:
        """The total of a score, in whole units of 1/scale (so integer arithmetic decides it).

        Every weight is a fraction; multiplied by the least common multiple of their
        denominators, each is a whole number, and a total strictly between two
        thresholds is seen at once to be impossible, with no search over the answers.
        """
        if score_id not in self._scores:
            # `checks` guarantee the score exists; it has at least one term (the model).
            terms = next(s.sum for s in self.space.rules.scores if s.id == score_id)
            weights = [weight(t, k) for t in terms for k in t.weights]
            scale = math.lcm(*(w.denominator for w in weights))  # 1 without weights
            self._scores[score_id] = (z3.Sum(*(self._term(t, scale) for t in terms)), scale)
        return self._scores[score_id]

    def _term(self, term: Term, scale: int) -> Sum:
        space = self.space
        zero = z3.IntVal(0, space.ctx)
        if term.question not in space.asked:
            return zero
        question = space.rules.question(term.question)

        def w(key: str) -> Sum:
            return z3.IntVal(int(weight(term, key) * scale), space.ctx)

        one = z3.IntVal(scale, space.ctx)
        if isinstance(question, YesNoQuestion):
            yes, no = (w("yes"), w("no")) if term.weights else (one, zero)
            added = z3.If(space.value[question.id], yes, no)
        elif isinstance(question, MultiChoiceQuestion):
            items = space.items[question.id]
            added = z3.Sum(
                *(z3.If(b, w(k) if term.weights else one, zero) for k, b in items.items())
            )
        elif isinstance(question, ChoiceQuestion):
            added = zero
            for i, choice in enumerate(question.choices):
                added = z3.If(space.value[question.id] == i, w(choice.key), added)
        else:  # a number adds nothing (the checks refuse it in a score)
            return zero
        return z3.If(space.asked[question.id], added, zero)
