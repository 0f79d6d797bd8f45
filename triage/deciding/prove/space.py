"""The answers as solver variables, and each comparison of one answer as a formula.

Every question gets `asked` (it was answered on the walk) and a value: a Bool for a
yes/no, an index for a choice, one Bool per item of a multi-choice, and an integer for
a number question: the answer itself for a whole-number question, the answer in steps
of 10**-15 for any other. Every number a person can type (at most 15 digits each side
of the point, `numbers.typeable`) within the question's range is one value of that
integer and nothing else is, and every threshold is an exact fraction, so a comparison
is a linear inequality decided exactly over all of them: nothing is sampled, nothing
rounded, and what the solver picks is an answer the engine takes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import z3

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
from triage.rulesets.numbers import STEP, answerable

Formula = Any  # a z3 Boolean expression (z3 ships no type hints)


def holds_in(model: Any, formula: Formula) -> bool:
    """Whether a formula is true in a model of the solver."""
    return bool(z3.is_true(value_in(model, formula)))


def value_in(model: Any, formula: Formula) -> Any:
    """A formula's value in a model; a variable no constraint mentions gets z3's default
    (false, 0), a valid answer like any other since nothing reads it."""
    return model.eval(formula, model_completion=True)


@dataclass
class Space:
    """The solver's variables for one rule set, with the constraints on their values.

    Every formula of one proof lives in the proof's own z3 context (`ctx`, z3's shared
    one when none is given): what z3 did before, for another proof, then cannot change
    what this one spends of its budget.
    """

    rules: RuleSet
    asked: dict[str, Formula] = field(default_factory=dict)
    value: dict[str, Formula] = field(default_factory=dict)
    items: dict[str, dict[str, Formula]] = field(default_factory=dict)
    steps: dict[str, Fraction] = field(default_factory=dict)  # per number question
    domain: list[Formula] = field(default_factory=list)
    ctx: Any = field(default_factory=z3.main_ctx)

    def __post_init__(self) -> None:
        for q in self.rules.questions:
            self.asked[q.id] = z3.Bool(f"asked {q.id}", self.ctx)
            if isinstance(q, YesNoQuestion):
                self.value[q.id] = z3.Bool(f"yes {q.id}", self.ctx)
            elif isinstance(q, MultiChoiceQuestion):
                self.items[q.id] = {
                    c.key: z3.Bool(f"{q.id} has {c.key}", self.ctx) for c in q.choices
                }
            elif isinstance(q, ChoiceQuestion):
                self._index(q.id, len(q.choices))
            elif isinstance(q, TextQuestion):
                pass  # free text: asked or not, but no rule may read its words
            else:
                self.steps[q.id] = Fraction(1) if q.integer else STEP
                v = self.value[q.id] = z3.Int(f"number {q.id}", self.ctx)
                first, last = answerable(q.min, q.max, q.integer)
                self.domain += [v >= first, v <= last]

    def _index(self, question_id: str, size: int) -> None:
        v = self.value[question_id] = z3.Int(f"index {question_id}", self.ctx)
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
            return z3.And(*chosen, self.ctx) if op == "includes_all" else z3.Or(*chosen, self.ctx)
        if isinstance(question, ChoiceQuestion):
            index = question.positions  # built once: 1,000 keys read 1,000 times stay linear
            return z3.Or(*(self.value[question.id] == index[str(k)] for k in listed), self.ctx)
        assert isinstance(question, NumberQuestion), question.type
        return self._number(question, op, operand)

    def _number(self, question: NumberQuestion, op: str, operand: object) -> Formula:
        bound = Fraction(operand)  # type: ignore[call-overload]  # `checks`: an int or a fraction
        return _integer(self.value[question.id], op, bound / self.steps[question.id])

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
        if isinstance(question, NumberQuestion) and not question.integer:
            return index * self.steps[question.id]
        return index


def _integer(v: Formula, op: str, bound: Fraction) -> Formula:
    """A whole number compared exactly with a fraction (ceil and floor of a fraction are exact)."""
    if op == "is":
        return v == int(bound) if bound == int(bound) else z3.BoolVal(False, v.ctx)
    if op == ">=":
        return v >= math.ceil(bound)
    if op == ">":
        return v > math.floor(bound)
    if op == "<=":
        return v <= math.floor(bound)
    return v < math.ceil(bound)
