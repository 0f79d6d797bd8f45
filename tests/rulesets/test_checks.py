"""Cross-reference checks: each problem's message, hint and exact position."""

from __future__ import annotations

import pytest
from problems import edit, only

from triage.errors import did_you_mean

BASE = """\
id: mini
version: "1"
title: Mini
questions:
  - id: pain
    type: yes_no
    red_flag: doctor
    text: Pain?
  - id: where
    type: choice
    when: {question: pain, is: yes}
    text: Where?
    choices:
      - key: neck
        label: Neck
      - key: back
        label: Back
        red_flag: doctor
  - id: signs
    type: multi_choice
    text: Signs?
    choices:
      - key: fever
        label: Fever
      - key: cough
        label: Cough
outcomes:
  - id: relax
    kind: massage
    severity: 10
    title: Relax
    advice: Relax.
    if_worse: See someone.
  - id: doctor
    kind: referral
    severity: 30
    title: Doctor
    advice: See a doctor.
    if_worse: Now.
decisions:
  - outcome: doctor
    when: {question: signs, includes: fever}
    reason: Fever.
  - outcome: relax
    when: {question: pain, is: no}
    reason: No pain.
cautions:
  - id: cough
    when: {question: signs, includes: cough}
    title: Cough
    advice: Cover your mouth.
"""

DECISION = "{question: pain, is: no}"
WHEN = "{question: pain, is: yes}"


def test_the_base_rule_set_is_valid(load_text):
    assert [q.id for q in load_text(BASE).questions] == ["pain", "where", "signs"]


def test_did_you_mean_suggests_the_closest_or_lists_all():
    assert did_you_mean("pian", ["pain", "where"]) == "did you mean 'pain'?"
    assert did_you_mean("zzz", ["pain", "where"]) == "known: pain, where"


# ----------------------------------------------------------- conditions


@pytest.mark.parametrize(
    ("condition", "message", "hint", "at"),
    [
        (
            "{question: pian, is: no}",
            "unknown question 'pian'",
            "did you mean 'pain'?",
            "question: pian",
        ),
        (
            "{question: where, is: nek}",
            "'nek' is not a choice of 'where'",
            "did you mean 'neck'?",
            "is: nek",
        ),
        (
            "{question: where, in: [neck, bak]}",
            "'bak' is not a choice of 'where'",
            "did you mean 'back'?",
            "in: [neck",
        ),
        (
            "{question: signs, includes_any: [fevr]}",
            "'fevr' is not a choice of 'signs'",
            "did you mean 'fever'?",
            "includes_any",
        ),
        (
            "{question: pain, is: maybe}",
            "'pain' is a yes/no question: compare it with yes or no",
            "write is: yes or is: no, without quotes",
            "is: maybe",
        ),
        (
            '{question: pain, is: "yes"}',
            "'pain' is a yes/no question: compare it with yes or no",
            "write is: yes or is: no, without quotes",
            'is: "yes"',
        ),
        (
            "{question: pain, includes: fever}",
            "'includes' does not apply to the yes_no question 'pain'",
            "use one of: is, answered",
            "includes: fever}\n    reason: No pain",
        ),
        (
            "{question: where, includes: neck}",
            "'includes' does not apply to the choice question 'where'",
            "use one of: is, in, answered",
            "includes: neck",
        ),
        (
            "{question: signs, is: fever}",
            "'is' does not apply to the multi_choice question 'signs'",
            "use one of: includes, includes_any, includes_all, answered",
            "is: fever",
        ),
    ],
    ids=[
        "unknown-question",
        "bad-choice",
        "bad-choice-in-list",
        "bad-multi-choice",
        "yes-no-maybe",
        "yes-no-quoted",
        "includes-on-yes-no",
        "includes-on-choice",
        "is-on-multi",
    ],
)
def test_a_bad_comparison_in_a_decision(problems_in, pos, condition, message, hint, at):
    text = edit(BASE, DECISION, condition)
    problem = only(problems_in(text))
    assert problem.message == message
    assert problem.hint == hint
    assert (problem.file, problem.line, problem.column) == ("rules.yaml", *pos(text, at))


def test_a_bad_comparison_in_a_caution_and_nested_in_any_and_not(problems_in, pos):
    text = edit(
        BASE,
        "{question: signs, includes: cough}",
        "{any: [{question: signs, includes: cough}, {not: {question: pian, is: yes}}]}",
    )
    problem = only(problems_in(text))
    assert problem.message == "unknown question 'pian'"
    assert (problem.line, problem.column) == pos(text, "question: pian")


def test_a_when_reading_a_later_question_is_a_forward_reference(problems_in, pos):
    text = edit(BASE, WHEN, "{question: signs, includes: fever}")
    problem = only(problems_in(text))
    assert problem.message == "question 'where' depends on 'signs', which is asked later"
    assert problem.hint == "a 'when' may only read questions asked before it; reorder the questions"
    assert (problem.line, problem.column) == pos(text, "question: signs, includes: fever")


def test_a_when_reading_its_own_question(problems_in, pos):
    text = edit(BASE, WHEN, "{question: where, is: neck}")
    problem = only(problems_in(text))
    assert problem.message == "question 'where' is shown on a condition about itself"
    assert (problem.line, problem.column) == pos(text, "question: where, is: neck")


def test_decisions_may_read_any_question(load_text):
    text = edit(BASE, DECISION, "{question: signs, includes: cough}")
    assert load_text(text).decisions[1].when is not None


# ----------------------------------------------------------- outcomes


def test_an_unknown_outcome_in_a_decision(problems_in, pos):
    text = edit(BASE, "  - outcome: relax\n", "  - outcome: relaks\n")
    problem = only(problems_in(text))
    assert problem.message == "unknown outcome 'relaks'"
    assert problem.hint == "did you mean 'relax'?"
    assert (problem.line, problem.column) == pos(text, "outcome: relaks")


def test_an_unknown_outcome_in_a_question_red_flag(problems_in, pos):
    text = edit(
        BASE, "    red_flag: doctor\n    text: Pain?", "    red_flag: docter\n    text: Pain?"
    )
    problem = only(problems_in(text))
    assert problem.message == "red_flag names an unknown outcome 'docter'"
    assert problem.hint == "did you mean 'doctor'?"
    assert (problem.line, problem.column) == pos(text, "red_flag: docter")


def test_an_unknown_outcome_in_a_choice_red_flag(problems_in, pos):
    text = edit(BASE, "        red_flag: doctor\n", "        red_flag: emergency\n")
    problem = only(problems_in(text))
    assert problem.message == "red_flag names an unknown outcome 'emergency'"
    assert problem.hint == "known: relax, doctor"
    assert (problem.line, problem.column) == pos(text, "red_flag: emergency")


def test_two_outcomes_with_the_same_severity(problems_in, pos):
    text = edit(BASE, "severity: 30", "severity: 10")
    problem = only(problems_in(text))
    assert problem.message == "outcomes 'relax' and 'doctor' have the same severity 10"
    assert problem.hint == "the most severe must be unique"
    assert (problem.line, problem.column) == pos(text, "severity: 10", nth=2)


# ----------------------------------------------------------- duplicates


def test_a_duplicate_question_id(problems_in, pos):
    text = edit(BASE, "  - id: signs\n", "  - id: pain\n")
    problems = problems_in(text)
    duplicate = [p for p in problems if p.message.startswith("duplicate")]
    assert [p.message for p in duplicate] == ["duplicate question id 'pain'"]
    assert duplicate[0].hint == "give each one its own id"
    assert (duplicate[0].line, duplicate[0].column) == pos(text, "id: pain", nth=2)


def test_a_duplicate_outcome_id(problems_in, pos):
    text = edit(BASE, "  - id: doctor\n", "  - id: relax\n")
    problems = problems_in(text)
    duplicate = [p for p in problems if p.message.startswith("duplicate")]
    assert [p.message for p in duplicate] == ["duplicate outcome id 'relax'"]
    assert (duplicate[0].line, duplicate[0].column) == pos(text, "id: relax", nth=2)


def test_a_duplicate_caution_id(problems_in, pos):
    text = BASE + (
        "  - id: cough\n"
        "    when: {question: signs, includes: fever}\n"
        "    title: Again\n"
        "    advice: Again.\n"
    )
    problem = only(problems_in(text))
    assert problem.message == "duplicate caution id 'cough'"
    assert (problem.line, problem.column) == pos(text, "id: cough", nth=2)


def test_a_duplicate_choice_key(problems_in, pos):
    text = edit(BASE, "      - key: cough\n", "      - key: fever\n")
    problems = [p for p in problems_in(text) if p.message.startswith("duplicate")]
    assert [p.message for p in problems] == ["duplicate choice key 'fever'"]
    assert (problems[0].line, problems[0].column) == pos(text, "key: fever", nth=2)


def test_every_cross_reference_problem_is_reported(problems_in, pos):
    text = edit(BASE, DECISION, "{question: pian, is: no}")
    text = edit(text, "severity: 30", "severity: 10")
    text = edit(text, "        red_flag: doctor\n", "        red_flag: docter\n")
    problems = problems_in(text)
    assert sorted((p.line, p.message) for p in problems) == sorted(
        [
            (pos(text, "question: pian")[0], "unknown question 'pian'"),
            (
                pos(text, "severity: 10", nth=2)[0],
                "outcomes 'relax' and 'doctor' have the same severity 10",
            ),
            (pos(text, "red_flag: docter")[0], "red_flag names an unknown outcome 'docter'"),
        ]
    )


@pytest.mark.parametrize(
    ("question", "message", "hint"),
    [
        ("sings", "unknown question 'sings'", "did you mean 'signs'?"),
        ("signs", "'signs' is not a free-text question", "name the text question where"),
    ],
)
def test_a_caution_once_noted_reads_a_known_free_text_question(
    problems_in, pos, question, message, hint
):
    noted = f"    once_noted: {{question: {question}, to_do: Check the notes.}}\n"
    text = edit(BASE, "    advice: Cover your mouth.\n", "    advice: Cover your mouth.\n" + noted)
    problem = only(problems_in(text))
    assert problem.message == message
    assert problem.hint.startswith(hint)
    assert (problem.line, problem.column) == pos(text, f"question: {question}, to_do")
