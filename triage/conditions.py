"""Evaluating and explaining structured conditions: no eval, no expression strings.

A comparison on a question that was not answered (hidden, or not yet asked) is false,
except `answered: false`. `not` simply negates, so `not` over an unanswered question
is true: rule authors guard with `all` when that matters (the checks help).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from triage.model import All, AnswerValue, AnyOf, Compare, Condition, Not


def holds(condition: Condition | None, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether the condition holds for these answers (an absent condition always holds)."""
    if condition is None:
        return True
    if isinstance(condition, All):
        return all(holds(c, answers) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, answers) for c in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, answers)
    return compare(condition, answers)


def compare(atom: Compare, answers: Mapping[str, AnswerValue]) -> bool:
    if atom.answered is not None:
        return (atom.question in answers) is atom.answered
    if atom.question not in answers:
        return False
    value = answers[atom.question]
    if atom.is_ is not None:
        return value == atom.is_
    if atom.in_ is not None:
        return value in atom.in_
    chosen = set(value) if isinstance(value, tuple) else set()
    if atom.includes is not None:
        return atom.includes in chosen
    if atom.includes_any is not None:
        return bool(chosen & set(atom.includes_any))
    return set(atom.includes_all or ()) <= chosen


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
    """Ids of the questions a condition reads, without repeats, in reading order."""
    return list(dict.fromkeys(atom.question for atom in atoms(condition)))


def evidence(condition: Condition | None, answers: Mapping[str, AnswerValue]) -> list[str]:
    """The questions whose answers made a holding condition hold.

    For `any`, only the branches that hold count; for `all` and `not`, every question
    read counts, since each was needed for the result.
    """
    if condition is None:
        return []
    if isinstance(condition, AnyOf):
        found: list[str] = []
        for child in condition.any:
            if holds(child, answers):
                found.extend(evidence(child, answers))
        return list(dict.fromkeys(found))
    if isinstance(condition, All):
        return list(dict.fromkeys(q for c in condition.all for q in evidence(c, answers)))
    return [q for q in references(condition) if q in answers]
