"""Proving a rule set's safety properties with a solver, over every combination of answers.

The rule set is translated into constraints (`space`: the answers; `formulas`:
conditions and scores; `walk`: which questions are asked and where the walk ends)
and each property's violation (`properties`) is asked of the solver; a violation
comes back as its shortest counter-example (`minimal`), replayed through the engine
(`report`). Nothing is enumerated, so the cost does not grow with the number of paths.

The solver (z3) is imported by `prove` only, so that loading a rule set whose proof
is remembered, or `triage --version`, never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.deciding.prove.report import Report
    from triage.rulesets.model import RuleSet

# What a successful `prove` establishes; a remembered proof must name the same.
PROPERTIES = ("outcome_always", "red_flags_honoured", "asked_once")

# What a proof may spend, in z3's resource units (`rlimit`), unless told otherwise: a
# count of the solver's steps, so the same rule set passes or runs out on every machine.
# The shipped rule sets need at most about 100,000 (benchmarks/verify.py prints them);
# this is 30 times that, a few seconds of solving on a slow machine.
BUDGET = 3_000_000


class OutOfBudget(Exception):
    """The proof spent its whole budget before it could decide: the rule set is not proven."""

    def __init__(self, budget: int) -> None:
        super().__init__(f"the proof ran out of its budget of {budget} units")
        self.budget = budget


def prove(rules: RuleSet, reachability: bool = True, budget: int = BUDGET) -> Report:
    """Prove the properties (see `properties`); with `reachability`, find what is never reached.

    The whole proof spends at most `budget` units; `OutOfBudget` says when it ran out.
    """
    from triage.deciding.prove.report import run_proof as run

    return run(rules, reachability, budget)
