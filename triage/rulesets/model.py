"""The typed model of a rule set, validated by pydantic.

The YAML file is parsed into these frozen models; everything after loading works on
them, never on raw dictionaries. Shape checks live here; checks that need the whole
rule set (references between questions, choices, outcomes) live in `checks`.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from triage.i18n import _
from triage.rulesets.texts import LANG, Strict
from triage.rulesets.texts import Audience as Audience  # re-exported: part of the model
from triage.rulesets.texts import Text as Text
from triage.rulesets.texts import _Text as _Text

IDENT = r"^[a-z][a-z0-9_]*$"

Ident = Annotated[str, Field(pattern=IDENT)]
# A choice key may start with a digit (`16_to_17`), but holds a letter, so it is never
# mistaken for a choice's number at the prompt.
KEY = r"^(?:[a-z]|[0-9][0-9_]*[a-z])[a-z0-9_]*$"
Key = Annotated[str, Field(pattern=KEY)]


# ---------------------------------------------------------------- conditions


class Compare(Strict):
    """One comparison of an answer or a score: exactly one operator besides its subject."""

    question: Ident | None = None
    score: Ident | None = None
    is_: bool | int | float | str | None = Field(default=None, alias="is")
    in_: list[str] | None = Field(default=None, alias="in", min_length=1)
    includes: str | None = None
    includes_any: list[str] | None = Field(default=None, min_length=1)
    includes_all: list[str] | None = Field(default=None, min_length=1)
    answered: bool | None = None
    ge: float | None = Field(default=None, alias=">=")
    le: float | None = Field(default=None, alias="<=")
    gt: float | None = Field(default=None, alias=">")
    lt: float | None = Field(default=None, alias="<")

    @model_validator(mode="after")
    def _one_subject_one_operator(self) -> Compare:
        if (self.question is None) == (self.score is None):
            raise ValueError(_("a comparison names exactly one 'question' or one 'score'"))
        used = self.operators()
        if len(used) != 1:
            names = "is, in, includes, includes_any, includes_all, answered, >=, <=, >, <"
            if used:
                message = _("a comparison takes exactly one operator of {names} (found: {found})")
            else:
                message = _("a comparison takes exactly one operator of {names} (found: none)")
            raise ValueError(message.format(names=names, found=", ".join(used)))
        return self

    def _pairs(self) -> tuple[tuple[str, object], ...]:
        return (
            ("is", self.is_),
            ("in", self.in_),
            ("includes", self.includes),
            ("includes_any", self.includes_any),
            ("includes_all", self.includes_all),
            ("answered", self.answered),
            (">=", self.ge),
            ("<=", self.le),
            (">", self.gt),
            ("<", self.lt),
        )

    def operators(self) -> list[str]:
        return [op for op, value in self._pairs() if value is not None]

    @property
    def subject(self) -> str:
        """The question or score compared (the model guarantees exactly one)."""
        return self.question or self.score or ""

    @property
    def operator(self) -> str:
        return self.operators()[0]

    @property
    def operand(self) -> object:
        return dict(self._pairs())[self.operator]


class All(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)


class Not(Strict):
    not_: Condition = Field(alias="not")


def _condition_kind(data: Any) -> str:
    if isinstance(data, dict):
        for key in ("all", "any", "not"):
            if key in data:
                return key
    elif isinstance(data, All):
        return "all"
    elif isinstance(data, AnyOf):
        return "any"
    elif isinstance(data, Not):
        return "not"
    return "compare"


Condition = Annotated[
    Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Compare, Tag("compare")],
    Discriminator(_condition_kind),
]


# ----------------------------------------------------------------- questions


class Choice(Strict):
    key: Key
    label: Text
    help: Text | None = None
    red_flag: Ident | None = Field(
        default=None, description="Outcome this choice must lead to, or a more severe one."
    )


class RedFlag(NamedTuple):
    """One answer that raises a red flag, and the least severe outcome it allows.

    The one definition of which answer raises which flag: the engine, the prover,
    the checks and the authoring tools all read it from `_QuestionBase.red_flags`.
    """

    id: str  # the choice key, or the yes/no question's id
    question: str
    answer: str | bool  # the choice key that raises it, or True for a yes/no "yes"
    outcome: str  # the least severe outcome the flag allows (a referral)
    declared: tuple[str | int, ...]  # where `red_flag:` is written, inside the question

    def raised_by(self, value: AnswerValue | None) -> bool:
        """Whether this answer to the question raises the flag."""
        if self.answer is True:
            return value is True
        if isinstance(value, tuple):
            return self.answer in value
        return isinstance(value, str) and value == self.answer


class _QuestionBase(Strict):
    id: Ident
    text: Text
    short: Text | None = Field(
        default=None, description="A short name for summaries and booking notes, e.g. 'Areas'."
    )
    help: Text | None = None
    when: Condition | None = Field(default=None, description="Ask only when this holds.")

    def name(self, lang: str = "en") -> str:
        """The short name, or the id in words when the rule set gives none."""
        return self.short.get(lang) if self.short else self.id.replace("_", " ")

    def red_flags(self) -> tuple[RedFlag, ...]:
        """Every answer of this question that raises a red flag (none by default)."""
        return ()

    def raised(self, value: AnswerValue | None) -> tuple[RedFlag, ...]:
        """The red flags this answer raises, in the order of the choices."""
        if value is None:
            return ()
        return tuple(flag for flag in self.red_flags() if flag.raised_by(value))


def _choice_flags(
    question: ChoiceQuestion | MultiChoiceQuestion, default: str | None
) -> tuple[RedFlag, ...]:
    """A choice's own `red_flag`, or else the question's (multi-choice only)."""
    found = []
    for j, choice in enumerate(question.choices):
        if choice.red_flag:
            where: tuple[str | int, ...] = ("choices", j, "red_flag")
            found.append(RedFlag(choice.key, question.id, choice.key, choice.red_flag, where))
        elif default:
            found.append(RedFlag(choice.key, question.id, choice.key, default, ("red_flag",)))
    return tuple(found)


class YesNoQuestion(_QuestionBase):
    type: Literal["yes_no"]
    red_flag: Ident | None = Field(
        default=None, description="Outcome a 'yes' must lead to, or a more severe one."
    )

    def red_flags(self) -> tuple[RedFlag, ...]:
        if not self.red_flag:
            return ()
        return (RedFlag(self.id, self.id, True, self.red_flag, ("red_flag",)),)


class ChoiceQuestion(_QuestionBase):
    type: Literal["choice"]
    choices: list[Choice] = Field(min_length=2)

    def red_flags(self) -> tuple[RedFlag, ...]:
        return _choice_flags(self, None)


class MultiChoiceQuestion(_QuestionBase):
    type: Literal["multi_choice"]
    choices: list[Choice] = Field(min_length=1)
    red_flag: Ident | None = Field(
        default=None, description="Outcome any chosen item must lead to, or a more severe one."
    )
    none_label: Text | None = Field(default=None, description="Wording of 'none of these'.")

    def red_flags(self) -> tuple[RedFlag, ...]:
        return _choice_flags(self, self.red_flag)


class NumberQuestion(_QuestionBase):
    type: Literal["number"]
    min: float
    max: float
    integer: bool = True
    unit: Text | None = None

    @model_validator(mode="after")
    def _range(self) -> NumberQuestion:
        if self.min > self.max:
            message = _("min ({min:g}) is greater than max ({max:g})")
            raise ValueError(message.format(min=self.min, max=self.max))
        if self.integer and math.ceil(self.min) > math.floor(self.max):
            message = _("no whole number lies between min ({min:g}) and max ({max:g})")
            raise ValueError(message.format(min=self.min, max=self.max))
        return self


class TextQuestion(_QuestionBase):
    """Free text the receptionist or the person types for the therapist (which medication,
    how many weeks pregnant, where exactly). No rule may read it and the proof ignores it:
    it is only recorded, on the booking note and in the history."""

    type: Literal["text"]
    max_length: int = Field(
        default=200, ge=1, le=1000, description="The longest answer accepted, in characters."
    )


Question = Annotated[
    YesNoQuestion | ChoiceQuestion | MultiChoiceQuestion | NumberQuestion | TextQuestion,
    Field(discriminator="type"),
]
QuestionT = YesNoQuestion | ChoiceQuestion | MultiChoiceQuestion | NumberQuestion | TextQuestion
QUESTION_TYPES = ("yes_no", "choice", "multi_choice", "number", "text")


# ------------------------------------------------------ outcomes and decisions


class Booking(Strict):
    """The appointment a receptionist books for an outcome."""

    appointment: Text = Field(description="The appointment type to book, as on the schedule.")
    minutes: int = Field(gt=0, description="The slot length to reserve.")


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


class Term(Strict):
    """What one question adds to a score.

    Without `weights`: a yes/no adds 1 for yes (a count of yes), a multi-choice adds 1
    per chosen item (a count), a choice adds nothing. With `weights`, each answer adds
    its weight and an answer not listed adds 0 (so `{no: 1}` scores a reversed item).
    An unanswered question adds nothing.
    """

    question: Ident
    weights: dict[str, float] = Field(default_factory=dict)

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

    def question(self, question_id: str) -> QuestionT:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def outcome(self, outcome_id: str) -> Outcome:
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        raise KeyError(outcome_id)

    def red_flags(self) -> tuple[RedFlag, ...]:
        """Every answer that raises a red flag, in the order of the questions and choices."""
        return tuple(flag for question in self.questions for flag in question.red_flags())

    def contact(self, contact_id: str) -> Contact:
        for contact in self.contacts:
            if contact.id == contact_id:
                return contact
        raise KeyError(contact_id)


All.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


# ---------------------------------------------------------------- answers

AnswerValue = bool | str | tuple[str, ...] | int | float
"""yes_no: a bool; choice: a key; multi_choice: a tuple of keys (empty: none); number;
text: the text itself (empty: nothing to note)."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule-set file, for editors (yaml-language-server) and tools."""
    schema = RuleSet.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "massage-triage rule set",
    }
