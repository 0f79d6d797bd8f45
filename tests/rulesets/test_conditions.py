"""Evaluating structured conditions, and explaining which answers made them hold."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from pydantic import TypeAdapter

from triage.rulesets.conditions import atoms, describe, evidence, holds, references
from triage.rulesets.model import Condition

_adapter: TypeAdapter[Any] = TypeAdapter(Condition)


def cond(data: dict[str, Any]) -> Condition:
    """A condition as it would be written in YAML (`is`, `in`, `not` spelled as keys)."""
    return _adapter.validate_python(data)


ANSWERS = {
    "pain": True,
    "tired": False,
    "duration": "weeks",
    "areas": ("neck", "back"),
    "none_picked": (),
    "age": 42,
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"question": "pain", "is": True}, True),
        ({"question": "pain", "is": False}, False),
        ({"question": "tired", "is": False}, True),
        ({"question": "duration", "is": "weeks"}, True),
        ({"question": "duration", "is": "days"}, False),
        ({"question": "duration", "in": ["weeks", "months"]}, True),
        ({"question": "duration", "in": ["days"]}, False),
        ({"question": "areas", "includes": "neck"}, True),
        ({"question": "areas", "includes": "hip"}, False),
        ({"question": "areas", "includes_any": ["hip", "back"]}, True),
        ({"question": "areas", "includes_any": ["hip", "leg"]}, False),
        ({"question": "areas", "includes_all": ["neck", "back"]}, True),
        ({"question": "areas", "includes_all": ["neck", "hip"]}, False),
        ({"question": "none_picked", "includes_any": ["neck"]}, False),
        ({"question": "none_picked", "includes_all": ["neck"]}, False),
        ({"question": "pain", "answered": True}, True),
        ({"question": "pain", "answered": False}, False),
        ({"question": "none_picked", "answered": True}, True),  # "none" is an answer
    ],
)
def test_a_comparison_on_an_answered_question(condition, expected):
    assert holds(cond(condition), ANSWERS) is expected


@pytest.mark.parametrize(
    "condition",
    [
        {"question": "missing", "is": True},
        {"question": "missing", "is": False},
        {"question": "missing", "in": ["days"]},
        {"question": "missing", "includes": "neck"},
        {"question": "missing", "includes_any": ["neck"]},
        {"question": "missing", "includes_all": ["neck"]},
        {"question": "missing", "answered": True},
    ],
)
def test_a_comparison_on_an_unanswered_question_is_false(condition):
    assert holds(cond(condition), ANSWERS) is False


def test_answered_false_holds_for_an_unanswered_question():
    assert holds(cond({"question": "missing", "answered": False}), ANSWERS) is True


def test_not_over_an_unanswered_question_is_true():
    assert holds(cond({"not": {"question": "missing", "is": True}}), ANSWERS) is True
    assert holds(cond({"not": {"question": "missing", "is": False}}), ANSWERS) is True


def test_not_negates():
    assert holds(cond({"not": {"question": "pain", "is": True}}), ANSWERS) is False
    assert holds(cond({"not": {"not": {"question": "pain", "is": True}}}), ANSWERS) is True


def test_an_absent_condition_always_holds():
    assert holds(None, {}) is True


def test_a_yes_is_not_the_number_one():
    assert holds(cond({"question": "age", "is": 42}), ANSWERS) is True
    assert holds(cond({"question": "pain", "is": 1}), ANSWERS) is False


@pytest.mark.parametrize(
    ("children", "all_holds", "any_holds"),
    [
        ([True, True], True, True),
        ([True, False], False, True),
        ([False, False], False, False),
        ([True], True, True),
    ],
)
def test_all_and_any(children, all_holds, any_holds):
    parts = [{"question": "pain", "is": value} for value in children]
    assert holds(cond({"all": parts}), ANSWERS) is all_holds
    assert holds(cond({"any": parts}), ANSWERS) is any_holds


def test_all_with_an_unanswered_part_is_false():
    condition = cond(
        {"all": [{"question": "pain", "is": True}, {"question": "missing", "is": False}]}
    )
    assert holds(condition, ANSWERS) is False


@pytest.mark.parametrize(
    ("operator", "operand", "expected"),
    [
        (">=", 42, True),
        (">=", 43, False),
        ("<=", 42, True),
        ("<=", 41, False),
        (">", 42, False),
        (">", 41, True),
        ("<", 42, False),
        ("<", 43, True),
        ("<", 50, True),
    ],
)
def test_numeric_comparisons(operator, operand, expected):
    assert holds(cond({"question": "age", operator: operand}), ANSWERS) is expected
    assert holds(cond({"question": "missing", operator: operand}), ANSWERS) is False


def test_a_numeric_comparison_on_a_non_number_is_false():
    assert holds(cond({"question": "pain", ">=": 0}), ANSWERS) is False
    assert holds(cond({"question": "duration", "<": 100}), ANSWERS) is False


def test_a_score_comparison_reads_the_given_totals():
    condition = cond({"score": "distress", ">=": 3})
    assert holds(condition, {}, {"distress": 4}) is True
    assert holds(condition, {}, {"distress": 2}) is False
    assert holds(condition, {}, {}) is False  # an absent score counts as 0


# ----------------------------------------------------------------- evidence


def test_evidence_of_a_comparison_is_its_question():
    assert evidence(cond({"question": "pain", "is": True}), ANSWERS) == ["pain"]
    assert evidence(None, ANSWERS) == []


def test_evidence_of_any_is_only_the_branches_that_hold():
    condition = cond(
        {
            "any": [
                {"question": "pain", "is": True},
                {"question": "duration", "is": "days"},
                {"question": "areas", "includes": "back"},
            ]
        }
    )
    assert evidence(condition, ANSWERS) == ["pain", "areas"]


def test_evidence_of_all_is_every_question_read_once():
    condition = cond(
        {
            "all": [
                {"question": "pain", "is": True},
                {"question": "duration", "in": ["weeks"]},
                {"question": "pain", "answered": True},
            ]
        }
    )
    assert evidence(condition, ANSWERS) == ["pain", "duration"]


def test_evidence_of_not_is_the_answered_questions_it_reads():
    assert evidence(cond({"not": {"question": "duration", "is": "days"}}), ANSWERS) == ["duration"]
    # an unanswered question is no evidence, though `not` over it holds
    assert evidence(cond({"not": {"question": "missing", "is": True}}), ANSWERS) == []


def test_evidence_nested_any_inside_all():
    condition = cond(
        {
            "all": [
                {"question": "tired", "is": False},
                {
                    "any": [
                        {"question": "duration", "is": "days"},
                        {"question": "areas", "includes": "neck"},
                    ]
                },
            ]
        }
    )
    assert holds(condition, ANSWERS) is True
    assert evidence(condition, ANSWERS) == ["tired", "areas"]


def test_atoms_and_references_in_reading_order_without_repeats():
    condition = cond(
        {
            "any": [
                {"question": "b", "is": True},
                {"all": [{"question": "a", "is": True}, {"not": {"question": "b", "is": False}}]},
            ]
        }
    )
    assert [a.question for a in atoms(condition)] == ["b", "a", "b"]
    assert references(condition) == ["b", "a"]
    assert references(None) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"question": "pain", "is": True}, "pain is yes"),
        ({"question": "pain", "is": False}, "pain is no"),
        ({"question": "age", "in": ["16_to_17", "under_16"]}, "age in [16_to_17, under_16]"),
        ({"question": "areas", "includes_any": ["neck"]}, "areas includes any [neck]"),
        ({"question": "areas", "includes": "neck"}, "areas includes neck"),
        ({"score": "worry", ">=": 4.0}, "score worry >= 4"),
        ({"score": "worry", "<": 2.5}, "score worry < 2.5"),
        ({"question": "n", "is": 3}, "n is 3"),
        ({"question": "details", "answered": True}, "details answered"),
        ({"question": "details", "answered": False}, "details not answered"),
        ({"not": {"question": "pain", "is": True}}, "not (pain is yes)"),
        (
            {
                "all": [
                    {"question": "a", "is": True},
                    {"any": [{"question": "b", "is": True}, {"question": "c", "is": False}]},
                ]
            },
            "a is yes and (b is yes or c is no)",
        ),
        (
            {
                "any": [
                    {"all": [{"question": "a", "is": True}]},
                    {"not": {"question": "b", "is": True}},
                ]
            },
            "(a is yes) or not (b is yes)",
        ),
    ],
)
def test_a_condition_in_words(data: dict[str, Any], words: str) -> None:
    """How `rules show`, the graph and the messages say a condition."""
    assert describe(cond(data)) == words


def test_no_condition_is_always() -> None:
    assert describe(None) == "always"


SCORES = {"worry": Fraction(3)}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"any": [{"question": "pain", "is": False}, {"score": "worry", ">=": 3}]}, True),
        ({"all": [{"question": "pain", "is": True}, {"score": "worry", "<": 3}]}, False),
        ({"not": {"score": "worry", "<": 3}}, True),
        ({"not": {"score": "worry", ">=": 3}}, False),
        ({"score": "absent", "is": 0}, True),  # a score not computed totals 0
        ({"score": "absent", "<": 1}, True),
        ({"score": "absent", ">=": 0.5}, False),
    ],
)
def test_scores_are_compared_inside_any_all_and_not(data: dict[str, Any], expected: bool) -> None:
    assert holds(cond(data), ANSWERS, SCORES) is expected


def test_evidence_names_the_scores_that_made_a_condition_hold() -> None:
    either = {"any": [{"question": "pain", "is": False}, {"score": "worry", ">=": 3}]}
    assert evidence(cond(either), ANSWERS, SCORES) == ["score:worry"]
    both = {"all": [{"question": "pain", "is": True}, {"score": "worry", ">=": 3}]}
    assert evidence(cond(both), ANSWERS, SCORES) == ["pain", "score:worry"]
