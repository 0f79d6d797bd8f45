"""Evaluating and explaining structured conditions: no eval, no expression strings.

A comparison on a question that was not answered (hidden, or not yet asked) is false,
except `answered: false`. `not` simply negates, so `not` over an unanswered question
is true: rule authors guard with `all` when that matters (the checks help).

Scores are passed in already summed (see `scores`), so a condition never computes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction

from triage.rulesets.model import All, AnswerValue, AnyOf, Compare, Condition, Not
from triage.rulesets.numbers import text

Scores = Mapping[str, Fraction]
NO_SCORES: Scores = {}


def holds(
    condition: Condition | None,
    answers: Mapping[str, AnswerValue],
    scores: Scores = NO_SCORES,
) -> bool:
    """Whether the condition holds for these answers (an absent condition always holds)."""
    if condition is None:
        return True
    if isinstance(condition, All):
        return all(holds(c, answers, scores) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, answers, scores) for c in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, answers, scores)
    return compare(condition, answers, scores)


def compare(atom: Compare, answers: Mapping[str, AnswerValue], scores: Scores = NO_SCORES) -> bool:
    value: AnswerValue | Fraction
    if atom.score is not None:
        value = scores.get(atom.score, 0)
    elif atom.answered is not None:
        return (atom.subject in answers) is atom.answered
    elif atom.subject not in answers:
        return False
    else:
        value = answers[atom.subject]
    if atom.ge is not None:
        return _number(value) >= atom.ge
    if atom.le is not None:
        return _number(value) <= atom.le
    if atom.gt is not None:
        return _number(value) > atom.gt
    if atom.lt is not None:
        return _number(value) < atom.lt
    if atom.is_ is not None:
        return value == atom.is_ and isinstance(value, bool) == isinstance(atom.is_, bool)
    if atom.in_ is not None:
        return value in atom.in_
    chosen = set(value) if isinstance(value, tuple) else set()
    if atom.includes is not None:
        return atom.includes in chosen
    if atom.includes_any is not None:
        return bool(chosen & set(atom.includes_any))
    return set(atom.includes_all or ()) <= chosen


def _number(value: AnswerValue | Fraction) -> Fraction | float:
    """A number to compare, exactly (an int or a fraction, as read; Python compares a float
    given by a caller exactly too), or NaN, which no comparison holds for."""
    if isinstance(value, int | float | Fraction) and not isinstance(value, bool):
        return value
    return float("nan")


def atoms(condition: Condition | None) -> Iterator[Compare]:
    """Every comparison inside a condition, in reading order."""
    if condition is None:
        return
    if isinstance(condition, All):
        for child in condition.all:
            yield from atoms(child)
    elif isinstance(condition, AnyOf):
        for child in condition.any:
            yield from atoms(child)
    elif isinstance(condition, Not):
        yield from atoms(condition.not_)
    else:
        yield condition


def references(condition: Condition | None) -> list[str]:
    """Ids of the questions a condition reads directly, without repeats, in reading order."""
    return list(dict.fromkeys(a.question for a in atoms(condition) if a.question is not None))


def score_references(condition: Condition | None) -> list[str]:
    """Ids of the scores a condition reads."""
    return list(dict.fromkeys(a.score for a in atoms(condition) if a.score is not None))


def evidence(
    condition: Condition | None,
    answers: Mapping[str, AnswerValue],
    scores: Scores = NO_SCORES,
) -> list[str]:
    """The questions whose answers made a holding condition hold.

    For `any`, only the branches that hold count; for `all` and `not`, every question
    read counts, since each was needed for the result.
    """
    if condition is None:
        return []
    if isinstance(condition, AnyOf):
        found: list[str] = []
        for child in condition.any:
            if holds(child, answers, scores):
                found.extend(evidence(child, answers, scores))
        return list(dict.fromkeys(found))
    if isinstance(condition, All):
        found = [q for c in condition.all for q in evidence(c, answers, scores)]
        return list(dict.fromkeys(found))
    read = [*references(condition), *(f"score:{s}" for s in score_references(condition))]
    return [q for q in read if q in answers or q.removeprefix("score:") in scores]


def describe(condition: Condition | None) -> str:
    """A condition in words, for `rules show`, graphs and messages: 'a is yes and b in [x, y]'."""
    if condition is None:
        return "always"
    if isinstance(condition, All | AnyOf):
        children = condition.all if isinstance(condition, All) else condition.any
        joiner = " and " if isinstance(condition, All) else " or "
        parts = [describe(c) for c in children]
        wrapped = [
            f"({p})" if isinstance(c, All | AnyOf) else p
            for c, p in zip(children, parts, strict=True)
        ]
        return joiner.join(wrapped)
    if isinstance(condition, Not):
        return f"not ({describe(condition.not_)})"
    subject = f"score {condition.score}" if condition.score else condition.subject
    operand = condition.operand
    if isinstance(operand, bool):
        shown = "yes" if operand else "no"
    elif isinstance(operand, list):
        shown = "[" + ", ".join(str(v) for v in operand) + "]"
    elif isinstance(operand, int | Fraction):
        shown = text(operand)
    else:
        shown = str(operand)
    if condition.operator == "answered":
        return f"{subject} answered" if operand else f"{subject} not answered"
    return f"{subject} {condition.operator.replace('_', ' ')} {shown}"
