"""The answers as solver variables, and each comparison of one answer as a formula.

Every question gets `asked` (it was answered on the walk) and a value: a Bool for a
yes/no, an index for a choice, one Bool per item of a multi-choice, an integer for a
whole-number question. A question taking any number is given the few numbers that
its comparisons can tell apart (each threshold, the ends of the range and a number
strictly between two of them), so every value the solver picks is a number a person
can type and the engine compares exactly as the solver does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise
from typing import Any

import z3

from triage.rulesets.conditions import atoms
from triage.rulesets.model import (
    AnswerValue,
    ChoiceQuestion,
    Compare,
    MultiChoiceQuestion,
    NumberQuestion,
    QuestionT,
    RuleSet,
    TextQuestion,
    YesNoQuestion,
)

Formula = Any  # a z3 Boolean expression (z3 ships no type hints)


def _real(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def holds_in(model: Any, formula: Formula) -> bool:
    """Whether a formula is true in a model of the solver."""
    return bool(z3.is_true(value_in(model, formula)))


def value_in(model: Any, formula: Formula) -> Any:
    """A formula's value in a model; a variable no constraint mentions gets z3's default
    (false, 0), a valid answer like any other since nothing reads it."""
    return model.eval(formula, model_completion=True)


def points(rules: RuleSet, question: NumberQuestion) -> list[float]:
    """The numbers a non-integer question is explored at, in increasing order."""
    reading = [
        a
        for c in [q.when for q in rules.questions]
        + [c.when for q in rules.questions for c in getattr(q, "choices", ())]
        + [d.when for d in rules.decisions]
        + [c.when for c in rules.cautions]
        for a in atoms(c)
        if a.question == question.id
    ]
    cuts = {float(a.operand) for a in reading if _real(a.operand)}  # type: ignore[arg-type]
    lo, hi = question.min, question.max
    found = sorted({lo, hi, *(c for c in cuts if math.isfinite(c) and lo <= c <= hi)})
    middles = [m for a, b in pairwise(found) if a < (m := a + (b - a) / 2) < b]
    return sorted({*found, *middles})


@dataclass
class Space:
    """The solver's variables for one rule set, with the constraints on their values."""

    rules: RuleSet
    asked: dict[str, Formula] = field(default_factory=dict)
    value: dict[str, Formula] = field(default_factory=dict)
    items: dict[str, dict[str, Formula]] = field(default_factory=dict)
    numbers: dict[str, list[float]] = field(default_factory=dict)
    domain: list[Formula] = field(default_factory=list)

    def __post_init__(self) -> None:
        for q in self.rules.questions:
            self.asked[q.id] = z3.Bool(f"asked {q.id}")
            if isinstance(q, YesNoQuestion):
                self.value[q.id] = z3.Bool(f"yes {q.id}")
            elif isinstance(q, MultiChoiceQuestion):
                self.items[q.id] = {c.key: z3.Bool(f"{q.id} has {c.key}") for c in q.choices}
            elif isinstance(q, ChoiceQuestion):
                self._index(q.id, len(q.choices))
            elif isinstance(q, TextQuestion):
                pass  # free text: asked or not, but no rule may read its words
            elif q.integer:
                v = self.value[q.id] = z3.Int(f"number {q.id}")
                self.domain += [v >= math.ceil(q.min), v <= math.floor(q.max)]
            else:
                self.numbers[q.id] = points(self.rules, q)
                self._index(q.id, len(self.numbers[q.id]))

    def _index(self, question_id: str, size: int) -> None:
        v = self.value[question_id] = z3.Int(f"index {question_id}")
        self.domain += [v >= 0, v < size]

    def compare(self, atom: Compare) -> Formula:
        """A comparison on a question, exactly as `conditions.compare` evaluates it."""
        question = self.rules.question(atom.subject)
        asked = self.asked[question.id]
        if atom.answered is not None:
            return asked if atom.answered else z3.Not(asked)
        return z3.And(asked, self._holds(question, atom))

    def _holds(self, question: QuestionT, atom: Compare) -> Formula:
        """The comparison on the answer given (the question being answered).

        A rule set that loads compares each type only as `checks` allow: a yes/no with
        yes or no, a choice with its own keys, a number with a number; never a text.
        """
        op, operand = atom.operator, atom.operand
        listed = operand if isinstance(operand, list) else [operand]
        if isinstance(question, YesNoQuestion):
            return self.value[question.id] == operand
        if isinstance(question, MultiChoiceQuestion):
            chosen = [self.items[question.id][str(k)] for k in listed]
            return z3.And(*chosen) if op == "includes_all" else z3.Or(*chosen)
        if isinstance(question, ChoiceQuestion):
            keys = [c.key for c in question.choices]
            return z3.Or(*(self.value[question.id] == keys.index(str(k)) for k in listed))
        assert isinstance(question, NumberQuestion), question.type
        return self._number(question, op, operand)

    def _number(self, question: NumberQuestion, op: str, operand: object) -> Formula:
        test = TESTS[op]
        bound = float(operand)  # type: ignore[arg-type]
        v = self.value[question.id]
        if question.id in self.numbers:
            # No point at all may pass: an empty Or is false.
            return z3.Or(
                *(v == i for i, x in enumerate(self.numbers[question.id]) if test(x, bound))
            )
        return _integer(v, op, bound)

    def decode(self, model: Any, question: QuestionT) -> AnswerValue:
        """The answer the solver chose for a question, as the engine takes it."""
        if isinstance(question, TextQuestion):
            return ""  # one answer stands for all: nothing reads it
        if isinstance(question, MultiChoiceQuestion):
            has = self.items[question.id]
            return tuple(k for k, b in has.items() if holds_in(model, b))
        value = value_in(model, self.value[question.id])
        if isinstance(question, YesNoQuestion):
            return bool(z3.is_true(value))
        index = int(value.as_long())
        if isinstance(question, ChoiceQuestion):
            return question.choices[index].key
        if question.id in self.numbers:
            return float(self.numbers[question.id][index])
        return int(index)


TESTS: dict[str, Callable[[float, float], bool]] = {
    "is": lambda x, b: x == b,
    ">=": lambda x, b: x >= b,
    "<=": lambda x, b: x <= b,
    ">": lambda x, b: x > b,
    "<": lambda x, b: x < b,
}


def _integer(v: Formula, op: str, bound: float | Fraction) -> Formula:
    """A whole number compared with any number (a float, or an exact fraction)."""
    # Finite: the model refuses .nan and .inf in a rule set.
    if op == "is":
        return v == int(bound) if bound == int(bound) else z3.BoolVal(False)
    if op == ">=":
        return v >= math.ceil(bound)
    if op == ">":
        return v > math.floor(bound)
    if op == "<=":
        return v <= math.floor(bound)
    return v < math.ceil(bound)
