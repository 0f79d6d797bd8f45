"""The screening layer: a walk stepped one answer at a time agrees with `assess`, and an
answer to any question but the one asked there is refused."""

from __future__ import annotations

import pytest
from web_client import CASES

from triage.deciding import engine
from triage.deciding.answers import from_mapping
from triage.deciding.interview import Walk
from triage.deciding.loaded import load
from triage.errors import AnswerError
from triage.screening.stepping import Asked, Finished, OutOfStep, answer, replay, stored, where

LOADED = load(None, verify=False)
RULES = LOADED.rules


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_stepping_reaches_what_assess_reaches(case) -> None:
    given = from_mapping(RULES, case.answers)
    walk = Walk(RULES)
    while isinstance(place := where(walk, LOADED, "en"), Asked):
        assert place.view.id == place.question.id == walk.current().id  # type: ignore[union-attr]
        walk = answer(walk, place.question.id, stored(given.get(place.question.id, "")))
    assert isinstance(place, Finished)
    assert place.document.outcome == engine.assess(RULES, given).outcome.id
    assert replay(RULES, [(q, stored(v)) for q, v in walk.given]).given == walk.given
    assert place.bookable == (RULES.outcome(place.document.outcome).kind == "massage")


def test_no_question_can_be_answered_before_its_turn() -> None:
    walk = Walk(RULES)
    for question in RULES.questions[1:]:
        with pytest.raises(OutOfStep):
            answer(walk, question.id, "yes")
    with pytest.raises(OutOfStep):
        answer(walk, "no_such_question", "yes")


def test_a_replayed_answer_is_checked_again() -> None:
    first = RULES.questions[0]
    with pytest.raises(AnswerError):
        replay(RULES, [(first.id, ["no_such_choice"])])
    with pytest.raises(OutOfStep):
        replay(RULES, [(RULES.questions[1].id, "yes")])
