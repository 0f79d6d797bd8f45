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


def test_the_oracle_keeps_an_answer_whose_item_is_offered_where_its_class_is_not():
    """Hypothesis found it: (q3_0, q3_1) and (q3_0, q3_2) raise the same flag and add the
    same to the score, but q3_1 is never offered once q0 is answered; the oracle kept
    the first as the class's one answer, lost the other with it, and missed the dead end
    the prover (and the engine) found."""
    choices = [
        {"key": "q3_0", "label": "C0", "red_flag": "urgent"},
        {"key": "q3_1", "label": "C1", "when": {"question": "q0", "answered": False}},
        {"key": "q3_2", "label": "C2"},
    ]
    outcome = {"kind": "referral", "advice": "A.", "if_worse": "W.", "ends_walk": True}
    data = {
        "id": "generated",
        "version": "1",
        "title": "Generated",
        "questions": [
            {"id": "q0", "type": "number", "text": "Q0?", "min": "-10", "max": "-5"},
            {
                "id": "q1",
                "type": "choice",
                "text": "Q1?",
                "choices": [
                    {"key": "q1_0", "label": "C0", "red_flag": "urgent"},
                    {"key": "q1_1", "label": "C1"},
                ],
            },
            {"id": "q3", "type": "multi_choice", "text": "Q3?", "choices": choices},
        ],
        "outcomes": [
            {"id": "urgent", "severity": 40, "title": "urgent", **outcome},
            {"id": "relax", "severity": 10, "title": "relax", **outcome, "kind": "massage"},
        ],
        "decisions": [{"outcome": "urgent", "when": {"score": "total", "<=": 0}, "reason": "R."}],
        "scores": [
            {
                "id": "total",
                "title": "Total",
                "sum": [
                    {"question": "q1", "weights": {"q1_0": -1, "q1_1": -1}},
                    {"question": "q3"},
                ],
            }
        ],
    }
    rules = load(data)
    assert rules is not None
    report = agree(rules)
    assert [v.rule for v in report.violations] == ["no_outcome"]
