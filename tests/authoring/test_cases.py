"""The default rule set's scenario cases, one test each, through the same runner as `rules test`."""

from __future__ import annotations

import pytest

from triage.authoring.cases import Case, parse_cases, run_case
from triage.deciding.loaded import load
from triage.rulesets.files import Source, case_files, default_rules_path, read_case_sources
from triage.rulesets.model import ChoiceQuestion, MultiChoiceQuestion, RuleSet, YesNoQuestion

RULES = load(None).rules
CASES: list[tuple[str, Case]] = [
    (source.name, case)
    for source in read_case_sources(default_rules_path())
    for case in parse_cases(source)
]


def test_the_default_rule_set_has_its_cases_file() -> None:
    assert [f.name for f in case_files(default_rules_path())] == ["default.cases.yaml"]
    assert len(CASES) >= 25


@pytest.mark.parametrize(("source", "case"), CASES, ids=[c.name for _, c in CASES])
def test_case(source: str, case: Case) -> None:
    outcome = run_case(RULES, case, source)
    assert outcome.passed, "\n".join([*outcome.failures, *outcome.trace])


def _flagged(rules: RuleSet) -> set[str]:
    keys = set()
    for q in rules.questions:
        if isinstance(q, YesNoQuestion) and q.red_flag:
            keys.add(q.id)
        if isinstance(q, ChoiceQuestion | MultiChoiceQuestion):
            default = getattr(q, "red_flag", None)
            keys |= {c.key for c in q.choices if c.red_flag or default}
    return keys


def test_cases_cover_every_outcome_flag_and_caution() -> None:
    """Coverage is computed from the rules, so a new red flag without a case fails here."""
    outcomes = {c.expect.outcome for _, c in CASES}
    flags = {f for _, c in CASES for f in c.expect.flags or ()}
    cautions = {k for _, c in CASES for k in c.expect.cautions or ()}
    assert outcomes == {o.id for o in RULES.outcomes}
    assert flags == _flagged(RULES)
    assert cautions == {c.id for c in RULES.cautions}
    # 12 emergency signs, the pregnancy warning signs, 14 red flags and 10 signs with an
    # infection, as documented
    assert len(_flagged(RULES)) == 37


def test_every_decision_gives_the_result_in_some_case() -> None:
    """Every rule, combinations included, is the reason for the outcome in at least one case."""
    given = set()
    for source, case in CASES:
        result = run_case(RULES, case, source).result
        assert result is not None, case.name
        given |= {id(fired.reason) for fired in result.reasons}  # the decision's own text
    missing = [d.reason.get() for d in RULES.decisions if id(d.reason) not in given]
    assert not missing


def test_cases_cover_the_in_doubt_case() -> None:
    signs = ("same_spot", "worse_in_positions", "limits_movement", "organises_around_it")
    in_doubt = [
        c
        for _, c in CASES
        if c.answers.get("discomfort") in (True, "yes")
        and c.answers.get("duration") == "days"
        and all(c.answers.get(s) in (False, "no") for s in signs)
    ]
    assert in_doubt, "no case with discomfort but none of the history signs"
    assert all(c.expect.outcome == "therapeutic" for c in in_doubt)
    assert all(c.expect.reasons for c in in_doubt), "the in-doubt reason must be checked"
    marked = [c for _, c in CASES if c.expect.in_doubt]
    assert marked == in_doubt, "exactly the in-doubt cases expect the in-doubt marker"
    assert any(c.expect.in_doubt is False for _, c in CASES), "a firm result is checked too"


def test_a_failing_case_reports_expected_actual_and_trace() -> None:
    text = """
cases:
  - name: wrong on purpose
    answers:
      emergency_signs: []
      age: 18_to_49
      cautions: [pregnancy]
      pregnancy_warning_signs: no
      red_flags: []
      discomfort: no
    expect: {outcome: therapeutic, in_doubt: yes, flags: [fever], cautions: [], reasons: [nowhere]}
"""
    (case,) = parse_cases(Source("x.cases.yaml", text))
    outcome = run_case(RULES, case)
    assert not outcome.passed
    joined = "\n".join(outcome.failures)
    assert "expected 'therapeutic', got 'relaxation'" in joined
    assert "flags: expected ['fever'], got []" in joined
    assert "cautions: expected [], got ['pregnancy']" in joined
    assert "none contains 'nowhere'" in joined
    assert "in doubt: expected yes, got no" in joined
    assert outcome.trace and "discomfort=False" in outcome.trace[0]


def test_a_case_with_an_unreached_answer_fails() -> None:
    text = """
cases:
  - name: extra answer
    answers: {emergency_signs: [], age: 18_to_49, cautions: [], red_flags: [weight_loss_or_cancer],
              discomfort: yes}
    expect: {outcome: see_doctor}
"""
    (case,) = parse_cases(Source("x.cases.yaml", text))
    outcome = run_case(RULES, case)
    assert outcome.failures == ("answers the walk never reached: discomfort",)


def test_a_cases_file_reads_numbers_as_an_answers_file_does() -> None:
    """`pain: 010` is 8 to YAML: refused at its place, in every case, as in an answers file."""
    from triage.errors import RulesError

    text = (
        "cases:\n"
        "  - {name: a, answers: {pain: 010, signs: none}, expect: {outcome: x}}\n"
        "  - {name: b, answers: {pain: 7, signs: [0x1]}, expect: {outcome: x}}\n"
        "  - {name: c, answers: {pain: 7.5}, expect: {outcome: x}}\n"
    )
    with pytest.raises(RulesError) as caught:
        parse_cases(Source("r.cases.yaml", text))
    found = [(p.line, p.column, p.message.split(" ", 1)[0]) for p in caught.value.problems]
    assert found == [(2, 31, "010"), (3, 42, "0x1")]
    kept = parse_cases(Source("r.cases.yaml", text.replace("010", "10").replace("0x1", "a")))
    assert [case.answers["pain"] for case in kept] == ["10", "7", "7.5"]  # as written
