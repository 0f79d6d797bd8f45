"""The prover against the oracle: same verdicts, shortest counter-examples that replay.

Hypothesis draws small random rule sets and mutants of the shipped ones; on each,
the solver (`triage.deciding.prove`) and the path-walking oracle (`oracle.py`) must
find the same violations, with counter-examples of the same length, the same
questions never asked and the same outcomes never reached. Every counter-example
the prover prints is read back as `triage assess` reads its options and replayed
through the engine, which must show the violation.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from oracle import agree, reads_together
from paths import ROOT
from rulegen import EXAMPLES, load, mutants, rule_sets

from triage.rulesets.model import RuleSet

SHIPPED = {
    "default": yaml.safe_load((ROOT / "rules" / "default.yaml").read_text()),
    "back-screening": yaml.safe_load(
        (ROOT / "rules" / "examples" / "back-screening.yaml").read_text()
    ),
}


def together(name: str, rules: RuleSet) -> int | None:
    """How many items of a list the oracle chooses at once: every combination for the
    small rule sets; for the default one, whose 12 emergency signs and 14 red flags would
    make millions of paths, as many as one of its conditions names together (a mutant
    that negates a condition may then need more items for its shortest walk: the default
    rules' decisions each name one item, so one is enough there)."""
    return reads_together(rules) if name == "default" else None


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
