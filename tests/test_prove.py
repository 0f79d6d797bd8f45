"""The prover against the oracle: same verdicts, shortest counter-examples that replay.

Hypothesis draws small random rule sets and mutants of the shipped ones; on each,
the solver (`triage.deciding.prove`) and the path-walking oracle (`oracle.py`) must
find the same violations, with counter-examples of the same length, the same
questions never asked and the same outcomes never reached. Every counter-example
the prover prints is read back as `triage assess` reads its options and replayed
through the engine, which must show the violation.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from oracle import reads_together
from oracle import verify as walk_every_path
from rulegen import load, mutants, rule_sets

from triage.deciding import engine
from triage.deciding.answers import from_items, parse_pairs
from triage.deciding.prove import prove
from triage.deciding.prove.report import Report, Violation
from triage.rulesets.model import RuleSet

ROOT = Path(__file__).resolve().parent.parent
# How many random rule sets and mutants each run draws; a mutation run lowers it.
EXAMPLES = int(os.environ.get("TRIAGE_PROPERTY_EXAMPLES", "200"))
SHIPPED = {
    "default": yaml.safe_load((ROOT / "rules" / "default.yaml").read_text()),
    "back-screening": yaml.safe_load(
        (ROOT / "rules" / "examples" / "back-screening.yaml").read_text()
    ),
}


def replay(rules: RuleSet, violation: Violation) -> None:
    """The counter-example, read back from its options, shows the violation in the engine."""
    pairs = [option.removeprefix("--answer ") for option in _split(violation.as_options())]
    given = from_items(rules, parse_pairs(pairs))
    # the options say exactly the answers (an empty free text, which changes nothing, is
    # left out of them: `Violation.as_options`)
    assert tuple(given.items()) == tuple((q, v) for q, v in violation.answers if v != "")
    if violation.rule == "no_outcome":
        with pytest.raises(engine.NoOutcome):
            engine.assess(rules, given)
        return
    result = engine.assess(rules, given)
    assert result.ignored == ()  # every answer is one the walk asks for
    flag = violation.rule.removeprefix("red_flag:")
    raised = {f.id: f.outcome for f in result.flags}
    assert flag in raised
    needed = rules.outcome(raised[flag])
    assert result.outcome.kind == "massage" or result.outcome.severity < needed.severity


def _split(options: str) -> list[str]:
    parts = options.split(" --answer ")
    return [parts[0], *(f"--answer {p}" for p in parts[1:])] if options else []


def together(name: str, rules: RuleSet) -> int | None:
    """How many items of a list the oracle chooses at once: every combination for the
    small rule sets; for the default one, whose 12 emergency signs and 14 red flags would
    make millions of paths, as many as one of its conditions names together (a mutant
    that negates a condition may then need more items for its shortest walk: the default
    rules' decisions each name one item, so one is enough there)."""
    return reads_together(rules) if name == "default" else None


def agree(rules: RuleSet, together: int | None = None) -> Report:
    """The prover and the oracle agree on everything the prover reports (the oracle
    choosing at most `together` items of a list at once: see `oracle.walk_all`)."""
    report = prove(rules)
    oracle = walk_every_path(rules, together)
    shortest = {v.rule: len(v.answers) for v in oracle.violations}
    assert {v.rule: len(v.answers) for v in report.violations} == shortest
    assert set(report.never_asked) == {q.id for q in rules.questions} - oracle.asked
    assert set(report.reached) == set(oracle.outcomes)
    assert set(report.never_reached) == {o.id for o in rules.outcomes} - set(oracle.outcomes)
    for violation in report.violations:
        replay(rules, violation)
    return report


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_sets())
def test_the_prover_agrees_with_every_path_on_random_rule_sets(data):
    rules = load(data)
    if rules is not None:
        agree(rules)


@pytest.mark.parametrize("name", sorted(SHIPPED))
@settings(
    max_examples=max(10, EXAMPLES // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_prover_agrees_with_every_path_on_mutants_of_the_shipped_rules(name, data):
    what, mutant = data.draw(mutants(SHIPPED[name]))
    note(f"{name}: {what}")
    rules = load(mutant)
    if rules is not None:
        agree(rules, together(name, rules))


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_the_shipped_rules_agree_and_pass(name: str) -> None:
    rules = load(SHIPPED[name])
    assert rules is not None
    report = agree(rules, together(name, rules))
    assert report.ok and report.never_asked == [] and report.never_reached == []
