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


def prove(rules: RuleSet, reachability: bool = True) -> Report:
    """Prove the properties (see `properties`); with `reachability`, find what is never reached."""
    from triage.deciding.prove.report import prove as run

    return run(rules, reachability)
