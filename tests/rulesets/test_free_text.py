"""The free-text question type in a rule set: nothing may read it, and it opens nothing."""

from __future__ import annotations

import textwrap

import pytest
from problems import edit, only
from texted import READ_IT, TEXTED

from triage.authoring.lint import review
from triage.deciding.prove import prove
from triage.rulesets.files import Source


@pytest.fixture
def texted(load_text):
    return load_text(TEXTED)


@pytest.mark.parametrize(
    ("where", "condition"),
    [
        ("a decision", "{outcome: relaxation, when: {question: where_else, is: x}, reason: R.}"),
        (
            "answered",
            "{outcome: relaxation, when: {question: where_else, answered: true}, reason: R.}",
        ),
    ],
)
def test_a_condition_reading_a_free_text_is_refused_where_it_is(problems_in, pos, where, condition):
    text = edit(TEXTED, READ_IT, condition)
    problem = only(problems_in(text))
    assert problem.code == "reads-free-text"
    assert problem.message == (
        "'where_else' is a free-text question: no condition or score may read it"
    )
    assert "ask a yes/no or choice question" in problem.hint
    assert (problem.line, problem.column) == pos(text, "question: where_else")


def test_a_score_adding_up_a_free_text_is_refused(problems_in, pos):
    score = "scores:\n  - id: total\n    title: Total\n    sum:\n      - question: where_else\n"
    text = edit(TEXTED, "outcomes:\n", score + "outcomes:\n")
    problem = only(problems_in(text))
    assert problem.code == "reads-free-text"
    assert (problem.line, problem.column) == pos(text, "question: where_else")


def test_a_question_that_only_opens_a_free_text_stays_informational():
    """'place' is read by no rule but the free text's `when`: no choice is "unused"."""
    _rules, problems = review([Source("texted.yaml", textwrap.dedent(TEXTED))])
    assert problems == []


def test_the_proof_takes_a_free_text_as_one_answer(texted):
    from oracle import answer_classes, verify

    assert answer_classes(texted, texted.question("where_else")) == [""]
    assert verify(texted).ok and "where_else" in verify(texted).asked
    report = prove(texted)
    assert report.ok and "where_else" not in report.never_asked
