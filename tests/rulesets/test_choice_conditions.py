"""Items offered only where they can apply (`when` on a choice), and choices that stand
for a range of numbers (`range`): the checks, what the walk offers, what `assess`
refuses, the typed and given numbers, and the proof."""

from __future__ import annotations

import pytest
from cli_run import triage
from hypothesis import given
from hypothesis import strategies as st
from problems import edit, only

from triage.deciding import engine
from triage.deciding.answers import accepted, from_items, from_typed, from_value
from triage.deciding.interview import Walk
from triage.deciding.prove import prove
from triage.errors import AnswerError
from triage.rulesets.model import ChoiceQuestion, MultiChoiceQuestion

RULES = """\
id: ages
version: "1"
title: Ages
questions:
  - id: signs
    type: multi_choice
    red_flag: emergency
    text: Any of these?
    choices:
      - {key: chest_pain, label: Chest pain}
    none_label: None
  - id: age
    type: choice
    text: How old are you?
    choices:
      - {key: under_18, label: Under 18, range: {min: 0, below: 18}}
      - {key: 18_to_49, label: 18 to 49, range: {min: 18, below: 50}}
      - {key: 50_or_over, label: 50 or over, range: {min: 50, max: 120}}
  - id: flags
    type: multi_choice
    red_flag: doctor
    text: Any of these?
    choices:
      - {key: fever, label: Fever}
      - key: headache_over_50
        label: Over 50, a new headache
        red_flag: urgent
        when: {question: age, is: 50_or_over}
outcomes:
  - {id: emergency, kind: referral, severity: 40, ends_walk: true, title: E, advice: E, if_worse: E}
  - {id: urgent, kind: referral, severity: 35, ends_walk: true, title: U, advice: U, if_worse: U}
  - {id: doctor, kind: referral, severity: 30, ends_walk: true, title: D, advice: D, if_worse: D}
  - {id: relax, kind: massage, severity: 10, title: R, advice: R, if_worse: R}
decisions:
  - {outcome: emergency, when: {question: signs, includes: chest_pain}, reason: Chest.}
  - {outcome: urgent, when: {question: flags, includes: headache_over_50}, reason: Head.}
  - {outcome: doctor, when: {question: flags, includes: fever}, reason: Fever.}
  - {outcome: relax, reason: Else.}
"""
HIDDEN = "        when: {question: age, is: 50_or_over}\n"


@pytest.fixture
def rules(load_text):
    return load_text(RULES)


def test_an_item_is_offered_only_when_its_condition_holds(rules):
    flags = rules.question("flags")
    young = engine.offered(rules, flags, {"signs": (), "age": "18_to_49"})
    old = engine.offered(rules, flags, {"signs": (), "age": "50_or_over"})
    assert isinstance(young, MultiChoiceQuestion) and isinstance(old, MultiChoiceQuestion)
    assert [c.key for c in young.choices] == ["fever"]
    assert [c.key for c in old.choices] == ["fever", "headache_over_50"]


def test_the_walk_numbers_only_the_items_offered(rules):
    walk = Walk(rules).answer("signs", ()).answer("age", "18_to_49")
    shown = walk.current()
    assert isinstance(shown, MultiChoiceQuestion)
    assert [c.key for c in shown.choices] == ["fever"]
    with pytest.raises(AnswerError):
        from_typed(shown, "2")  # there is no item 2 for this person


def test_an_earlier_answer_naming_an_item_no_longer_offered_is_not_kept(rules):
    walk = Walk(rules).answer("signs", ()).answer("age", "50_or_over")
    walk = walk.answer("flags", ("headache_over_50",)).back().back().answer("age", "18_to_49")
    assert walk.previous_answer("flags") is None
    walk = walk.back().answer("age", "50_or_over")
    assert walk.previous_answer("flags") == ("headache_over_50",)


def test_assess_refuses_an_item_not_offered_naming_both_answers(rules):
    given = from_items(
        rules, [("signs", "none"), ("age", "18_to_49"), ("flags", "headache_over_50")]
    )
    with pytest.raises(AnswerError) as refused:
        engine.assess(rules, given)
    message = str(refused.value)
    assert "flags=headache_over_50" in message and "age=18_to_49" in message
    assert refused.value.status == 3
    kept = dict(given, age="50_or_over")
    assert engine.assess(rules, kept).outcome.id == "urgent"


def test_an_emergency_item_is_always_shown(problems_in, pos):
    text = edit(
        RULES,
        "      - {key: chest_pain, label: Chest pain}\n",
        (
            "      - key: chest_pain\n        label: Chest pain\n"
            "        when: {question: signs, answered: false}\n"
        ),
    )
    found = [p for p in problems_in(text) if p.code == "hidden-emergency"]
    assert len(found) == 1 and "'chest_pain' raises 'emergency'" in found[0].message
    assert (found[0].line, found[0].column) == pos(text, "when: {question: signs, answered")


def test_an_item_condition_reads_only_earlier_questions(problems_in, pos):
    text = edit(RULES, HIDDEN, "        when: {question: flags, includes: fever}\n")
    problem = only(problems_in(text))
    assert problem.code in {"asked-later"}
    assert (problem.line, problem.column) == pos(text, "question: flags, includes: fever")


def test_a_choice_question_takes_no_condition_on_its_choices(problems_in, pos):
    text = edit(
        RULES,
        "      - {key: 50_or_over, label: 50 or over, range: {min: 50, max: 120}}\n",
        "      - {key: 50_or_over, label: 50+, range: {min: 50, max: 120},"
        " when: {question: signs, answered: true}}\n",
    )
    problem = only(problems_in(text))
    assert problem.code == "choice-condition-here"
    assert (problem.line, problem.column) == pos(text, "when: {question: signs, answered: true")


@pytest.mark.parametrize(
    ("old", "new", "code", "message"),
    [
        (
            "min: 18, below: 50",
            "min: 17, below: 50",
            "range-overlap",
            "the ranges of 'under_18' and '18_to_49' overlap, from 17 to 18",
        ),
        (
            "min: 18, below: 50",
            "min: 19, below: 50",
            "range-gap",
            "no choice holds the numbers from 18 to below 19",
        ),
        (
            "min: 0, below: 18",
            "min: 0, max: 18",
            "range-gap",
            "'under_18' ends with 'max' but '18_to_49' comes after it",
        ),
    ],
)
def test_ranges_that_overlap_or_leave_a_gap_are_refused(problems_in, pos, old, new, code, message):
    text = edit(RULES, old, new)
    problem = only(problems_in(text))
    assert (problem.code, problem.message) == (code, message)
    assert problem.line == pos(text, "key: 18_to_49")[0]


def test_a_range_needs_one_end_and_only_fits_a_choice(problems_in):
    both = edit(RULES, "min: 50, max: 120", "min: 50, below: 121, max: 120")
    assert "exactly one of 'below' or 'max'" in only(problems_in(both)).message
    listed = edit(
        RULES, "{key: fever, label: Fever}", "{key: fever, label: Fever, range: {min: 1, max: 2}}"
    )
    assert only(problems_in(listed)).code == "range-not-here"


@pytest.mark.parametrize(
    ("given", "key"),
    [
        (0, "under_18"),
        (17.5, "under_18"),
        ("18", "18_to_49"),
        ("49,9", "18_to_49"),
        (65, "50_or_over"),
        ("120", "50_or_over"),
        ("50_or_over", "50_or_over"),
    ],
)
def test_a_number_given_for_a_ranged_choice_picks_its_bracket(rules, given, key):
    assert from_value(rules.question("age"), given) == key


@pytest.mark.parametrize("given", [121, -1, "1e2", "1,000", True, "\uff16\uff15", float("nan")])
def test_a_number_no_range_holds_is_refused(rules, given):
    with pytest.raises(AnswerError):
        from_value(rules.question("age"), given)


def test_typed_numbers_are_the_choices_own_first_then_a_bracket(rules):
    age = rules.question("age")
    assert from_typed(age, "3") == "50_or_over"  # the third choice, as the list shows it
    assert from_typed(age, "65") == "50_or_over"
    assert from_typed(age, "12") == "under_18"
    with pytest.raises(AnswerError, match="a number from 0 to 120"):
        from_typed(age, "200")
    assert "or a number from 0 to 120, which picks its range" in accepted(age)


@given(st.integers(0, 120) | st.floats(0, 120, allow_nan=False))
def test_every_number_in_the_ranges_picks_exactly_the_choice_that_holds_it(number):
    from triage.rulesets.model import Bracket, Choice

    age = ChoiceQuestion(
        id="age",
        type="choice",
        text="Age?",
        choices=[
            Choice(key="young", label="Y", range=Bracket(min=0, below=50)),
            Choice(key="old", label="O", range=Bracket(min=50, max=120)),
        ],
    )
    assert from_value(age, number) == ("young" if number < 50 else "old")


def test_assess_takes_an_age_as_a_number(rules):
    given = from_items(rules, [("signs", "none"), ("age", "65"), ("flags", "headache_over_50")])
    assert given["age"] == "50_or_over"
    assert engine.assess(rules, given).outcome.id == "urgent"


def test_the_proof_knows_a_hidden_item_cannot_be_chosen(load_text):
    # Without its condition, the headache item would be a red flag under 50 leading to a
    # massage; with it, no walk can choose it there, and the rule set is proven.
    unsafe = edit(
        RULES,
        "  - {outcome: relax, reason: Else.}\n",
        (
            "  - {outcome: relax, reason: Else.}\n"
            "  - outcome: relax\n"
            "    when: {question: age, in: [under_18, 18_to_49]}\n"
            "    reason: Young.\n"
        ),
    )
    rules = load_text(
        edit(
            unsafe,
            "  - {outcome: urgent, when: {question: flags, includes: "
            "headache_over_50}, reason: Head.}\n",
            "",
        )
    )
    assert prove(rules).ok is False  # over 50, the headache item leads to no referral
    report = prove(
        load_text(
            edit(
                unsafe,
                "  - {outcome: urgent, when: {question: flags, includes: headache_over_50}, "
                "reason: Head.}\n",
                "  - {outcome: urgent, when: {all: [{question: flags, includes: "
                "headache_over_50}, {question: age, is: 50_or_over}]}, reason: Head.}\n",
            )
        )
    )
    assert report.ok
    widened = load_text(
        edit(
            edit(unsafe, HIDDEN, ""),
            "  - {outcome: urgent, when: {question: "
            "flags, includes: headache_over_50}, reason: Head.}\n",
            "  - {outcome: urgent, when: "
            "{all: [{question: flags, includes: headache_over_50}, {question: age, is: "
            "50_or_over}]}, reason: Head.}\n",
        )
    )
    found = prove(widened)
    assert [v.rule for v in found.violations] == ["red_flag:headache_over_50"]
    assert dict(found.violations[0].answers)["age"] in {"under_18", "18_to_49"}


def test_the_command_line_refuses_the_over_50_headache_at_18_to_49():
    base = ["--answer", "emergency_signs=none", "--answer", "cautions=none"]
    hidden = ["--answer", "red_flags=new_headache_over_50"]
    refused = triage("assess", *base, "--answer", "age=18_to_49", *hidden, expect=3)
    assert refused.code == 3
    (line,) = refused.err.strip().splitlines()
    assert "red_flags=new_headache_over_50" in line and "age=18_to_49" in line
    kept = triage("assess", "--format", "json", *base, "--answer", "age=65", *hidden)
    assert kept.code == 0 and '"outcome": "urgent_doctor"' in kept.out
    assert '"age": "50_or_over"' in kept.out


def test_show_gives_each_item_its_condition_and_each_choice_its_range(rules):
    from triage.authoring.outline import questions

    shown = {q["id"]: q for q in questions(rules)}
    headache = shown["flags"]["choices"][1]
    assert headache["when"] == {"question": "age", "is": "50_or_over"}
    assert headache["when_text"] == "age is 50_or_over"
    assert shown["flags"]["choices"][0]["when"] is None
    ranges = [c["range"] for c in shown["age"]["choices"]]
    assert ranges == [{"min": 0, "below": 18}, {"min": 18, "below": 50}, {"min": 50, "max": 120}]
