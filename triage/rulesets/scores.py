"""Summing scores from answers, as screening instruments do (STarT Back, say).

Kept apart from `conditions` so a condition only compares a number it is given.
"""

from __future__ import annotations

from collections.abc import Mapping

from triage.rulesets.model import AnswerValue, RuleSet, Term


def contribution(term: Term, value: AnswerValue | None) -> float:
    """What one answer adds to a score (see `model.Term` for the defaults)."""
    if value is None:
        return 0.0
    if isinstance(value, bool):
        key = "yes" if value else "no"
        return term.weights.get(key, 0.0) if term.weights else float(value)
    if isinstance(value, tuple):
        return sum(term.weights.get(key, 0.0) if term.weights else 1.0 for key in value)
    if isinstance(value, str):
        return term.weights.get(value, 0.0)
    return 0.0


def totals(rules: RuleSet, answers: Mapping[str, AnswerValue]) -> dict[str, float]:
    """Every score of the rule set for these answers (unanswered questions add nothing)."""
    return {
        score.id: sum(contribution(t, answers.get(t.question)) for t in score.sum)
        for score in rules.scores
    }


def questions_of(rules: RuleSet, score_id: str) -> list[str]:
    for score in rules.scores:
        if score.id == score_id:
            return [t.question for t in score.sum]
    return []
