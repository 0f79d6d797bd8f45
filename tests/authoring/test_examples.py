"""The example rule set with scores and a gate: it passes the toolkit and renders its scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import triage
from paths import ROOT

from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import Term
from triage.rulesets.scores import contribution

EXAMPLE = ROOT / "rules" / "examples" / "back-screening.yaml"

NO_FLAGS = ["red_flags=none", "heart_condition=no", "pain_now=5", "back_history=yes"]
ITEMS = [
    "leg_pain",
    "neck_shoulder_pain",
    "short_walks_only",
    "dressing_slowly",
    "not_safe_active",
    "worrying_thoughts",
    "never_better",
    "not_enjoying",
]


def assess(*answers: str) -> dict[str, object]:
    args = ["assess", "--rules", str(EXAMPLE), "--format", "json"]
    for answer in answers:
        args += ["--answer", answer]
    result = triage(*args)
    assert result.code == 0, result.out + result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


INTAKE = EXAMPLE.with_name("back-pain-intake.yaml")


@pytest.mark.parametrize("example", [EXAMPLE, INTAKE], ids=["back-screening", "intake"])
def test_the_examples_pass_check_verify_and_test(example: Path) -> None:
    for command in (["check", "--strict"], ["verify"], ["test"]):
        result = triage("rules", command[0], str(example), *command[1:])
        assert result.code == 0, result.out
        assert "warning:" not in result.out


def test_the_intake_index_is_a_sum_of_ten_items_from_0_to_50() -> None:
    items = ["pain_intensity", "personal_care", "lifting", "walking", "sitting", "standing",
             "sleeping", "social_life", "travelling", "work_and_home"]  # fmt: skip
    base = ["emergency_signs=none", "red_flags=none", "pain_now=2", "pain_duration=days"]
    args = ["assess", "--rules", str(INTAKE), "--format", "json"]
    for answer in [*base, *(f"{item}=marked" for item in items)]:  # 10 x 3 = 30
        args += ["--answer", answer]
    result = triage(*args, "-a", "leg_pain=no", "-a", "cautions=none")
    assert result.code == 0, result.out
    doc = json.loads(result.out)
    assert doc["scores"] == {"disability": 30}
    assert doc["outcome"] == "therapeutic_with_referral"


def test_a_high_worry_score_gives_the_referral_and_names_the_score() -> None:
    answers = [f"{item}={'yes' if i >= 4 else 'no'}" for i, item in enumerate(ITEMS)]
    doc = assess(*NO_FLAGS, *answers, "bothersomeness=very")
    assert doc["outcome"] == "therapeutic_with_referral"
    assert doc["scores"] == {"start_total": 5, "start_psychosocial": 5}
    trace = doc["trace"]
    assert isinstance(trace, list)
    assert any(item["scores"].get("start_psychosocial") == 5 for item in trace)


def test_the_score_boundary_between_three_and_four() -> None:
    """A recent, mild pain: 3 out of 9 is relaxation, 4 is therapeutic (the threshold is 3|4)."""
    mild = ["red_flags=none", "heart_condition=no", "pain_now=2", "back_history=no"]
    three = [f"{item}={'yes' if i < 3 else 'no'}" for i, item in enumerate(ITEMS)]
    four = [f"{item}={'yes' if i < 4 else 'no'}" for i, item in enumerate(ITEMS)]
    low = assess(*mild, *three, "bothersomeness=moderately")
    medium = assess(*mild, *four, "bothersomeness=moderately")
    assert low["scores"] == {"start_total": 3, "start_psychosocial": 0}
    assert medium["scores"] == {"start_total": 4, "start_psychosocial": 0}
    assert (low["outcome"], medium["outcome"]) == ("relaxation", "therapeutic")


def test_the_gate_opens_its_follow_up_questions() -> None:
    result = triage(
        "assess",
        "--rules",
        str(EXAMPLE),
        "-a",
        "red_flags=none",
        "-a",
        "heart_condition=yes",
        expect=3,
    )
    assert result.code == 3
    assert "no answer for 'condition_controlled'" in result.err
    doc = assess("red_flags=none", "heart_condition=yes", "condition_controlled=no")
    assert doc["outcome"] == "see_doctor"


def test_a_reversed_item_counts_only_no() -> None:
    reversed_item = Term(question="q", weights={"no": 1})
    assert contribution(reversed_item, False) == 1
    assert contribution(reversed_item, True) == 0
    assert contribution(Term(question="q"), True) == 1
    assert contribution(Term(question="q", weights={"b": 2}), ("a", "b")) == 2


def test_scores_can_be_split_across_the_files_of_a_folder() -> None:
    head = """
id: split
version: "1"
title: Split
questions:
  - {id: a, type: yes_no, text: "A?"}
  - {id: b, type: yes_no, text: "B?"}
outcomes:
  - {id: done, kind: massage, severity: 1, title: D, advice: A, if_worse: W}
decisions:
  - {outcome: done, when: {score: first, ">=": 0}, reason: R}
  - {outcome: done, when: {score: second, ">=": 0}, reason: R}
scores:
  - {id: first, title: First, sum: [{question: a}]}
"""
    tail = "scores:\n  - {id: second, title: Second, sum: [{question: b}]}\n"
    rules = load_rules([Source("1.yaml", head), Source("2.yaml", tail)])
    assert [s.id for s in rules.scores] == ["first", "second"]
