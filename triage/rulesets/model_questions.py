"""The questions of a rule set, their choices, and which answers raise a red flag.

Part of the model (`model` re-exports it). `RedFlag` is the one definition of which
answer raises which flag, read by the engine, the prover, the checks and the tools.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cached_property
from typing import Annotated, Literal, NamedTuple

from pydantic import Field, model_validator

from triage.i18n import _
from triage.rulesets.model_conditions import Condition, Exact, Ident, Key
from triage.rulesets.numbers import answerable, text
from triage.rulesets.texts import Strict, Text

AnswerValue = bool | str | tuple[str, ...] | int | Fraction
"""yes_no: a bool; choice: a key; multi_choice: a tuple of keys (empty: none); number:
an int for a whole-number question, else an exact `Fraction` (never a binary float);
text: the text itself (empty: nothing to note)."""


class Bracket(Strict):
    """The numbers a choice stands for (an age bracket): from `min`, up to `below` (not
    included) or to `max` (included), so that brackets meet without a gap or a doubt."""

    min: Exact
    below: Exact | None = Field(default=None, description="The first number above the range.")
    max: Exact | None = Field(default=None, description="The last number in the range.")

    @model_validator(mode="after")
    def _one_end(self) -> Bracket:
        if (self.below is None) == (self.max is None):
            raise ValueError(_("a range takes 'min' and exactly one of 'below' or 'max'"))
        if self.top < self.min or (self.below is not None and self.below == self.min):
            raise ValueError(_("a range must hold at least one number: its end is not above 'min'"))
        return self

    @property
    def top(self) -> Fraction:
        """Where the range ends (`below` or `max`)."""
        return self.below if self.below is not None else self.max  # type: ignore[return-value]

    def contains(self, number: Fraction) -> bool:
        if self.below is not None:
            return self.min <= number < self.below
        return self.min <= number <= self.top


class Choice(Strict):
    key: Key
    label: Text
    help: Text | None = None
    red_flag: Ident | None = Field(
        default=None, description="Outcome this choice must lead to, or a more severe one."
    )
    when: Condition | None = Field(
        default=None,
        description="Offer this item only when this holds (multi_choice only; an item that "
        "raises the most severe outcome is always offered).",
    )
    range: Bracket | None = Field(
        default=None,
        description="The numbers this choice stands for (choice only): a number given as the "
        "answer picks the choice whose range holds it.",
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


class _Keys:
    """The keys of a question's choices, computed once: a comparison reads them, and a
    choice of 1,000 keys read by 1,000 comparisons must stay linear."""

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each key (in order) and its position (the first, for a repeated key)."""
        found: dict[str, int] = {}
        for i, choice in enumerate(self.choices):  # type: ignore[attr-defined]
            found.setdefault(choice.key, i)
        return found


class ChoiceQuestion(_QuestionBase, _Keys):
    type: Literal["choice"]
    choices: list[Choice] = Field(min_length=2)

    def red_flags(self) -> tuple[RedFlag, ...]:
        return _choice_flags(self, None)

    def bracket(self, number: Fraction) -> str | None:
        """The key of the choice whose range holds this number (None: no range does)."""
        return next((c.key for c in self.choices if c.range and c.range.contains(number)), None)

    def ranged(self) -> list[Choice]:
        """The choices that stand for a range of numbers, lowest first."""
        return sorted((c for c in self.choices if c.range), key=lambda c: c.range.min)  # type: ignore[union-attr]


class MultiChoiceQuestion(_QuestionBase, _Keys):
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
    min: Exact
    max: Exact
    integer: bool = True
    unit: Text | None = None

    @model_validator(mode="after")
    def _range(self) -> NumberQuestion:
        if self.min > self.max:
            message = _("min ({min}) is greater than max ({max})")
            raise ValueError(message.format(min=text(self.min), max=text(self.max)))
        if self.integer and math.ceil(self.min) > math.floor(self.max):
            message = _("no whole number lies between min ({min}) and max ({max})")
            raise ValueError(message.format(min=text(self.min), max=text(self.max)))
        first, last = answerable(self.min, self.max, self.integer)
        if first > last:
            message = _(
                "no number a person can type (at most 15 digits each side of the point) "
                "lies between min ({min}) and max ({max})"
            )
            raise ValueError(message.format(min=text(self.min), max=text(self.max)))
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
