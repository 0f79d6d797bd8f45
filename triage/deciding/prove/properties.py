"""The properties proven, each as the formula of its violation.

- `outcome_always`: some decision applies at the end of every walk (no dead end);
- `red_flags_honoured`: whenever a red flag or an emergency sign is raised, the
  outcome books no massage (`kind: referral`) and is at least as severe as the
  flag's own outcome;
- `asked_once`: no question is asked twice. The engine only ever asks the first
  unanswered question, so this holds by construction; the walk encoded here asks
  each question at most once, as the engine does.

Reachability (every question asked on some walk, every outcome the result of some
walk) is exact too, but reported as warnings: an unreachable outcome is not unsafe.

A "not now" outcome (the default rules' `postpone`: no massage today, book again once
well) is a `referral`: it books nothing, so it is held to `red_flags_honoured` like
every referral and needs no property of its own. An item of a list offered only to
some people (`when` on a choice) is false wherever it is not offered (`walk`).
"""

from __future__ import annotations

from collections.abc import Iterator

import z3

from triage.deciding.prove import PROPERTIES as PROPERTIES
from triage.deciding.prove.space import Formula
from triage.deciding.prove.walk import Paths
from triage.rulesets.model import RedFlag, RuleSet


def raised(walk: Paths, flag: RedFlag) -> Formula:
    """The flag's answer was given (its question was asked)."""
    space = walk.space
    asked = space.asked[flag.question]
    if flag.answer is True:
        return z3.And(asked, space.value[flag.question])
    if flag.question in space.items:
        return z3.And(asked, space.items[flag.question][str(flag.answer)])
    question = space.rules.question(flag.question)
    index = question.positions  # type: ignore[union-attr]
    return z3.And(asked, space.value[flag.question] == index[str(flag.answer)])


def flag_violations(rules: RuleSet, walk: Paths) -> Iterator[tuple[RedFlag, Formula]]:
    """Per red flag: it is raised and the outcome is a massage, or less severe than its own."""
    outcomes = {o.id: o for o in rules.outcomes}
    for flag in rules.red_flags():
        needed = outcomes[flag.outcome]  # `checks`: every outcome named exists
        wrong = [
            walk.wins[o.id]
            for o in rules.outcomes
            if o.kind != "referral" or o.severity < needed.severity
        ]
        yield flag, z3.And(raised(walk, flag), z3.Or(*wrong, walk.space.ctx))
