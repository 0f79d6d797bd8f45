"""A walk one answer at a time, for a shell that keeps the answers between requests.

A web page cannot hold a `Walk` between two requests: it keeps the answers given so
far, and each request replays them here. Every answer is parsed again as `assess`
parses it (`answers.from_value`) and must answer the very question the engine asks
at that point, so a tampered or stale form can neither skip a question (a red flag
included) nor answer one the walk never reaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from triage.deciding import engine
from triage.deciding.answers import from_value
from triage.deciding.interview import QuestionView, Walk, view
from triage.deciding.loaded import Loaded
from triage.errors import AnswerError
from triage.i18n import _
from triage.output.document import document
from triage.output.result import ResultDocument
from triage.rulesets.model import AnswerValue, Audience, QuestionT, RuleSet


class OutOfStep(AnswerError):
    """An answer to a question the walk does not ask there: skipped, unknown or stale."""


@dataclass(frozen=True)
class Asked:
    """The walk stands at a question: the rule set's question and how to show it."""

    question: QuestionT
    view: QuestionView


@dataclass(frozen=True)
class Finished:
    """The walk has reached its result: the document every output reads, and its kind."""

    document: ResultDocument
    kind: str  # "massage" or "referral": a referral never offers a booking
    gravest: bool  # the rule set's most severe outcome (an emergency)

    @property
    def bookable(self) -> bool:
        """Whether the person may book a massage: a massage, and no red flag raised."""
        doc = self.document
        return self.kind == "massage" and doc.booking is not None and not doc.flags


Given = Sequence[tuple[str, object]]  # (question id, answer), in the order answered


def answer(walk: Walk, question_id: str, raw: object) -> Walk:
    """The walk after answering `question_id` with `raw`, parsed as `assess` parses it.

    `OutOfStep` when the walk does not ask that question now; `AnswerError` when the
    answer is not one the question accepts.
    """
    question = walk.current()
    if question is None or question.id != question_id:
        asked = _("the walk has ended") if question is None else repr(question.id)
        raise OutOfStep(
            _("an answer to {given} came where the question asked is {asked}").format(
                given=repr(question_id)[:80], asked=asked
            )
        )
    return walk.answer(question_id, from_value(question, raw))


def replay(rules: RuleSet, given: Given, previous: Given = ()) -> Walk:
    """The walk after these answers, each checked again (see `answer`).

    `previous` are answers undone by going back, shown again as the earlier answer.
    """
    walk = Walk(rules)
    for question_id, raw in given:
        walk = answer(walk, question_id, raw)
    undone = tuple(
        (q, from_value(rules.question(q), raw))
        for q, raw in previous
        if q in {question.id for question in rules.questions}
    )
    return Walk(rules, walk.given, undone)


def where(walk: Walk, loaded: Loaded, lang: str, audience: Audience = "client") -> Asked | Finished:
    """The question to show next, or the result the answers have reached."""
    question = walk.current()
    if question is not None:
        return Asked(question, view(walk, question, lang, audience))
    result = engine.decide(walk.rules, walk.answers)
    gravest = max(o.severity for o in walk.rules.outcomes)
    return Finished(
        document(result, loaded, lang, audience),
        result.outcome.kind,
        result.outcome.severity == gravest,
    )


def stored(value: AnswerValue) -> object:
    """An answer as plain data a shell can keep (JSON), read back by `replay`."""
    return list(value) if isinstance(value, tuple) else value
