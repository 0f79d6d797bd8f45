"""Summing scores from answers, as screening instruments do (STarT Back, say).

Kept apart from `conditions` so a condition only compares a number it is given.
Sums are exact (fractions of the weights as written), so a total compared with a
threshold gives the same answer here as in the prover, whatever the weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from triage.rulesets.model import AnswerValue, RuleSet, Term

ZERO = Fraction(0)
ONE = Fraction(1)


def weight(term: Term, key: str) -> Fraction:
    """What answer `key` adds with this term's weights (an answer not listed adds 0)."""
    return Fraction(term.weights.get(key, 0))


def contribution(term: Term, value: AnswerValue | None) -> Fraction:
    """What one answer adds to a score (see `model.Term` for the defaults)."""
    if value is None:
        return ZERO
    if isinstance(value, bool):
        key = "yes" if value else "no"
        return weight(term, key) if term.weights else (ONE if value else ZERO)
    if isinstance(value, tuple):
        return sum((weight(term, key) if term.weights else ONE for key in value), ZERO)
    if isinstance(value, str):
        return weight(term, value)
    return ZERO


def totals(rules: RuleSet, answers: Mapping[str, AnswerValue]) -> dict[str, Fraction]:
    """Every score of the rule set for these answers (unanswered questions add nothing)."""
    return {
        score.id: sum((contribution(t, answers.get(t.question)) for t in score.sum), ZERO)
        for score in rules.scores
    }


def questions_of(rules: RuleSet, score_id: str) -> list[str]:
    for score in rules.scores:
        if score.id == score_id:
            return [t.question for t in score.sum]
    return []
