"""The typed model of a rule set, validated by pydantic.

The YAML file is parsed into these frozen models; everything after loading works on
them, never on raw dictionaries. Shape checks live in the models; checks that need the
whole rule set (references between questions, choices, outcomes) live in `checks`.
The conditions are in `model_conditions`, the questions in `model_questions`; both
are re-exported here, so the rest of the code imports the model from one place.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from triage.rulesets.model_conditions import (
    IDENT,
    KEY,
    All,
    AnyOf,
    Compare,
    Condition,
    Exact,
    Ident,
    Key,
    Not,
)
from triage.rulesets.model_questions import (
    QUESTION_TYPES,
    AnswerValue,
    Bracket,
    Choice,
    ChoiceQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    QuestionT,
    RedFlag,
    TextQuestion,
    YesNoQuestion,
)
from triage.rulesets.texts import LANG, Strict
from triage.rulesets.texts import Audience as Audience  # re-exported: part of the model
from triage.rulesets.texts import Text as Text
from triage.rulesets.texts import _Text as _Text

__all__ = [
    "IDENT",
    "KEY",
    "QUESTION_TYPES",
    "All",
    "AnswerValue",
    "AnyOf",
    "Audience",
    "Booking",
    "Bracket",
    "Caution",
    "Choice",
    "ChoiceQuestion",
    "Compare",
    "Condition",
    "Contact",
    "Decision",
    "Ident",
    "Key",
    "MultiChoiceQuestion",
    "Not",
    "Note",
    "NumberQuestion",
    "OnceNoted",
    "Outcome",
    "Question",
    "QuestionT",
    "RedFlag",
    "RuleSet",
    "Score",
    "Term",
    "Text",
    "TextQuestion",
    "Verdict",
    "YesNoQuestion",
    "json_schema",
]


# ------------------------------------------------------ outcomes and decisions


class Booking(Strict):
    """The appointment a receptionist books for an outcome."""

    appointment: Text = Field(description="The appointment type to book, as on the schedule.")
    minutes: int = Field(gt=0, description="The slot length to reserve.")


class Verdict(Strict):
    """The last lines of a result, short enough to stay on the last screen of a terminal."""

    headline: Text = Field(
        description="The outcome in a few words that match its urgency, e.g. 'EMERGENCY'."
    )
    act: Text | None = Field(
        default=None,
        description="What to do now, in one line: which number to call, whom to see. A "
        "massage outcome shows what to book instead.",
    )
    safety_net: Text = Field(
        description="What to do if things get worse, in one line ('if_worse' says it in full)."
    )


class Outcome(Strict):
    id: Ident
    kind: Literal["massage", "referral"] = Field(
        description="massage: it recommends booking a massage; referral: it sends the person "
        "elsewhere and books no massage. A red flag may only lead to a referral."
    )
    severity: int = Field(description="Higher is more severe; the most severe outcome wins.")
    title: Text
    advice: Text
    if_worse: Text = Field(description="What to do if things get worse.")
    ends_walk: bool = Field(
        default=False, description="Stop asking as soon as this outcome is certain."
    )
    booking: Booking | None = Field(
        default=None, description="What to book; none when no massage should be booked."
    )
    to_do: Text | None = Field(
        default=None,
        description="What to do besides booking (or not booking), as steps: for a receptionist "
        "(its 'reception' wording), e.g. 'stay on the line', or for the person.",
    )
    say: Text | None = Field(
        default=None,
        description="The words read to the caller, in the second person, short enough to read "
        "aloud; without it, a call reads the client wording of 'advice'.",
    )
    contacts: list[Ident] = Field(
        default_factory=list,
        description="Ids of the rule set's contacts shown with this outcome, under 'Where to "
        "call' (e.g. the emergency numbers).",
    )
    verdict: Verdict | None = Field(
        default=None,
        description="The short block that ends the result; without it, the title and the "
        "whole 'if_worse' end it.",
    )


class Contact(Strict):
    """Where to call: numbers a clinic gives for its country or region, in each language."""

    id: Ident
    text: Text = Field(
        description="The numbers and when to call them, e.g. 'France: 15 (SAMU) or 112'."
    )


class Decision(Strict):
    """A rule: when its condition holds, its outcome applies, for the reason given."""

    outcome: Ident
    when: Condition | None = Field(default=None, description="Omitted: always applies.")
    reason: Text
    advice: Text | None = Field(
        default=None,
        description="Replaces the outcome's advice when this decision gives the result.",
    )
    in_doubt: bool = Field(
        default=False,
        description="The result is a choice made in doubt: the result and the booking note say so.",
    )


class OnceNoted(Strict):
    """A caution's instruction once its details were typed at a free-text question."""

    question: Ident = Field(description="The free-text question where the details are typed.")
    to_do: Text = Field(description="The instruction then, e.g. 'check the clinic's policy'.")


class Caution(Strict):
    """Something the therapist must know; shown with the outcome, never a block."""

    id: Ident
    when: Condition
    title: Text
    advice: Text
    to_do: Text | None = Field(
        default=None,
        description="The instruction this caution gives: to the receptionist (its 'reception' "
        "wording), e.g. 'ask which medication and note it', or to the person.",
    )
    once_noted: OnceNoted | None = Field(
        default=None,
        description="The instruction once the details it asks for were typed, so that it "
        "never asks for them again.",
    )


class Term(Strict):
    """What one question adds to a score.

    Without `weights`: a yes/no adds 1 for yes (a count of yes), a multi-choice adds 1
    per chosen item (a count), a choice adds nothing. With `weights`, each answer adds
    its weight and an answer not listed adds 0 (so `{no: 1}` scores a reversed item).
    An unanswered question adds nothing.
    """

    question: Ident
    weights: dict[str, Exact] = Field(default_factory=dict)

    @field_validator("weights", mode="before")
    @classmethod
    def _yes_no_keys(cls, value: Any) -> Any:
        """YAML reads an unquoted `yes:` key as true: take it as the answer it names."""
        if isinstance(value, dict):
            return {
                ({True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k): v
                for k, v in value.items()
            }
        return value


class Score(Strict):
    """A sum over answers, compared in conditions with >=, <=, > and < (as in STarT Back)."""

    id: Ident
    title: Text
    sum: list[Term] = Field(min_length=1)


class Note(Strict):
    """What the receptionist's booking note lists besides the outcome, reasons and cautions."""

    answers: list[Ident] = Field(
        default_factory=list, description="Questions whose answers go on the note (e.g. areas)."
    )


class RuleSet(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
    version: str
    title: Text
    description: Text | None = None
    languages: list[Annotated[str, Field(pattern=LANG)]] = Field(default_factory=lambda: ["en"])
    questions: list[Question] = Field(min_length=1)
    scores: list[Score] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)
    decisions: list[Decision] = Field(min_length=1)
    cautions: list[Caution] = Field(default_factory=list)
    note: Note = Field(default_factory=Note)
    contacts: list[Contact] = Field(
        default_factory=list, description="Where to call, listed by the outcomes that show it."
    )

    @cached_property
    def _by_id(self) -> tuple[dict[str, QuestionT], dict[str, Outcome]]:
        """The questions and outcomes by id (the first of a repeated id, as a search would
        find it), built once: a lookup per comparison stays linear in the rule set's size."""
        questions: dict[str, QuestionT] = {}
        outcomes: dict[str, Outcome] = {}
        for question in self.questions:
            questions.setdefault(question.id, question)
        for outcome in self.outcomes:
            outcomes.setdefault(outcome.id, outcome)
        return questions, outcomes

    def question(self, question_id: str) -> QuestionT:
        return self._by_id[0][question_id]

    def outcome(self, outcome_id: str) -> Outcome:
        return self._by_id[1][outcome_id]

    def red_flags(self) -> tuple[RedFlag, ...]:
        """Every answer that raises a red flag, in the order of the questions and choices."""
        return tuple(flag for question in self.questions for flag in question.red_flags())

    def contact(self, contact_id: str) -> Contact:
        for contact in self.contacts:
            if contact.id == contact_id:
                return contact
        raise KeyError(contact_id)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule-set file, for editors (yaml-language-server) and tools."""
    schema = RuleSet.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "massage-triage rule set",
    }
