"""Each part of the prover's encoding pinned by a rule set whose verdict depends on it.

The random property tests find most wrong encodings, but only with luck and enough
examples; here every weight, default and guard of a score, and every comparison of a
number, decides a verdict of its own, so changing any of them fails a test at once.
"""

from __future__ import annotations

import pytest
import z3
from hypothesis import HealthCheck, given, settings
from paths import ROOT
from rulegen import load, rule_sets

from triage.deciding import engine
from triage.deciding.prove import prove
from triage.deciding.prove.space import Space
from triage.deciding.prove.walk import encode
from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import RuleSet

TEMPLATE = """
id: pins
version: "1"
title: Pins
questions:
  - {id: sign, type: yes_no, text: 'A sign?', red_flag: doctor}
  - QUESTION
scores:
  - {id: total, title: Total, sum: [TERM]}
outcomes:
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: W.}
  - {id: doctor, kind: referral, severity: 20, title: D, advice: D., if_worse: W.}
decisions:
  - {outcome: doctor, when: {all: [{question: sign, is: yes}, FLAGGED]}, reason: Flag.}
  - {outcome: relax, reason: Always.}
"""
YES_NO = "{id: a, type: yes_no, text: 'A?'}"
CHOICE = "{id: a, type: choice, text: 'A?', choices: [{key: x, label: X}, {key: y, label: Y}]}"
MULTI = "{id: a, type: multi_choice, text: 'A?', choices: [{key: x, label: X}, {key: y, label: Y}]}"
HIDDEN_YES_NO = "{id: a, type: yes_no, text: 'A?', when: {question: sign, is: no}}"


def pins(question: str, term: str, flagged: str) -> RuleSet:
    text = TEMPLATE.replace("QUESTION", question).replace("TERM", term)
    return load_rules([Source("pins.yaml", text.replace("FLAGGED", flagged))])


def flagged_answers(rules: RuleSet) -> dict[str, object] | None:
    """The counter-example's answers when the red flag can end in a massage, else None."""
    report = prove(rules, reachability=False)
    if report.ok:
        return None
    (violation,) = report.violations
    return dict(violation.answers)


ONE_OR_X = '{any: [{score: total, "<=": 1}, {question: a, includes: x}]}'
ONE_OR_Y = '{any: [{score: total, "<=": 1}, {question: a, includes: y}]}'
# (question, term, condition that sends the flag on, the unsafe answer to `a` or None)
CASES = [
    # A weighted yes/no adds its yes weight and its no weight: zeroing either opens a hole.
    (YES_NO, "{question: a, weights: {yes: 2, no: 3}}", '{score: total, ">=": 2}', None),
    (YES_NO, "{question: a, weights: {yes: 2, no: 3}}", '{score: total, ">=": 3}', True),
    (YES_NO, "{question: a, weights: {yes: 3, no: 2}}", '{score: total, ">=": 3}', False),
    (YES_NO, "{question: a, weights: {yes: 3, no: 2}}", '{score: total, ">": 2}', False),
    (YES_NO, "{question: a, weights: {yes: 2, no: 3}}", '{score: total, "<=": 2}', False),
    (YES_NO, "{question: a, weights: {yes: 2, no: 3}}", "{score: total, is: 3}", True),
    # Only one weight given: the other answer adds 0.
    (YES_NO, "{question: a, weights: {no: 1}}", '{score: total, ">=": 1}', True),
    (YES_NO, "{question: a, weights: {yes: 1}}", '{score: total, ">=": 1}', False),
    # Without weights a yes/no counts 1 for yes, 0 for no.
    (YES_NO, "{question: a}", '{score: total, ">=": 1}', False),
    (YES_NO, "{question: a}", '{score: total, "<": 1}', True),
    (YES_NO, "{question: a}", '{score: total, "<=": 1}', None),
    # Weights that are not whole: exact, scaled to whole numbers.
    (YES_NO, "{question: a, weights: {yes: 0.1, no: 0.2}}", '{score: total, ">=": 0.1}', None),
    (YES_NO, "{question: a, weights: {yes: 0.1, no: 0.2}}", '{score: total, ">": 0.1}', True),
    (YES_NO, "{question: a, weights: {yes: -0.5, no: 0.25}}", '{score: total, ">=": -0.5}', None),
    (YES_NO, "{question: a, weights: {yes: -0.5, no: 0.25}}", '{score: total, "<": 0.25}', False),
    # A choice adds its own key's weight; a key not listed adds 0.
    (CHOICE, "{question: a, weights: {x: 1, y: 2}}", '{score: total, ">=": 1}', None),
    (CHOICE, "{question: a, weights: {x: 1, y: 2}}", '{score: total, ">=": 2}', "x"),
    (CHOICE, "{question: a, weights: {x: 2, y: 1}}", '{score: total, ">=": 2}', "y"),
    (CHOICE, "{question: a, weights: {x: 1}}", '{score: total, ">=": 1}', "y"),
    # A multi-choice adds each chosen item's weight (or 1 each without weights).
    (MULTI, "{question: a, weights: {x: 1, y: 2}}", '{score: total, "<=": 3}', None),
    (MULTI, "{question: a, weights: {x: 1, y: 2}}", '{score: total, "<": 3}', ("x", "y")),
    (MULTI, "{question: a, weights: {x: 1, y: 2}}", ONE_OR_X, ("y",)),
    (MULTI, "{question: a, weights: {x: 2, y: 1}}", ONE_OR_Y, ("x",)),
    (MULTI, "{question: a}", '{score: total, "<=": 1}', ("x", "y")),
    (MULTI, "{question: a}", '{score: total, ">=": 1}', ()),
    # A question that is not asked adds nothing, whatever its weights.
    (HIDDEN_YES_NO, "{question: a, weights: {yes: 5, no: 5}}", '{score: total, "<": 1}', None),
    (HIDDEN_YES_NO, "{question: a, weights: {yes: 5, no: 5}}", '{score: total, ">=": 1}', "-"),
]


@pytest.mark.parametrize(("question", "term", "flagged", "unsafe"), CASES)
def test_every_weight_and_default_of_a_score_decides_a_verdict(
    question: str, term: str, flagged: str, unsafe: object
) -> None:
    answers = flagged_answers(pins(question, term, flagged))
    if unsafe is None:
        assert answers is None, "proven unsafe, but every answer sends the flag on"
    elif unsafe == "-":
        assert answers == {"sign": True}  # `a` is not asked: only the flag is answered
    else:
        assert answers == {"sign": True, "a": unsafe}


NUMBER = "{id: a, type: number, min: -2, max: 2, integer: INTEGER, text: 'A?'}"


# (integer, comparison that sends the flag on, the one unsafe answer or None when safe)
NUMBER_CASES = [
    (True, '{question: a, ">=": -2}', None),
    (True, '{question: a, ">": -2}', -2),
    (True, '{question: a, ">": -2.5}', None),
    (True, '{question: a, ">=": -1.5}', -2),
    (True, '{question: a, "<=": 2}', None),
    (True, '{question: a, "<": 2}', 2),
    (True, '{question: a, "<": 2.5}', None),
    (True, '{question: a, "<=": 1.5}', 2),
    (True, "{not: {question: a, is: 0}}", 0),
    (True, "{not: {question: a, is: 0.5}}", None),
    (False, '{question: a, ">": -2}', -2),
    (False, '{question: a, "<": 2}', 2),
    (False, "{not: {question: a, is: 0.5}}", "0.5"),
    (False, "{not: {question: a, is: 1.000000000000001}}", "1.000000000000001"),
    (False, "{not: {question: a, is: 1.0000000000000001}}", None),  # 16 decimals: no one types it
    (False, '{any: [{question: a, "<=": 0.1}, {question: a, ">=": 0.100000000000001}]}', None),
    (False, '{any: [{question: a, "<": 0.1}, {question: a, ">": 0.1}]}', "0.1"),
]


@pytest.mark.parametrize(("integer", "flagged", "unsafe"), NUMBER_CASES)
def test_every_comparison_of_a_number_decides_a_verdict(
    integer: bool, flagged: str, unsafe: object
) -> None:
    from fractions import Fraction

    question = NUMBER.replace("INTEGER", "true" if integer else "false")
    answers = flagged_answers(pins(question, "{question: sign}", flagged))
    if unsafe is None:
        assert answers is None
    else:
        expected = unsafe if isinstance(unsafe, int) and integer else Fraction(str(unsafe))
        assert answers == {"sign": True, "a": expected}
        assert isinstance(answers["a"], int if integer else Fraction)


# ------------------------------------------------------------ where the walk ends


def _enders_by_definition(rules: RuleSet, k: int) -> list[int]:
    """The decisions that end the walk at k, straight from the definition (quadratic)."""
    from triage.deciding.engine import settled_at

    settled = settled_at(rules)
    severity = {o.id: o.severity for o in rules.outcomes}
    ends = {o.id for o in rules.outcomes if o.ends_walk}
    still_open = max(
        (severity[d.outcome] for d, s in zip(rules.decisions, settled, strict=True) if s >= k),
        default=-1,
    )
    return [
        i
        for i, (d, s) in enumerate(zip(rules.decisions, settled, strict=True))
        if s < k and d.outcome in ends and severity[d.outcome] >= max(0, still_open)
    ]


def _check_enders(rules: RuleSet) -> None:
    from triage.deciding.engine import settled_at
    from triage.deciding.prove.walk import enders

    for k in range(len(rules.questions) + 1):
        assert enders(rules, k, settled_at(rules)) == _enders_by_definition(rules, k), k


@pytest.mark.parametrize("name", ["default.yaml", "examples/back-screening.yaml"])
def test_the_walk_ends_where_the_definition_says_on_the_shipped_rules(name: str) -> None:

    from triage.rulesets.files import read_sources

    root = ROOT / "rules"
    _check_enders(load_rules(read_sources(root / name)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_sets())
def test_the_walk_ends_where_the_definition_says_on_random_rule_sets(data) -> None:
    rules = load(data)
    if rules is not None:
        _check_enders(rules)


ENDS = """
id: ends
version: "1"
title: Ends
questions:
  - {id: a, type: yes_no, text: 'A?'}
  - {id: b, type: yes_no, text: 'B?'}
  - {id: c, type: yes_no, text: 'C?'}
outcomes:
  - {id: urgent, kind: referral, severity: 40, title: U, advice: U., if_worse: W.}
  - {id: doctor, kind: referral, severity: 30, title: D, advice: D., if_worse: W., ends_walk: true}
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: W.}
decisions:
  - {outcome: doctor, when: {question: a, is: yes}, reason: A.}
  - {outcome: relax, reason: Always.}
"""
URGENT = "  - {outcome: urgent, when: {question: c, is: yes}, reason: C.}\n"


@pytest.mark.parametrize(("urgent", "asked"), [(False, 1), (True, 3)])
def test_a_settled_end_waits_for_a_more_severe_open_decision(urgent: bool, asked: int) -> None:
    """a=yes settles `doctor`, which ends the walk, unless `urgent`, more severe, still
    reads a question to come (c): then the walk goes on, in the engine and the prover."""
    text = ENDS + (URGENT if urgent else "")
    rules = load_rules([Source("ends.yaml", text)])
    walked = engine.assess(rules, {"a": True, "b": False, "c": False})
    assert len(walked.answers) == asked
    _check_enders(rules)
    report = prove(rules)
    assert report.ok and report.never_asked == []
    # In the encoding too: after a=yes, b is asked on some walk exactly when urgent is open.
    space = Space(rules)
    walk = encode(rules, space)
    solver = z3.Solver()
    solver.add(*walk.constraints, space.value["a"], space.asked["a"], space.asked["b"])
    assert (solver.check() == z3.sat) == urgent
